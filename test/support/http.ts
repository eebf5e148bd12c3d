// The HTTP server over a test database, and signed-in clients that drive it through inject.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { loadConfig, type Config } from "../../src/config.ts";
import type { Database } from "../../src/db/connection.ts";
import { buildServer, type ServerDeps } from "../../src/http/server.ts";
import { PASSWORD } from "./factories.ts";

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public now: number) {}
  set(iso: string): void {
    this.now = Date.parse(iso);
  }
  advance(ms: number): void {
    this.now += ms;
  }
  readonly read = (): number => this.now;
}

export async function testServer(
  database: Database,
  clock: TestClock,
  overrides: Partial<Config> = {},
  deps: Pick<ServerDeps, "sessionMaxAgeMs"> = {},
): Promise<FastifyInstance> {
  const config = { ...loadConfig({}), ...overrides };
  return buildServer({ database, config, clock: clock.read, logger: false, ...deps });
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Client {
  csrf: string;
  cookie: string;
  me: Record<string, unknown>;
  request(
    method: Method,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export function client(
  app: FastifyInstance,
  cookie: string,
  csrf: string,
  me: Record<string, unknown>,
): Client {
  const request: Client["request"] = (method, url, body, headers = {}) =>
    app.inject({
      method,
      url,
      headers: {
        cookie,
        "x-csrf-token": csrf,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  return {
    csrf,
    cookie,
    me,
    request,
    get: (url) => request("GET", url),
    post: (url, body) => request("POST", url, body),
  };
}

export async function signIn(
  app: FastifyInstance,
  login: string,
  password = PASSWORD,
): Promise<Client> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { login, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${login}: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === "otklik_session");
  if (!set) throw new Error("no session cookie");
  const me = res.json() as Record<string, unknown> & { csrfToken: string };
  return client(app, `otklik_session=${set.value}`, me.csrfToken, me);
}
