// The demo: five seed administrations with their people and weeks of cases, created once.
import type { Db } from "../../db/connection.ts";
import { loadTenantContext, type TenantContext } from "../tenant-context.ts";
import { hashPassword } from "../users.ts";
import { ADMINISTRATIONS } from "./administrations.ts";
import { demoPeople, type DemoUser } from "./people.ts";
import { setUpAdministration } from "./setup.ts";
import { simulate, type SimulatedAdministration, type SimulationReport } from "./simulation.ts";

export const DEFAULT_DEMO_SEED = "otklik";
const DAY = 86_400_000;
/** How far back the simulated history starts. */
const HISTORY_DAYS = 22;

/** Cases per administration: social networks, and the citizen portal where the regulation has one. */
const CASES: Record<string, { social: number; portal: number }> = {
  purovsky: { social: 60, portal: 0 },
  krymsk: { social: 65, portal: 0 },
  bor: { social: 35, portal: 0 },
  lyambir: { social: 60, portal: 0 },
  sobolevo: { social: 50, portal: 25 },
};

export interface DemoOptions {
  now: number;
  seed?: string;
  riskShare?: number;
  /** A share of the usual number of cases (tests seed a tenth). */
  scale?: number;
  /** Progress for a person waiting at the terminal. */
  onProgress?: (line: string) => void;
}

export interface DemoResult {
  /** Everyone who can log in to the demo administrations, with their passwords. */
  users: DemoUser[];
  /** Administrations created by this run; those already present are left as they are. */
  created: string[];
  existing: string[];
  simulation: SimulationReport | null;
}

/** The demo's people who are in the database, with the passwords the seed gave them. */
export async function demoUsersIn(db: Db, seed: string): Promise<DemoUser[]> {
  const people = demoPeople(seed);
  const logins = new Set(
    (
      await db
        .selectFrom("users")
        .select("login")
        .where(
          "login",
          "in",
          people.map((p) => p.login),
        )
        .execute()
    ).map((u) => u.login),
  );
  return people
    .filter((p) => logins.has(p.login))
    .map(({ tenant, login, password, role, department }) => ({
      tenant,
      login,
      password,
      role,
      department,
    }));
}

/**
 * Creates the seed administrations that are not in the database yet and replays their weeks of
 * work up to `now`. Deterministic: the same seed and `now` give the same desk.
 */
export async function seedDemo(db: Db, options: DemoOptions): Promise<DemoResult> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const riskShare = options.riskShare ?? 0.25;
  const people = demoPeople(seed);
  const slugs = ADMINISTRATIONS.map((a) => a.slug);
  const present = new Set(
    (await db.selectFrom("tenants").select("slug").where("slug", "in", slugs).execute()).map(
      (t) => t.slug,
    ),
  );
  const missing = ADMINISTRATIONS.filter((a) => !present.has(a.slug));
  const start = options.now - HISTORY_DAYS * DAY;
  let simulation: SimulationReport | null = null;
  if (missing.length) {
    options.onProgress?.(`Создаю администрации: ${missing.map((a) => a.slug).join(", ")}…`);
    const newcomers = people.filter((p) => missing.some((a) => a.slug === p.tenant));
    // argon2 is slow on purpose; hashing in parallel keeps the first start short.
    const hashes = new Map(
      await Promise.all(
        newcomers.map(async (p) => [p.login, await hashPassword(p.password)] as const),
      ),
    );
    const sims: SimulatedAdministration[] = [];
    for (const a of missing) {
      const setup = await db.transaction().execute((tx) =>
        setUpAdministration(
          tx,
          a,
          newcomers.filter((p) => p.tenant === a.slug),
          hashes,
          start,
          options.now,
        ),
      );
      const ctx = (await loadTenantContext(db, setup.tenantId, riskShare)) as TenantContext;
      const counts = CASES[a.slug] ?? { social: 40, portal: 0 };
      const scaled = (n: number) => (n ? Math.max(1, Math.round(n * (options.scale ?? 1))) : 0);
      sims.push({
        a,
        setup,
        ctx,
        socialCases: scaled(counts.social),
        portalCases: scaled(counts.portal),
      });
    }
    options.onProgress?.(`Воспроизвожу ${HISTORY_DAYS} дня работы с сообщениями…`);
    simulation = await simulate(db, sims, { start, now: options.now, seed, riskShare });
  }
  return {
    users: await demoUsersIn(db, seed),
    created: missing.map((a) => a.slug),
    existing: [...present],
    simulation,
  };
}
