// What every route works with: the database, the configuration, the clock, and the signed-in actor.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawServerDefault,
} from "fastify";
import type { Config } from "../config.ts";
import type { Actor } from "../domain/workflow/policy.ts";
import type { Database, Db } from "../db/connection.ts";
import type { Tx } from "../db/cases.ts";
import type { ReadyPage } from "../app/case-view.ts";
import type { QueueCache } from "../app/queue-cache.ts";
import type { LiveSession } from "../db/sessions.ts";
import type { SessionCache } from "./session-cache.ts";
import { Rollback, type Failure } from "../app/results.ts";
import { loadTenantContext, type TenantContext } from "../app/tenant-context.ts";
import { sendFailure, type HttpFailure } from "./errors.ts";

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface HttpEnv {
  database: Database;
  db: Db;
  config: Config;
  /** Epoch milliseconds; tests inject their own clock. */
  now: () => number;
  /** Queue pages kept until the tenant's cases change (queue-cache.ts). */
  queuePages: QueueCache<ReadyPage>;
  /** Sessions kept for a moment, until anything they are made of changes (session-cache.ts). */
  sessions: SessionCache<LiveSession>;
}

/** The signed-in person of a request, in the tenant they work in now. */
export interface Auth {
  tokenHash: string;
  userId: number;
  tenantId: number;
  login: string;
  fullName: string;
  csrfToken: string;
  actor: Actor;
  /** The key of the tenant's context as the session's statement read it (tenant-key.ts). */
  tenantKey: string | null;
}

declare module "fastify" {
  interface FastifyRequest {
    auth: Auth | null;
  }
}

/** The actor of a request that passed authentication (every route under /api/v1 but login). */
export function authOf(request: FastifyRequest): Auth {
  if (!request.auth) throw new Error("route reached without authentication");
  return request.auth;
}

/**
 * Runs a use case in one transaction. A failure rolls everything back, so a refused request leaves
 * the database exactly as it was, whatever the use case wrote before it refused; so does a
 * use case's own Rollback.
 */
export async function inTransaction<T extends { ok: true }>(
  db: Db,
  fn: (tx: Tx) => Promise<T | Failure>,
): Promise<T | Failure> {
  try {
    return await db.transaction().execute(async (tx) => {
      const result = await fn(tx);
      if (!result.ok) throw new Rollback(result);
      return result;
    });
  } catch (e) {
    if (e instanceof Rollback) return e.failure;
    throw e;
  }
}

/**
 * The tenant's context, checked against the key the request's session statement read; a handler
 * that has just changed the tenant's rules asks for them `asChanged`, read again in its transaction.
 */
export async function tenantContextOf(
  tx: Tx,
  env: HttpEnv,
  auth: Auth,
  asChanged = false,
): Promise<TenantContext> {
  const known = asChanged ? undefined : { key: auth.tenantKey };
  const ctx = await loadTenantContext(tx, auth.tenantId, env.config.riskShare, known);
  if (!ctx) throw new Error(`tenant ${auth.tenantId} of a live session is gone`);
  return ctx;
}

/** Answers a failure; for handlers: `return fail(request, reply, failure)`. */
export const fail = (request: FastifyRequest, reply: FastifyReply, failure: HttpFailure) =>
  sendFailure(request, reply, failure);
