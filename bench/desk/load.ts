// The bench's clients: people signed in to the desk over HTTP (keep-alive, session cookie, CSRF
// header) reading the queue or moving cases, each request timed; and latency percentiles.
import net from "node:net";
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

/**
 * One HTTP/1.1 exchange at a time over a keep-alive socket, read by the answer's Content-Length.
 * The clients share the machine with the server and PostgreSQL, so they do as little as they can:
 * node:http's client spent about 0.6 ms of CPU on each queue page (events, header objects,
 * chunks), nearly as much as the server spent making it. The desk always answers with a length;
 * anything else (a chunked answer, a closed socket mid-answer) is an error.
 */
class Connection {
  private socket: net.Socket | null = null;
  private chunks: Buffer[] = [];
  private received = 0;
  /** Bytes of the head with its blank line, and of the body, once the head is in. */
  private head: { bytes: number; body: number; status: number; text: string } | null = null;
  private pending: {
    resolve: (r: { status: number; head: string; body: Buffer }) => void;
    reject: (e: Error) => void;
  } | null = null;

  constructor(private readonly port: number) {}

  exchange(request: Buffer): Promise<{ status: number; head: string; body: Buffer }> {
    if (this.pending) return Promise.reject(new Error("one exchange at a time"));
    const socket = this.socket ?? this.connect();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      socket.write(request);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): net.Socket {
    const socket = net.connect({ host: "127.0.0.1", port: this.port, noDelay: true });
    socket.on("data", (chunk: Buffer) => this.take(chunk));
    const gone = (error?: Error) => {
      if (this.socket === socket) this.socket = null;
      this.fail(error ?? new Error("the server closed the connection"));
    };
    socket.on("error", gone);
    socket.on("close", () => gone());
    this.socket = socket;
    return socket;
  }

  private take(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (!this.head) {
      const all = this.chunks.length > 1 ? Buffer.concat(this.chunks) : chunk;
      this.chunks = [all];
      const end = all.indexOf("\r\n\r\n");
      if (end < 0) return;
      const text = all.toString("latin1", 0, end);
      const length = /\r\ncontent-length: *(\d+)/i.exec(text);
      if (!length) return this.fail(new Error(`an answer without a length: ${text}`));
      this.head = {
        bytes: end + 4,
        body: Number(length[1]),
        status: Number(text.slice(9, 12)),
        text,
      };
    }
    const { bytes, body, status, text } = this.head;
    if (this.received < bytes + body) return;
    const all = this.chunks.length > 1 ? Buffer.concat(this.chunks) : (this.chunks[0] as Buffer);
    if (this.received > bytes + body) return this.fail(new Error("bytes after the answer"));
    this.chunks = [];
    this.received = 0;
    this.head = null;
    const pending = this.pending;
    this.pending = null;
    pending?.resolve({ status, head: text, body: all.subarray(bytes, bytes + body) });
  }

  private fail(error: Error): void {
    this.chunks = [];
    this.received = 0;
    this.head = null;
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }
}

/** One person's connection to the desk: a keep-alive socket, their session and CSRF token. */
export class DeskClient {
  private cookie = "";
  private csrf = "";
  private readonly connection: Connection;

  constructor(port: number) {
    this.connection = new Connection(port);
  }

  async request(method: string, path: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    let head = `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: application/json\r\n`;
    if (this.cookie) head += `cookie: ${this.cookie}\r\n`;
    if (this.csrf && method !== "GET") head += `x-csrf-token: ${this.csrf}\r\n`;
    if (payload !== undefined)
      head += `content-type: application/json\r\ncontent-length: ${payload.length}\r\n`;
    const request = Buffer.from(`${head}\r\n`, "latin1");
    const t0 = performance.now();
    const answer = await this.connection.exchange(
      payload === undefined ? request : Buffer.concat([request, payload]),
    );
    const ms = performance.now() - t0;
    const session = /\r\nset-cookie: *(otklik_session=[^;\r]*)/i.exec(answer.head);
    if (session) this.cookie = session[1] as string;
    return reply(answer.status, answer.body, ms);
  }

  async signIn(login: string, password: string): Promise<void> {
    const r = await this.request("POST", "/api/v1/auth/login", { login, password });
    if (r.status !== 200)
      throw new Error(`sign-in ${login}: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrf = (r.body as { csrfToken: string }).csrfToken;
  }

  close(): void {
    this.connection.close();
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

/** The message of the bench's n-th registration: a new text and post each time. */
function newMessage(n: number) {
  return {
    channel: "vk",
    text: `Новое сообщение ${n}: не вывозят мусор, контейнеры переполнены. Улица Школьная, дом ${n % 97}.`,
    externalId: `bench-http-${process.pid}-${n}`,
  };
}

export interface BurstResult {
  latencies: number[];
  errors: number;
  seconds: number;
}

/**
 * Clients of one administration registering new messages back to back, as a channel importing a
 * burst of posts would: every registration of a tenant takes the next number of its counter.
 */
export async function registerBurst(clients: DeskClient[], seconds: number): Promise<BurstResult> {
  const out: BurstResult = { latencies: [], errors: 0, seconds: 0 };
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < until) {
        const r = await client.request("POST", "/api/v1/cases", newMessage(++registered));
        if (r.status === 201) out.latencies.push(r.ms);
        else if (++out.errors <= 3)
          console.error(`register: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }),
  );
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}

async function register(w: Worker, c: Tracked, out: TransitionResult): Promise<void> {
  const r = await w.client.request("POST", "/api/v1/cases", newMessage(++registered));
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
