// Triage suggestions and the curators' decisions on them. The suggestion is kept with the message
// it was made for; every decision (a confirmation or a correction) is kept as the training data of
// the tenant's own models.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table messages add column triage jsonb;

    -- A message the triage takes for not processable (002 п. 14, 004 п. 21) waits, with its reason,
    -- for a curator to confirm it; null once confirmed or rejected.
    alter table cases add column not_processable_suggested text
      check (not_processable_suggested in ('obscene', 'threat', 'insult'));
    create index cases_set_aside on cases (tenant_id, next_deadline, id)
      where closed_at is null and not_processable_suggested is not null;

    create table triage_corrections (
      id bigint generated always as identity primary key,
      tenant_id int not null references tenants(id),
      message_id int not null references messages(id),
      case_id int not null references cases(id),
      field text not null check (field in ('topic', 'location', 'importance', 'notProcessable')),
      suggested jsonb,
      chosen jsonb,
      by_user int not null references users(id),
      at timestamptz not null
    );
    -- Read per tenant and field, newest first, when a tenant's model is retrained.
    create index triage_corrections_tenant on triage_corrections (tenant_id, field, at desc);
    create index triage_corrections_case on triage_corrections (case_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists triage_corrections;
    drop index if exists cases_set_aside;
    alter table cases drop column if exists not_processable_suggested;
    alter table messages drop column if exists triage;
  `.execute(db);
}
