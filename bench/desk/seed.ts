// Seeds the bench database through the application: administrations, departments, people, and the
// cases that go through the real use cases (the templates of history and the open set).
import { actOnCase, type ActionRequest } from "../../src/app/act-on-case.ts";
import { registerCase } from "../../src/app/register-case.ts";
import { loadTenantContext, type TenantContext } from "../../src/app/tenant-context.ts";
import { createDepartment, createTenant } from "../../src/app/tenants.ts";
import { addMembership, createUser, hashPassword } from "../../src/app/users.ts";
import type { Db } from "../../src/db/connection.ts";
import { membershipsOf } from "../../src/db/people.ts";
import { sql } from "kysely";
import type { Channel } from "../../src/domain/regulation/schema.ts";
import { isClosed, type CaseState } from "../../src/domain/workflow/case.ts";
import { allowedActions, type Actor, type Role } from "../../src/domain/workflow/policy.ts";
import {
  DESK_STEPS,
  messageOf,
  nextStep,
  seeded,
  type Staffing,
  type StepOptions,
} from "./driver.ts";

export const PASSWORD = "bench-desk-password";
export const PRESETS = ["sobolevo", "purovsky", "krymsk", "bor", "lyambir"] as const;

const DEPARTMENTS = [
  "Отдел ЖКХ",
  "Управление образования",
  "Отдел благоустройства",
  "Дорожный отдел",
  "Отдел транспорта и связи",
  "Отдел социальной защиты",
  "Отдел культуры и спорта",
  "Отдел по делам ГО и ЧС",
];

export interface Login {
  login: string;
  userId: number;
}

export interface BenchTenant {
  id: number;
  slug: string;
  preset: string;
  prefix: string;
  staffing: Staffing;
  curators: Login[];
  executors: Array<Login & { departmentId: number }>;
  /**
   * The person on duty: curator, approver and executor in every department, so one client can move
   * a case through every stage (the policy table is checked all the same). The seeding walks cases
   * as them, and every transitions client of the tenant signs in as them in a session of its own:
   * one person more to notify, as in a small administration, not one per client.
   */
  duty: Login;
  dutyActor: Actor;
}

/** Administrations from the five presets with their departments and people. */
export async function seedPeople(
  db: Db,
  options: { tenants: number; now: number },
): Promise<BenchTenant[]> {
  const hash = await hashPassword(PASSWORD);
  const { now } = options;
  const out: BenchTenant[] = [];
  for (let i = 0; i < options.tenants; i++) {
    const preset = PRESETS[i % PRESETS.length] as string;
    const slug = `${preset}-${i + 1}`;
    const seededTenant = await db.transaction().execute(async (tx) => {
      const t = await createTenant(tx, { slug, name: `Администрация ${slug}`, preset }, null, now);
      if (!t.ok) throw new Error(`tenant ${slug}: ${JSON.stringify(t)}`);
      const departments: number[] = [];
      for (const name of DEPARTMENTS)
        departments.push(await createDepartment(tx, t.id, { name }, null, now));
      const user = async (key: string, roles: Array<[Role, number | null]>): Promise<Login> => {
        const login = `${key}.${slug}`;
        const u = await createUser(
          tx,
          { login, passwordHash: hash, fullName: `${key} ${slug}` },
          null,
          now,
        );
        if (!u.ok) throw new Error(`user ${login}: ${JSON.stringify(u)}`);
        for (const [role, dept] of roles)
          await addMembership(tx, t.id, u.id, role, dept, null, now);
        return { login, userId: u.id };
      };
      const everything = (): Array<[Role, number | null]> => [
        ["curator", null],
        ["approver", null],
        ...departments.map((d): [Role, number] => ["executor", d]),
      ];
      const curators = [
        await user("curator1", [["curator", null]]),
        await user("curator2", [["curator", null]]),
      ];
      await user("approver", [["approver", null]]);
      await user("supervisor", [["supervisor", null]]);
      await user("admin", [["admin", null]]);
      const executors: BenchTenant["executors"] = [];
      const executorsOf = new Map<number, number[]>();
      for (const [k, d] of departments.entries())
        for (const n of [1, 2]) {
          const e = await user(`executor${k + 1}-${n}`, [["executor", d]]);
          executors.push({ ...e, departmentId: d });
          executorsOf.set(d, [...(executorsOf.get(d) ?? []), e.userId]);
        }
      const duty = await user("duty", everything());
      const prefix = await tx
        .selectFrom("tenants")
        .select("case_number_prefix")
        .where("id", "=", t.id)
        .executeTakeFirstOrThrow();
      return {
        id: t.id,
        slug,
        preset,
        prefix: prefix.case_number_prefix,
        staffing: { departments, executorsOf },
        curators,
        executors,
        duty,
      };
    });
    out.push({
      ...seededTenant,
      dutyActor: {
        userId: seededTenant.duty.userId,
        tenantId: seededTenant.id,
        memberships: await membershipsOf(db, seededTenant.duty.userId, seededTenant.id),
      },
    });
  }
  return out;
}

