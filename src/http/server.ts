// The HTTP server: Fastify with TypeBox schemas on every route, one error handler, sessions,
// the OpenAPI document and live updates. The CLI builds it and calls listen.
import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import type { Config } from "../config.ts";
import type { Database } from "../db/connection.ts";
import type { ReadyPage } from "../app/case-view.ts";
import { QueueCache } from "../app/queue-cache.ts";
import { EVENTS_CHANNEL } from "../app/register-case.ts";
import { ACCESS_CHANNEL, type LiveSession } from "../db/sessions.ts";
import { webPlugin } from "./web.ts";
import {
  authenticate,
  CSRF_HEADER,
  loginRoutes,
  SAFE_METHODS,
  SESSION_COOKIE,
  sessionRoutes,
} from "./auth.ts";
import type { HttpEnv } from "./context.ts";
import { BODY_LIMIT, failureOfError, sendFailure } from "./errors.ts";
import { EventHub, parseEvent } from "./events.ts";
import { attachmentRoutes } from "./routes/attachments.ts";
import { burstRoutes } from "./routes/bursts.ts";
import { caseRoutes } from "./routes/cases.ts";
import { eventRoutes } from "./routes/events.ts";
import { gazetteerRoutes } from "./routes/gazetteer.ts";
import { healthRoutes } from "./routes/health.ts";
import { notificationRoutes } from "./routes/notifications.ts";
import { reportRoutes } from "./routes/reports.ts";
import { staffRoutes } from "./routes/staff.ts";
import { tenantRoutes } from "./routes/tenant.ts";
import { triageRoutes } from "./routes/triage.ts";
import { SHARED_SCHEMAS } from "./schemas.ts";
import { buildSerializer } from "./serializer.ts";
import { SessionCache } from "./session-cache.ts";
import { validatorCompiler } from "./validation.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The process's kept queue pages, for its figures (hits and reads). */
    queuePages: QueueCache<ReadyPage>;
    /** The process's kept sessions, for its figures (hits and reads). */
    sessions: SessionCache<LiveSession>;
  }
}

export interface ServerDeps {
  database: Database;
  config: Config;
  /** Epoch milliseconds; tests inject a clock to walk a case through its deadlines. */
  clock?: () => number;
  /** Fastify's logger option: false in tests, pino options otherwise. */
  logger?: boolean | object;
  /**
   * The longest a session is kept (default SESSION_MAX_AGE_MS); a test lengthens it to show that
   * changes reach the kept sessions without waiting for it.
   */
  sessionMaxAgeMs?: number;
}

/**
 * Queue pages a process keeps (a page of 50 rows is about 100 KB, plus about 50 KB of written rows
 * per variant its readers asked for: http/queue-page-bytes.ts), and for how long at most.
 */
const QUEUE_PAGES_KEPT = 300;
const QUEUE_PAGE_MAX_AGE_MS = 10_000;
/**
 * Sessions a process keeps, and for how long at most whatever happens: the bound on a change the
 * access channel failed to tell (its connection lost). A session is a few hundred bytes.
 */
const SESSIONS_KEPT = 10_000;
const SESSION_MAX_AGE_MS = 1_000;
/** Where the routes of case work live: their writes leave kept sessions as they are. */
const CASE_ROUTES = "/api/v1/cases";

