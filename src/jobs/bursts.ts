// The bursts pass, next to the deadline pass: the topics and places of every tenant that got
// enough messages lately are judged against their own history, one short transaction each. Safe
// from several processes at once: each place is taken by one of them (an advisory lock, skipped
// rather than waited for) and a burst is raised once.
import {
  loadTenantContext,
  TenantMisconfigured,
  type TenantContext,
} from "../app/tenant-context.ts";
import { followPlace, type PlaceOutcome } from "../app/raise-burst.ts";
import { busyPlaces } from "../db/bursts.ts";
import type { Db } from "../db/connection.ts";
import type { SchedulerLogger } from "./scheduler.ts";

const HOUR = 3_600_000;
/** Fewer messages than this in a day on a topic in a place are never a burst (bursts.ts minCount). */
const MIN_COUNT = 5;
/** Places judged per pass, busiest first: a region's worst day stays bounded. */
const MAX_PLACES = 500;

export interface BurstPassOptions {
  riskShare: number;
  logger?: SchedulerLogger;
}

export type BurstPassReport = Record<PlaceOutcome, number>;

export async function runBurstPass(
  db: Db,
  now: number,
  options: BurstPassOptions,
): Promise<BurstPassReport> {
  const report: BurstPassReport = { raised: 0, ongoing: 0, quiet: 0, busy: 0 };
  // The longest window the library looks at is a day.
  const places = await busyPlaces(db, now - 24 * HOUR, now, MIN_COUNT, MAX_PLACES);
  const contexts = new Map<number, TenantContext | null>();
  for (const key of places) {
    const outcome = await db.transaction().execute(async (tx) => {
      let ctx = contexts.get(key.tenantId);
      if (ctx === undefined) {
        try {
          ctx = (await loadTenantContext(tx, key.tenantId, options.riskShare)) ?? null;
        } catch (e) {
          if (!(e instanceof TenantMisconfigured)) throw e;
          options.logger?.warn(
            { tenantId: key.tenantId, problems: e.problems },
            "tenant misconfigured: bursts skipped",
          );
          ctx = null;
        }
        contexts.set(key.tenantId, ctx);
      }
      return ctx ? followPlace(tx, ctx, key, now) : ("busy" as const);
    });
    report[outcome]++;
  }
  return report;
}
