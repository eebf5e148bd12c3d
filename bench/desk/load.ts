// The bench's clients: people signed in to the desk over HTTP (keep-alive, session cookie, CSRF
// header) reading the queue or moving cases, each request timed; and latency percentiles.
import http from "node:http";
import { nextStep, pick, seeded, type Staffing } from "./driver.ts";

export interface Stats {
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Percentiles (nearest rank) of latencies in milliseconds over `seconds` of work. */
export function statsOf(latencies: number[], seconds: number): Stats {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) =>
    sorted.length
      ? (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0)
      : 0;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    perSecond: sorted.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.length ? (sorted[sorted.length - 1] ?? 0) : 0,
    mean: sorted.length ? sum / sorted.length : 0,
  };
}

export interface Reply {
  status: number;
  /** The answer's JSON, parsed when first asked for (a queue page's is never needed). */
  readonly body: unknown;
  ms: number;
}

/** A reply whose body is parsed on first use: the clients share the machine with the server. */
function reply(status: number, bytes: Buffer, ms: number): Reply {
  let parsed: { value: unknown } | undefined;
  return {
    status,
    ms,
    get body() {
      if (!parsed) {
        const text = bytes.toString("utf8");
        try {
          parsed = { value: text ? JSON.parse(text) : null };
        } catch {
          // not JSON: kept as text for the error message
          parsed = { value: text };
        }
      }
      return parsed.value;
    },
  };
}

