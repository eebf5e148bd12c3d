// Transitions through the application layer without HTTP: the same use cases the routes call,
// one transaction each, from concurrent promises on one connection pool. The difference from the
// HTTP figures is what Fastify, sessions, validation and the card in the answer cost.
import { actOnCase } from "../../src/app/act-on-case.ts";
import { registerCase } from "../../src/app/register-case.ts";
import { loadTenantContext, type TenantContext } from "../../src/app/tenant-context.ts";
import type { Db } from "../../src/db/connection.ts";
import { loadCase, type Tx } from "../../src/db/cases.ts";
import { isClosed, type CaseState } from "../../src/domain/workflow/case.ts";
import { allowedActions, type Actor } from "../../src/domain/workflow/policy.ts";
import { messageOf, nextStep, seeded, type Staffing } from "./driver.ts";
import type { TransitionResult } from "./load.ts";

export interface AppWorker {
  actor: Actor;
  ctx: TenantContext;
  staffing: Staffing;
  caseIds: number[];
}

export async function moveCasesInApp(
  db: Db,
  workers: AppWorker[],
  seconds: number,
  clock: () => number = Date.now,
): Promise<TransitionResult> {
  const out: TransitionResult = {
    latencies: [],
    byAction: {},
    registrations: [],
    conflicts: 0,
    refusals: 0,
    errors: 0,
    seconds: 0,
  };
  let registered = 0;
  // What each worker knows of its cases, read before the clock starts.
  const known = await Promise.all(
    workers.map(async (w) => {
      const cases: Array<{ c: CaseState; last: string | null }> = [];
      for (const id of w.caseIds) {
        const c = await loadCase(db, w.actor.tenantId, id);
        if (c && !isClosed(c.status)) cases.push({ c, last: null });
      }
      return cases;
    }),
  );
  // As the route does: the tenant's context is read in the action's transaction (cached if unchanged).
  const context = async (tx: Tx, w: AppWorker) =>
    (await loadTenantContext(tx, w.actor.tenantId, 0.25)) as TenantContext;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    workers.map(async (w, i) => {
      const random = seeded(51_000 + i);
      const cases = known[i] as Array<{ c: CaseState; last: string | null }>;
      const renew = async (slot: { c: CaseState; last: string | null }) => {
        const n = ++registered;
        const start = performance.now();
        const now = clock();
        const r = await db
          .transaction()
          .execute(async (tx) =>
            registerCase(
              tx,
              await context(tx, w),
              w.actor,
              { channel: "vk", text: messageOf(n), externalId: `bench-app-${process.pid}-${n}` },
              now,
            ),
          );
        if (!r.ok) {
          out.errors++;
          return;
        }
        out.registrations.push(performance.now() - start);
        slot.c = r.case;
        slot.last = null;
      };
      let turn = 0;
      while (performance.now() < until && cases.length) {
        const slot = cases[turn++ % cases.length] as { c: CaseState; last: string | null };
        const procedure = w.ctx.procedure(slot.c.procedure);
        const step = nextStep(
          slot.c.status,
          allowedActions(w.actor, slot.c, procedure),
          slot.last,
          w.staffing,
          random,
        );
        if (!step) {
          await renew(slot);
          continue;
        }
        const start = performance.now();
        const now = clock();
        const acted = await db.transaction().execute(async (tx) =>
          actOnCase(tx, await context(tx, w), w.actor, slot.c.id, step, {
            now,
            expectedVersion: slot.c.version,
          }),
        );
        const ms = performance.now() - start;
        if (acted.ok) {
          out.latencies.push(ms);
          (out.byAction[step.action] ??= []).push(ms);
          slot.c = acted.case;
          slot.last = step.action;
          if (isClosed(slot.c.status)) await renew(slot);
        } else if (acted.kind === "conflict") {
          out.conflicts++;
          slot.c = (await loadCase(db, w.actor.tenantId, slot.c.id)) ?? slot.c;
        } else {
          out.refusals++;
          await renew(slot);
        }
      }
    }),
  );
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}
