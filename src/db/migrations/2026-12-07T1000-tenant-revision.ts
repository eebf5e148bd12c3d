// A revision number on every tenant, raised by the database on each change of its row, so a server
// process can tell with one small read that its parsed regulation and compiled calendar are still
// the tenant's (app/tenant-context.ts) without reading the regulation text on every request.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table tenants add column revision int not null default 0;
    create function tenants_bump_revision() returns trigger language plpgsql as $$
    begin
      new.revision := old.revision + 1;
      return new;
    end
    $$;
    create trigger tenants_revision before update on tenants
      for each row execute function tenants_bump_revision();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger tenants_revision on tenants;
    drop function tenants_bump_revision();
    alter table tenants drop column revision;
  `.execute(db);
}