export async function contextOf(db: Db, tenantId: number): Promise<TenantContext> {
  const ctx = await loadTenantContext(db, tenantId, 0.25);
  if (!ctx) throw new Error(`no tenant ${tenantId}`);
  return ctx;
}

const CHANNELS: Channel[] = ["vk", "vk", "vk", "ok", "telegram"];

export interface Walk {
  /** When the message was detected (and registered). */
  registeredAt: number;
  /** How many steps to take; Infinity: until the case closes. */
  steps: number;
  /** Stop before publishing (the open set stays open). */
  stayOpen: boolean;
  /** Epoch ms between steps, from a random number in [0, 1). */
  gap: (r: number) => number;
  /** Never act later than this. */
  notAfter: number;
  seed: number;
  notProcessable?: boolean;
  options?: StepOptions;
  /** After this many returned drafts the approver approves. */
  maxRevisions?: number;
}

/** Registers one case through the app and walks it along the workflow; returns its id and status. */
export async function walkCase(
  db: Db,
  ctx: TenantContext,
  tenant: BenchTenant,
  walk: Walk,
): Promise<{ id: number; status: string; actions: number }> {
  const random = seeded(walk.seed);
  const n = Math.floor(random() * 1e6);
  const actor = tenant.dutyActor;
  let now = walk.registeredAt;
  const channel = CHANNELS[n % CHANNELS.length] as Channel;
  const registered = await db.transaction().execute((tx) =>
    registerCase(
      tx,
      ctx,
      actor,
      {
        channel,
        text: messageOf(n),
        externalId: `${tenant.slug}-${walk.seed}`,
        url: `https://vk.com/wall-${n}_${walk.seed}`,
        authorName: "Житель района",
        authorExternalId: String(n % 5000),
        postedAt: now - 3_600_000,
        detectedAt: now,
      },
      now,
    ),
  );
  if (!registered.ok) throw new Error(`register: ${JSON.stringify(registered)}`);
  let kase: CaseState = registered.case;
  const id = kase.id;
  let last: string | null = null;
  let actions = 0;
  let revisions = 0;
  for (let step = 0; step < walk.steps && !isClosed(kase.status); step++) {
    now = Math.min(now + walk.gap(random()), walk.notAfter);
    const procedure = ctx.procedure(kase.procedure);
    const allowed = allowedActions(actor, kase, procedure);
    const request: ActionRequest | null =
      walk.notProcessable && allowed.includes("markNotProcessable")
        ? ({ action: "markNotProcessable", reason: "obscene" } as const)
        : nextStep(
            kase.status,
            allowed,
            last,
            tenant.staffing,
            random,
            revisions >= (walk.maxRevisions ?? Infinity)
              ? { ...(walk.options ?? DESK_STEPS), revisionShare: 0 }
              : walk.options,
          );
    if (!request || (walk.stayOpen && request.action === "publish")) break;
    const acted = await db
      .transaction()
      .execute((tx) =>
        actOnCase(tx, ctx, actor, id, request, { now, expectedVersion: kase.version }),
      );
    if (!acted.ok) throw new Error(`${request.action} on ${id}: ${JSON.stringify(acted)}`);
    kase = acted.case;
    last = request.action;
    if (last === "requestRevision") revisions++;
    actions++;
  }
  return { id, status: kase.status, actions };
}

