// Configuration, read from the environment once at start. The only file that reads process.env.
export interface Config {
  /** A PostgreSQL server; without it, embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  host: string;
  port: number;
  /** Cookies marked Secure (behind HTTPS). */
  secureCookies: boolean;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  sessionHours: number;
  /** Share of a stage's term left when it counts as at risk. */
  riskShare: number;
  /** Seconds between scheduler passes. */
  schedulerSeconds: number;
  /** For the test suite: a PostgreSQL server to run against instead of PGlite. */
  testDatabaseUrl: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Неверная конфигурация:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** Reads the configuration, listing every problem at once. `overrides` come from the command line. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${raw}: нужно целое число от ${min} до ${max}`);
      return fallback;
    }
    return n;
  };
  const num = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) {
      problems.push(`${name}=${raw}: нужно число от ${min} до ${max}`);
      return fallback;
    }
    return n;
  };
  const url = (name: string): string | null => {
    const raw = env[name];
    if (!raw) return null;
    if (!/^postgres(ql)?:\/\//.test(raw))
      problems.push(`${name}: нужен адрес вида postgres://пользователь@сервер:5432/база`);
    return raw;
  };
  const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
  const logLevel = (env.LOG_LEVEL ?? "info") as Config["logLevel"];
  if (!levels.includes(logLevel))
    problems.push(`LOG_LEVEL=${env.LOG_LEVEL}: одно из ${levels.join(", ")}`);
  const config: Config = {
    databaseUrl: url("DATABASE_URL"),
    dataDir: env.OTKLIK_DATA_DIR || "./data",
    host: env.HOST || "127.0.0.1",
    port: int("PORT", 3000, 0, 65535),
    secureCookies: env.OTKLIK_SECURE_COOKIES === "1" || env.OTKLIK_SECURE_COOKIES === "true",
    logLevel,
    sessionHours: int("OTKLIK_SESSION_HOURS", 12, 1, 24 * 30),
    riskShare: num("OTKLIK_RISK_SHARE", 0.25, 0, 1),
    schedulerSeconds: int("OTKLIK_SCHEDULER_SECONDS", 30, 1, 3600),
    testDatabaseUrl: url("TEST_DATABASE_URL"),
    ...overrides,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
