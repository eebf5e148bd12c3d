// Live updates: one LISTEN per server process, fanned out as server-sent events to the browsers of
// the tenant, each only about cases its person may see.
import type { FastifyBaseLogger } from "fastify";
import type { ServerResponse } from "node:http";
import { canSee, type Actor } from "../domain/workflow/policy.ts";
import { caseScope } from "../db/case-details.ts";
import type { Db } from "../db/connection.ts";
import type { CaseState } from "../domain/workflow/case.ts";

export const HEARTBEAT_MS = 25_000;

interface Client {
  actor: Actor;
  /** The session the stream was opened with: it ends when the session does. */
  tokenHash: string;
  stream: ServerResponse;
}

/** What the application NOTIFYs on "otklik_events" when a case changes or a session ends. */
export interface CaseEvent {
  tenantId: number;
  caseId?: number;
  action?: string;
  version?: number;
  /** The token hash of a session that was signed out: its streams end with signedOut. */
  sessionEnded?: string;
  /** The token hash of a session that moved to another tenant: its streams here end. */
  sessionMoved?: string;
}

/** A NOTIFY payload as the event it carries, or null when it is not one of ours. */
export function parseEvent(payload: string): CaseEvent | null {
  try {
    const event = JSON.parse(payload) as Partial<CaseEvent> | null;
    return event && Number.isInteger(event.tenantId) ? (event as CaseEvent) : null;
  } catch {
    return null;
  }
}

export function writeEvent(stream: ServerResponse, event: string, data: unknown): void {
  stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Tells the browser its session is over and closes the stream (EventSource then stops retrying on the 401). */
export function endSignedOut(stream: ServerResponse): void {
  writeEvent(stream, "signedOut", {});
  stream.end();
}

export class EventHub {
  private readonly byTenant = new Map<number, Set<Client>>();

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  add(client: Client): () => void {
    const set = this.byTenant.get(client.actor.tenantId) ?? new Set<Client>();
    set.add(client);
    this.byTenant.set(client.actor.tenantId, set);
    return () => {
      set.delete(client);
      if (!set.size) this.byTenant.delete(client.actor.tenantId);
    };
  }

  get size(): number {
    let n = 0;
    for (const set of this.byTenant.values()) n += set.size;
    return n;
  }

  private delivered: Promise<void> = Promise.resolve();

  /**
   * Called with the event of each NOTIFY, in the order they come: events reach the browsers in
   * that order too, though one may wait for a case's department to be read. Never throws (a
   * failed delivery is logged and dropped).
   */
  dispatch(event: CaseEvent): Promise<void> {
    this.delivered = this.delivered.then(() => this.deliver(event));
    return this.delivered;
  }

  private async deliver(event: CaseEvent): Promise<void> {
    try {
      const clients = this.byTenant.get(event.tenantId);
      if (!clients?.size) return;
      if (event.sessionEnded !== undefined) {
        for (const c of clients) if (c.tokenHash === event.sessionEnded) endSignedOut(c.stream);
        return;
      }
      if (event.sessionMoved !== undefined) {
        for (const c of clients) if (c.tokenHash === event.sessionMoved) c.stream.end();
        return;
      }
      // Executors hear only of their departments' cases: look the case up once for all of them.
      const narrow = [...clients].some((c) =>
        c.actor.memberships.every((m) => m.role === "executor"),
      );
      const scope =
        narrow && event.caseId !== undefined
          ? await caseScope(this.db, event.tenantId, event.caseId)
          : undefined;
      const data = {
        caseId: event.caseId ?? null,
        action: event.action ?? null,
        version: event.version ?? null,
      };
      for (const c of clients) {
        const visible =
          event.caseId === undefined ||
          (scope
            ? canSee(c.actor, {
                tenantId: scope.tenant_id,
                departmentId: scope.department_id,
                coExecutors: scope.co_executors as CaseState["coExecutors"],
              })
            : !narrow || c.actor.memberships.some((m) => m.role !== "executor"));
        if (visible) writeEvent(c.stream, "case", data);
      }
    } catch (err) {
      this.log.error({ err }, "live update dropped");
    }
  }

  /**
   * Tells every browser to read again whatever it shows: events were missed (the database's
   * listening connection was lost for a while), and nobody knows which.
   */
  resyncAll(): Promise<void> {
    this.delivered = this.delivered.then(() => {
      for (const set of this.byTenant.values())
        for (const c of set) writeEvent(c.stream, "changed", { type: "resync" });
    });
    return this.delivered;
  }

  /** Ends every stream: the server is closing. */
  closeAll(): void {
    for (const set of this.byTenant.values()) for (const c of set) c.stream.end();
    this.byTenant.clear();
  }
}