/** Runs `jobs` with at most `width` at once. */
export async function inParallel<T>(width: number, jobs: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await (jobs[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

/**
 * Closed cases walked end to end through the app in early 2021: the shapes history is cloned from
 * (stages, drafts, publications, notes, notifications, audit). One in `templates` is archived as
 * not processable; every fourth goes through a revision loop.
 */
export async function seedTemplates(db: Db, tenant: BenchTenant, count: number): Promise<number[]> {
  const ctx = await contextOf(db, tenant.id);
  const start = Date.parse("2021-02-01T06:00:00Z");
  const ids: number[] = [];
  for (let k = 0; k < count; k++) {
    const walked = await walkCase(db, ctx, tenant, {
      registeredAt: start + k * 3 * 86_400_000,
      steps: 30,
      stayOpen: false,
      gap: (r) => 1_800_000 + r * 6 * 3_600_000,
      notAfter: Date.parse("2021-12-31T00:00:00Z"),
      seed: 1_000 + tenant.id * 100 + k,
      notProcessable: k === count - 1,
      options: { revisionShare: k % 4 === 1 ? 1 : 0, returnShare: 0, triageShare: 0.5 },
      maxRevisions: 1,
    });
    if (walked.status !== "answered" && walked.status !== "notProcessable")
      throw new Error(`template ${walked.id} of ${tenant.slug} stopped at ${walked.status}`);
    ids.push(walked.id);
  }
  return ids;
}

/**
 * The open set: cases registered over the last weeks and walked a few steps each, so every open
 * status is there and some are overdue. The same at every history size.
 */
export async function seedOpenSet(
  db: Db,
  tenants: BenchTenant[],
  perTenant: number,
  now: number,
  width: number,
): Promise<Record<string, number>> {
  const jobs: Array<() => Promise<{ status: string }>> = [];
  const contexts = new Map<number, TenantContext>();
  for (const t of tenants) contexts.set(t.id, await contextOf(db, t.id));
  for (const t of tenants)
    for (let k = 0; k < perTenant; k++) {
      const random = seeded(77_000 + t.id * 10_000 + k);
      // Social-network terms run in working hours: most cases came in today or yesterday and move
      // on; one in sixteen stalled for days (overdue, as a real desk has a few).
      const stalled = random() < 1 / 16;
      const age = (stalled ? 24 + random() * 200 : random() * random() * 30) * 3_600_000;
      const steps = Math.floor(random() * 8);
      jobs.push(() =>
        walkCase(db, contexts.get(t.id) as TenantContext, t, {
          registeredAt: now - age,
          steps,
          stayOpen: true,
          // The steps spread over the case's age: it sits at its current stage since the last one.
          gap: (r) => (age / (steps + 1)) * (0.5 + r),
          notAfter: now - 60_000,
          seed: 500_000 + t.id * 10_000 + k,
          options: { revisionShare: 0.25, returnShare: 0.05, triageShare: 0.3 },
        }),
      );
    }
  const walked = await inParallel(width, jobs);
  const statuses: Record<string, number> = {};
  for (const w of walked) statuses[w.status] = (statuses[w.status] ?? 0) + 1;
  // What the scheduler would have marked by now (cases.ts riskAt, over the stored stages).
  await sql`
    update cases c set risk = case
      when exists (select 1 from case_stages s where s.case_id = c.id and s.status = 'open'
                   and s.kind <> 'window' and s.deadline <= now()) then 'overdue'
      when exists (select 1 from case_stages s where s.case_id = c.id and s.status = 'open'
                   and s.kind <> 'window' and s.at_risk_at <= now()) then 'atRisk'
      else 'none' end
    where c.closed_at is null`.execute(db);
  return statuses;
}
