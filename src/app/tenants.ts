// Setting up administrations: a tenant from a preset or its own regulation, departments, accounts.
import { readFileSync } from "node:fs";
import { DEFAULT_SCHEDULE_SPEC, type ScheduleSpec } from "../domain/calendar/index.ts";
import { isValidTimeZone } from "../domain/calendar/time-zone.ts";
import { parseRegulation } from "../domain/regulation/parse.ts";
import { isPresetName } from "../domain/regulation/presets.ts";
import type { Tx } from "../db/cases.ts";
import { appendAudit } from "../db/audit.ts";
import { presetText } from "./regulation-presets.ts";
import { invalidInput, type Result } from "./results.ts";

const DEFAULT_RUBRICATOR = new URL("../domain/triage/rubricator.json", import.meta.url);

export interface NewTenant {
  slug: string;
  name: string;
  /** A preset name, or the regulation's YAML text. */
  preset?: string;
  regulation?: string;
  schedule?: Omit<ScheduleSpec, "timeZone">;
  timeZone?: string;
  caseNumberPrefix?: string;
}

export async function createTenant(
  tx: Tx,
  input: NewTenant,
  actorId: number | null,
  now: number,
): Promise<Result<{ id: number }>> {
  if (!/^[a-z][a-z0-9-]{1,62}$/.test(input.slug)) return invalidInput("slug", "badFormat");
  if (!input.name.trim()) return invalidInput("name", "required");
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone))
    return invalidInput("timeZone", "unknownTimeZone");
  if (input.caseNumberPrefix !== undefined && !/^[А-ЯЁA-Z]{2,5}$/.test(input.caseNumberPrefix))
    return invalidInput("caseNumberPrefix", "badFormat");
  let text: string;
  if (input.regulation !== undefined) text = input.regulation;
  else if (input.preset !== undefined && isPresetName(input.preset))
    text = presetText(input.preset);
  else return invalidInput("preset", "unknownPreset");
  const parsed = parseRegulation(text);
  if (!parsed.ok) return invalidInput("regulation", `doesNotRead:${parsed.problems.length}`);
  const existing = await tx
    .selectFrom("tenants")
    .select("id")
    .where("slug", "=", input.slug)
    .executeTakeFirst();
  if (existing) return invalidInput("slug", "taken");
  const { id } = await tx
    .insertInto("tenants")
    .values({
      slug: input.slug,
      name: input.name.trim(),
      preset: input.preset ?? null,
      regulation: text,
      time_zone: input.timeZone ?? parsed.regulation.timeZone,
      schedule: JSON.stringify(input.schedule ?? DEFAULT_SCHEDULE_SPEC),
      case_number_prefix: input.caseNumberPrefix ?? parsed.regulation.caseNumberPrefix,
      rubricator: readFileSync(DEFAULT_RUBRICATOR, "utf8"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendAudit(tx, {
    tenantId: id,
    caseId: null,
    actorId,
    action: "createTenant",
    at: now,
    before: null,
    after: { slug: input.slug, preset: input.preset ?? null },
    requestId: null,
  });
  return { ok: true, id };
}

export async function createDepartment(
  tx: Tx,
  tenantId: number,
  input: {
    name: string;
    kind?: "structural" | "territorial" | "settlement" | "coordination";
    topics?: string[];
    settlements?: string[];
  },
  actorId: number | null,
  now: number,
): Promise<number> {
  const { id } = await tx
    .insertInto("departments")
    .values({
      tenant_id: tenantId,
      name: input.name,
      kind: input.kind ?? "structural",
      topics: input.topics ?? [],
      settlements: input.settlements ?? [],
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendAudit(tx, {
    tenantId,
    caseId: null,
    actorId,
    action: "createDepartment",
    at: now,
    before: null,
    after: { id, ...input },
    requestId: null,
  });
  return id;
}
