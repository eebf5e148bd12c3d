// Sets up one seed administration: the tenant from its preset, departments, people, accounts and
// an absence with a substitute — through the same use cases an admin would use.
import type { Actor, Membership } from "../../domain/workflow/policy.ts";
import type { Tx } from "../../db/cases.ts";
import { createDepartment, createTenant } from "../tenants.ts";
import { addMembership, createUser } from "../users.ts";
import type { DemoAdministration } from "./administrations.ts";
import type { DemoPerson } from "./people.ts";

const DAY = 86_400_000;

export interface SetUpAdministration {
  tenantId: number;
  departmentIds: Map<string, number>;
  /** People by login, as actors of the tenant. */
  actors: Map<string, Actor>;
  accounts: Map<string, number>;
  /** The executor on leave, who stands in for them, and when. */
  absence: { userId: number; substituteId: number; startsAt: number; endsAt: number } | null;
}

export async function setUpAdministration(
  tx: Tx,
  a: DemoAdministration,
  people: readonly DemoPerson[],
  hashes: ReadonlyMap<string, string>,
  start: number,
  now: number,
): Promise<SetUpAdministration> {
  const tenant = await createTenant(
    tx,
    { slug: a.slug, name: a.name, preset: a.slug },
    null,
    start,
  );
  if (!tenant.ok) throw new Error(`demo tenant ${a.slug}: ${JSON.stringify(tenant)}`);
  const tenantId = tenant.id;
  const departmentIds = new Map<string, number>();
  for (const d of a.departments)
    departmentIds.set(
      d.key,
      await createDepartment(
        tx,
        tenantId,
        { name: d.name, kind: d.kind, topics: d.topics, settlements: d.settlements ?? [] },
        null,
        start,
      ),
    );
  const actors = new Map<string, Actor>();
  for (const p of people) {
    const user = await createUser(
      tx,
      { login: p.login, passwordHash: hashes.get(p.login) as string, fullName: p.fullName },
      null,
      start,
    );
    if (!user.ok) throw new Error(`demo user ${p.login}: ${JSON.stringify(user)}`);
    const memberships: Membership[] = [];
    for (const role of p.roles) {
      const departmentId = p.departmentKey ? (departmentIds.get(p.departmentKey) ?? null) : null;
      await addMembership(tx, tenantId, user.id, role, departmentId, null, start);
      memberships.push({ role, departmentId: role === "executor" ? departmentId : null });
    }
    actors.set(p.login, { userId: user.id, tenantId, memberships });
  }
  const accounts = new Map<string, number>();
  for (const acc of a.accounts) {
    const { id } = await tx
      .insertInto("network_accounts")
      .values({
        tenant_id: tenantId,
        network: acc.network,
        name: acc.name,
        external_id: acc.externalId,
        url: acc.url,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    accounts.set(acc.network, id);
  }
  // The main utilities executor is on leave around `now`; the second one stands in.
  const first = a.departments[0];
  let absence: SetUpAdministration["absence"] = null;
  if (first && first.executors.length > 1) {
    const away = actors.get(`${a.slug}.${first.key}`) as Actor;
    const substitute = actors.get(`${a.slug}.${first.key}2`) as Actor;
    absence = {
      userId: away.userId,
      substituteId: substitute.userId,
      startsAt: now - 3 * DAY,
      endsAt: now + 11 * DAY,
    };
    await tx
      .insertInto("absences")
      .values({
        tenant_id: tenantId,
        user_id: absence.userId,
        starts_at: new Date(absence.startsAt),
        ends_at: new Date(absence.endsAt),
        reason: "vacation",
        substitute_id: absence.substituteId,
        created_by: actors.get(`${a.slug}.admin`)?.userId ?? null,
      })
      .execute();
  }
  return { tenantId, departmentIds, actors, accounts, absence };
}