/** A request id from the client is kept when it is safe to log; otherwise a new one. */
function requestId(header: string | string[] | undefined): string {
  return typeof header === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(header)
    ? header
    : randomUUID();
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const env: HttpEnv = {
    database: deps.database,
    db: deps.database.db,
    config: deps.config,
    now: deps.clock ?? Date.now,
    queuePages: new QueueCache({ limit: QUEUE_PAGES_KEPT, maxAgeMs: QUEUE_PAGE_MAX_AGE_MS }),
    sessions: new SessionCache({
      limit: SESSIONS_KEPT,
      maxAgeMs: deps.sessionMaxAgeMs ?? SESSION_MAX_AGE_MS,
    }),
  };
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.logLevel },
    bodyLimit: BODY_LIMIT,
    genReqId: (req) => requestId(req.headers["x-request-id"]),
    schemaController: { compilersFactory: { buildSerializer } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate("queuePages", env.queuePages);
  app.decorate("sessions", env.sessions);
  app.setValidatorCompiler(validatorCompiler);
  // JSON only: without this parser a text/plain body answers 415.
  app.removeContentTypeParser("text/plain");
  app.decorateRequest("auth", null);

  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-request-id", request.id);
    reply.header("x-content-type-options", "nosniff");
    // Cards hold personal data: no cache keeps them.
    if (request.url.startsWith("/api/v1/")) reply.header("cache-control", "no-store");
    // Whatever a write did (or failed to do) to the tenant, its queue pages are read again; this
    // happens before the answer leaves, so the next page its person opens shows their action.
    if (request.method !== "GET" && request.auth) env.queuePages.changed(request.auth.tenantId);
    // Any other write may have changed a session (signed out, a role taken away, a tenant
    // switched): the kept ones are read again, from the next request on (session-cache.ts). Work on
    // cases never changes who may do what (were it to, the database's notice would still tell).
    if (!SAFE_METHODS.has(request.method) && !request.routeOptions.url?.startsWith(CASE_ROUTES))
      env.sessions.changed();
    // A long answer (a queue page is tens of kilobytes of Cyrillic) is encoded once here; as a
    // string it would be scanned once for its length in bytes and again when written.
    return typeof payload === "string" && payload.length >= 1024 ? Buffer.from(payload) : payload;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const failure = failureOfError(error, request);
    if (failure.kind === "internal" || failure.kind === "unavailable")
      request.log.error({ err: error }, "request failed");
    return sendFailure(request, reply, failure);
  });
  app.setNotFoundHandler((request, reply) =>
    sendFailure(request, reply, {
      ok: false,
      kind: "routeNotFound",
      method: request.method,
      url: request.url.split("?")[0] ?? "",
    }),
  );

  for (const [id, schema] of Object.entries(SHARED_SCHEMAS)) app.addSchema({ ...schema, $id: id });

  await app.register(cookie);
  await app.register(swagger, {
    // Shared schemas appear as components under their own names.
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Отклик API",
        description:
          "Стол ответов администрации на сообщения граждан. Ошибки — RFC 9457 problem+json; " +
          "изменяющие запросы требуют заголовок X-CSRF-Token из /api/v1/auth/me.",
        version: "1",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
          csrf: { type: "apiKey", in: "header", name: CSRF_HEADER },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await healthRoutes(app, env);
  await loginRoutes(app, env);

  const hub = new EventHub(env.db, app.log);
  const unlisten = await env.database.listen(
    EVENTS_CHANNEL,
    (payload) => {
      const event = parseEvent(payload);
      if (!event) {
        app.log.error({ payload }, "live update dropped: not an event");
        return;
      }
      env.queuePages.changed(event.tenantId);
      void hub.dispatch(event);
    },
    // The listening connection was lost and is back: what changed meanwhile is unknown.
    () => {
      app.log.warn("database notices resumed after a lost connection: every kept page dropped");
      env.queuePages.changedAll();
      void hub.resyncAll();
    },
    (err, retryInMs) =>
      app.log.error({ err, retryInMs }, "database notices lost: listening again after a pause"),
  );
  // Another process (a server, the CLI, the scheduler) changed something sessions are made of.
  const unlistenAccess = await env.database.listen(
    ACCESS_CHANNEL,
    () => env.sessions.changed(),
    () => env.sessions.changed(),
  );
  app.addHook("preClose", async () => hub.closeAll());
  app.addHook("onClose", async () => {
    await unlisten();
    await unlistenAccess();
  });

  await app.register(
    async (api) => {
      api.addHook("onRequest", authenticate(env));
      await sessionRoutes(api, env);
      await caseRoutes(api, env);
      await staffRoutes(api, env);
      await tenantRoutes(api, env);
      await notificationRoutes(api, env);
      await eventRoutes(api, env, hub);
      await attachmentRoutes(api, env);
      await reportRoutes(api, env);
      await gazetteerRoutes(api, env);
      await triageRoutes(api, env);
      await burstRoutes(api, env);
    },
    { prefix: "/api/v1" },
  );
  // The browser desk: every address outside /api is a page of the single-page app.
  await app.register(webPlugin);
  return app;
}
