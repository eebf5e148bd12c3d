// Indexes of the supervisor's overview: open stages of a tenant, stages completed in a period,
// and escalations. Each is partial, so the overview reads what is open or recent, never history.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Counts per stage, and which open cases are overdue or at risk now.
    create index case_stages_open on case_stages (tenant_id, case_id)
      include (stage, kind, deadline, at_risk_at)
      where status = 'open';
    -- Timeliness: stages done in a period (today, this week), with their deadlines.
    create index case_stages_done on case_stages (tenant_id, completed_at)
      include (case_id, deadline, kind)
      where status = 'done' and deadline is not null;
    -- Timeliness: stages that came due in a period and are still open (late, not yet done).
    create index case_stages_open_due on case_stages (tenant_id, deadline)
      include (case_id, kind)
      where status = 'open' and deadline is not null;
    create index cases_escalated on cases (tenant_id, escalated_at desc)
      where escalated_at is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists cases_escalated;
    drop index if exists case_stages_open_due;
    drop index if exists case_stages_done;
    drop index if exists case_stages_open;
  `.execute(db);
}