/** One person's connection to the desk: a keep-alive socket, their session and CSRF token. */
export class DeskClient {
  private cookie = "";
  private csrf = "";
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly port: number) {}

  request(method: string, path: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== "GET") headers["x-csrf-token"] = this.csrf;
    if (payload !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(payload));
    }
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port: this.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const ms = performance.now() - t0;
            const set = res.headers["set-cookie"];
            const session = set?.find((c) => c.startsWith("otklik_session="));
            if (session) this.cookie = session.split(";")[0] as string;
            resolve(reply(res.statusCode ?? 0, Buffer.concat(chunks), ms));
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  async signIn(login: string, password: string): Promise<void> {
    const r = await this.request("POST", "/api/v1/auth/login", { login, password });
    if (r.status !== 200)
      throw new Error(`sign-in ${login}: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrf = (r.body as { csrfToken: string }).csrfToken;
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface QueueReader {
  client: DeskClient;
  role: "curator" | "executor";
  departments: readonly number[];
  words: readonly string[];
}

/** Which queue page a person opens: the filter mix of a working day. */
export function queuePath(
  reader: QueueReader,
  random: () => number,
): { kind: string; path: string } {
  const r = random();
  const page = random() < 0.1 ? "&offset=50" : "";
  if (reader.role === "executor") {
    if (r < 0.6) return { kind: "all open", path: `/api/v1/cases?limit=50${page}` };
    if (r < 0.8) return { kind: "mine", path: "/api/v1/cases?mine=true&limit=50" };
    return {
      kind: "text",
      path: `/api/v1/cases?limit=50&text=${encodeURIComponent(pick(random, reader.words))}`,
    };
  }
  if (r < 0.45) return { kind: "all open", path: `/api/v1/cases?limit=50${page}` };
  if (r < 0.65) return { kind: "overdue", path: "/api/v1/cases?overdue=true&limit=50" };
  if (r < 0.85)
    return {
      kind: "department",
      path: `/api/v1/cases?department=${pick(random, reader.departments)}&limit=50`,
    };
  return {
    kind: "text",
    path: `/api/v1/cases?limit=50&text=${encodeURIComponent(pick(random, reader.words))}`,
  };
}

export interface QueueResult {
  latencies: number[];
  byKind: Record<string, number[]>;
  errors: number;
  seconds: number;
}

/** Every reader opens queue pages back to back for `seconds`. */
export async function readQueues(readers: QueueReader[], seconds: number): Promise<QueueResult> {
  const latencies: number[] = [];
  const byKind: Record<string, number[]> = {};
  let errors = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    readers.map(async (reader, i) => {
      const random = seeded(9_000 + i);
      while (performance.now() < until) {
        const { kind, path } = queuePath(reader, random);
        const r = await reader.client.request("GET", path);
        if (r.status !== 200) {
          errors++;
          if (errors <= 3) console.error(`queue ${path}: ${r.status} ${JSON.stringify(r.body)}`);
          continue;
        }
        latencies.push(r.ms);
        (byKind[kind] ??= []).push(r.ms);
      }
    }),
  );
  return { latencies, byKind, errors, seconds: (performance.now() - t0) / 1000 };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The readers open pages at `rate` a second in all, at random moments (a Poisson process) rather
 * than back to back: people who read a page before they open the next. Each moment goes to the
 * next reader in turn; a reader still waiting for its last page sends the new one after it. A
 * page's time counts from its moment, not from when it was sent, so waiting behind a slow page
 * shows in the figures instead of hiding (no coordinated omission).
 */
export async function paceQueues(
  readers: QueueReader[],
  rate: number,
  seconds: number,
  seed: number,
): Promise<QueueResult> {
  const random = seeded(seed);
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const last = readers.map(() => Promise.resolve());
  let at = t0;
  for (let i = 0; ; i++) {
    at += (-Math.log(1 - random()) / rate) * 1000;
    if (at >= until) break;
    const wait = at - performance.now();
    if (wait > 0) await sleep(wait);
    const k = i % readers.length;
    const reader = readers[k] as QueueReader;
    const moment = at;
    const { path } = queuePath(reader, random);
    last[k] = (last[k] as Promise<void>).then(async () => {
      const r = await reader.client.request("GET", path);
      if (r.status === 200) latencies.push(performance.now() - moment);
      else errors++;
    });
  }
  await Promise.all(last);
  return { latencies, byKind: {}, errors, seconds };
}

/** What a worker knows of a case it moves: what the last answer said. */
export interface Tracked {
  id: number;
  version: number;
  status: string;
  allowed: string[];
  last: string | null;
}

export interface Worker {
  client: DeskClient;
  staffing: Staffing;
  /** Its own share of the tenant's open cases: workers rarely meet on a case. */
  cases: Tracked[];
}

export interface TransitionResult {
  latencies: number[];
  byAction: Record<string, number[]>;
  registrations: number[];
  conflicts: number;
  refusals: number;
  errors: number;
  seconds: number;
}

interface CardReply {
  case: { id: number; version: number; status: string; allowedActions: string[] } | null;
}

/** Reads the cards of a worker's cases (untimed): their versions and allowed actions. */
export async function loadCards(worker: Worker): Promise<void> {
  for (const c of worker.cases) {
    const r = await worker.client.request("GET", `/api/v1/cases/${c.id}`);
    if (r.status !== 200) throw new Error(`card ${c.id}: ${r.status}`);
    const card = r.body as { version: number; status: string; allowedActions: string[] };
    c.version = card.version;
    c.status = card.status;
    c.allowed = card.allowedActions;
  }
}

/**
 * Every worker takes its cases in turn and makes the next move on each; a case that closes is
 * replaced by a newly registered one, so the open set keeps its size.
 */
export async function moveCases(workers: Worker[], seconds: number): Promise<TransitionResult> {
  const out: TransitionResult = {
    latencies: [],
    byAction: {},
    registrations: [],
    conflicts: 0,
    refusals: 0,
    errors: 0,
    seconds: 0,
  };
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    workers.map(async (w, i) => {
      const random = seeded(31_000 + i);
      let turn = 0;
      while (performance.now() < until && w.cases.length) {
        const c = w.cases[turn++ % w.cases.length] as Tracked;
        const step = nextStep(c.status, c.allowed, c.last, w.staffing, random);
        if (!step) {
          // Nothing of the usual path is open: register a new case in its place.
          await register(w, c, out);
          continue;
        }
        const { action, ...fields } = step;
        const r = await w.client.request("POST", `/api/v1/cases/${c.id}/actions/${action}`, {
          expectedVersion: c.version,
          ...fields,
        });
        if (r.status === 200) {
          out.latencies.push(r.ms);
          (out.byAction[action] ??= []).push(r.ms);
          const card = (r.body as CardReply).case;
          c.last = action;
          if (!card || card.status === "answered" || card.status === "notProcessable")
            await register(w, c, out);
          else {
            c.version = card.version;
            c.status = card.status;
            c.allowed = card.allowedActions;
          }
        } else if (r.status === 409) {
          const problem = r.body as { currentVersion?: number; allowedActions?: string[] };
          if (problem.currentVersion !== undefined) out.conflicts++;
          else out.refusals++;
          // Read the card again, as the desk does after a 409, and go on.
          const fresh = await w.client.request("GET", `/api/v1/cases/${c.id}`);
          const card = fresh.body as { version: number; status: string; allowedActions: string[] };
          if (fresh.status === 200)
            Object.assign(c, {
              version: card.version,
              status: card.status,
              allowed: card.allowedActions,
            });
        } else {
          out.errors++;
          if (out.errors <= 3)
            console.error(`${action} on ${c.id}: ${r.status} ${JSON.stringify(r.body)}`);
          await register(w, c, out);
        }
      }
    }),
  );
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}

let registered = 0;

async function register(w: Worker, c: Tracked, out: TransitionResult): Promise<void> {
  const n = ++registered;
  const r = await w.client.request("POST", "/api/v1/cases", {
    channel: "vk",
    text: `Новое сообщение ${n}: не вывозят мусор, контейнеры переполнены. Улица Школьная, дом ${n % 97}.`,
    externalId: `bench-http-${process.pid}-${n}`,
  });
  if (r.status !== 201) {
    out.errors++;
    if (out.errors <= 3) console.error(`register: ${r.status} ${JSON.stringify(r.body)}`);
    return;
  }
  out.registrations.push(r.ms);
  const card = r.body as { id: number; version: number; status: string; allowedActions: string[] };
  Object.assign(c, {
    id: card.id,
    version: card.version,
    status: card.status,
    allowed: card.allowedActions,
    last: null,
  });
}
