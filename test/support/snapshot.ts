// The whole database as numbers and versions: equal snapshots mean a request changed nothing.
import { sql } from "kysely";
import type { Db } from "../../src/db/connection.ts";

const TABLES = [
  "tenants",
  "calendar_years",
  "departments",
  "users",
  "memberships",
  "absences",
  "sessions",
  "network_accounts",
  "case_counters",
  "cases",
  "messages",
  "case_stages",
  "drafts",
  "publications",
  "extension_requests",
  "notes",
  "notifications",
  "outbox",
  "audit_log",
] as const;

export async function snapshot(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    out[table] = rows[0]?.n;
  }
  out.caseVersions = (
    await db
      .selectFrom("cases")
      .select(["id", "version", "status", "updated_at"])
      .orderBy("id")
      .execute()
  ).map((r) => `${r.id}:${r.version}:${r.status}:${r.updated_at.toISOString()}`);
  out.drafts = (
    await db.selectFrom("drafts").select(["id", "status", "text"]).orderBy("id").execute()
  ).map((r) => `${r.id}:${r.status}:${r.text.length}`);
  out.stages = (
    await db.selectFrom("case_stages").select(["id", "status", "deadline"]).orderBy("id").execute()
  ).map((r) => `${r.id}:${r.status}:${r.deadline?.toISOString() ?? "-"}`);
  return out;
}
