// The tenant's gazetteer — its settlements, streets and landmarks — which triage reads to find
// where a message is about. A tenant without its own uses the one shipped with its preset.
import { createHash } from "node:crypto";
import { matchLocation, PRESET_GAZETTEERS, type Gazetteer } from "../domain/triage/location.ts";
import { mayOnTenant, type Actor } from "../domain/workflow/policy.ts";
import { appendAudit } from "../db/audit.ts";
import type { Tx } from "../db/cases.ts";
import type { Row } from "../db/schema.ts";
import type { DocumentProblem, Result } from "./results.ts";

export type GazetteerSource = "tenant" | "preset" | "none";

export interface TenantGazetteer {
  source: GazetteerSource;
  gazetteer: Gazetteer | null;
}

// Triage indexes a gazetteer on first use (by object): the same tenant's JSON keeps one object.
const cache = new Map<number, { key: string; gazetteer: Gazetteer }>();
// The tenant's row kept in its context is read again only when the tenant changes: a row's JSON
// seen before needs no hashing (a region's gazetteer is a megabyte of JSON).
const seen = new WeakMap<object, Gazetteer>();

const isStored = (v: unknown): v is Gazetteer =>
  typeof v === "object" && v !== null && Array.isArray((v as Gazetteer).settlements);

export function gazetteerOf(
  tenant: Pick<Row<"tenants">, "id" | "preset" | "gazetteer">,
): TenantGazetteer {
  if (isStored(tenant.gazetteer)) {
    const known = seen.get(tenant.gazetteer);
    if (known) return { source: "tenant", gazetteer: known };
    const key = createHash("sha1").update(JSON.stringify(tenant.gazetteer)).digest("hex");
    const hit = cache.get(tenant.id);
    const gazetteer = hit && hit.key === key ? hit.gazetteer : tenant.gazetteer;
    if (gazetteer === tenant.gazetteer) cache.set(tenant.id, { key, gazetteer });
    seen.set(tenant.gazetteer, gazetteer);
    return { source: "tenant", gazetteer };
  }
  const preset = tenant.preset ? PRESET_GAZETTEERS[tenant.preset] : undefined;
  return preset ? { source: "preset", gazetteer: preset } : { source: "none", gazetteer: null };
}

const problem = (path: string, ru: string, en: string): DocumentProblem => ({
  path,
  line: null,
  column: null,
  message: {
    ru: `${path.slice(1).replace(/\//g, ".")}: ${ru}`,
    en: `${path.slice(1).replace(/\//g, ".")}: ${en}`,
  },
});

/** What the schema cannot see: names given twice, streets and landmarks of unknown settlements. */
export function gazetteerProblems(g: Gazetteer): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const settlements = new Set<string>();
  g.settlements.forEach((s, i) => {
    if (settlements.has(s.name))
      problems.push(
        problem(`/settlements/${i}/name`, `«${s.name}» повторяется`, `“${s.name}” is used twice`),
      );
    settlements.add(s.name);
  });
  const streets = new Set<string>();
  g.streets.forEach((s, i) => {
    if (!settlements.has(s.settlement))
      problems.push(
        problem(
          `/streets/${i}/settlement`,
          `населённого пункта «${s.settlement}» нет в справочнике`,
          `settlement “${s.settlement}” is not in the gazetteer`,
        ),
      );
    const key = `${s.settlement}\u0000${s.name}`;
    if (streets.has(key))
      problems.push(
        problem(`/streets/${i}/name`, `«${s.name}» повторяется`, `“${s.name}” is used twice`),
      );
    streets.add(key);
  });
  g.landmarks.forEach((l, i) => {
    if (l.settlement !== undefined && !settlements.has(l.settlement))
      problems.push(
        problem(
          `/landmarks/${i}/settlement`,
          `населённого пункта «${l.settlement}» нет в справочнике`,
          `settlement “${l.settlement}” is not in the gazetteer`,
        ),
      );
  });
  return problems;
}

/** Replaces the tenant's gazetteer (admin): every problem at once, or nothing changes. */
export async function setGazetteer(
  tx: Tx,
  actor: Actor,
  gazetteer: Gazetteer,
  now: number,
  requestId: string | null,
): Promise<Result<{ id: number }>> {
  if (!mayOnTenant(actor, "editGazetteer"))
    return { ok: false, kind: "forbidden", action: "editGazetteer" };
  const problems = gazetteerProblems(gazetteer);
  if (problems.length) return { ok: false, kind: "invalidDocument", field: "gazetteer", problems };
  await tx
    .updateTable("tenants")
    .set({ gazetteer: JSON.stringify(gazetteer) })
    .where("id", "=", actor.tenantId)
    .execute();
  await appendAudit(tx, {
    tenantId: actor.tenantId,
    caseId: null,
    actorId: actor.userId,
    action: "setGazetteer",
    at: now,
    before: null,
    after: {
      settlements: gazetteer.settlements.length,
      streets: gazetteer.streets.length,
      landmarks: gazetteer.landmarks.length,
    },
    requestId,
  });
  return { ok: true, id: actor.tenantId };
}

/** A case's place as the gazetteer knows it (the `location` column). */
export interface KnownPlace {
  settlement: string | null;
  street: string | null;
  house: string | null;
  landmark: string | null;
}

/**
 * The place a location typed by a person names, found in the tenant's gazetteer as triage finds it
 * in a message ("Пурпе, ул. Мира, 5"); null when the text names nothing the gazetteer knows.
 */
export function placeNamed(
  tenant: Pick<Row<"tenants">, "id" | "preset" | "gazetteer">,
  text: string | null | undefined,
): KnownPlace | null {
  const { gazetteer } = gazetteerOf(tenant);
  if (!gazetteer || !text?.trim()) return null;
  const found = matchLocation(gazetteer, text);
  if (!found) return null;
  return {
    settlement: found.settlement ?? null,
    street: found.street ?? null,
    house: found.house ?? null,
    landmark: found.landmark ?? null,
  };
}
