// Files attached to drafts and messages (photos of the work done, documents), stored in the
// database itself: PGlite and PostgreSQL then behave the same, and a backup holds everything.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table attachments (
      -- Random, not a sequence: an address cannot be guessed from another one.
      id uuid primary key default gen_random_uuid(),
      tenant_id int not null references tenants(id),
      kind text not null check (kind in ('photo', 'document')),
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
      name text not null,
      size int not null check (size > 0),
      sha256 text not null,
      data bytea not null,
      -- What was taken out of the file before it was stored (Exif, XMP, IPTC, comments…).
      removed jsonb not null default '[]',
      uploaded_by int references users(id),
      created_at timestamptz not null default now()
    );
    create index attachments_tenant on attachments (tenant_id, created_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists attachments`.execute(db);
}
