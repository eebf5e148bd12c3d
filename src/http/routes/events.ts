// GET /api/v1/events: server-sent events about changed cases, for the signed-in person's tenant.
import { sessionState } from "../../db/sessions.ts";
import { authOf, type App, type HttpEnv } from "../context.ts";
import { endSignedOut, HEARTBEAT_MS, writeEvent, type EventHub } from "../events.ts";

const RETRY_MS = 3_000;

export async function eventRoutes(app: App, env: HttpEnv, hub: EventHub): Promise<void> {
  app.get(
    "/events",
    {
      schema: {
        tags: ["events"],
        summary:
          "Живые обновления (text/event-stream): событие «case» при каждом изменении карточки",
        description:
          'Each event: `event: case`, `data: {"caseId":1,"action":"assign","version":3}`; a comment line every 25 s keeps the connection open. Executors hear only of their departments\' cases. When the session ends (signed out, expired, its person deactivated) the stream sends `event: signedOut` and closes; when the session moves to another tenant or loses its roles here, the stream just closes and a reconnection opens the one it may have now.',
      },
    },
    (request, reply) => {
      const auth = authOf(request);
      // A renewed session cookie rides on the stream's own headers, as on any other response.
      const cookie = reply.getHeader("set-cookie") as string | string[] | undefined;
      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "x-request-id": String(request.id),
        ...(cookie === undefined ? {} : { "set-cookie": cookie }),
      });
      // Reconnect soon after a dropped connection; the browser refetches what it shows then.
      stream.write(`retry: ${RETRY_MS}\n`);
      writeEvent(stream, "ready", { tenantId: auth.tenantId });
      const remove = hub.add({ actor: auth.actor, tokenHash: auth.tokenHash, stream });
      // Each heartbeat also checks the session. One that ended (signed out in another process,
      // expired) ends the stream with signedOut; one that moved to another tenant, or lost its
      // roles here, just ends it, and the browser's reconnection opens the stream it may have now.
      const heartbeat = setInterval(() => {
        sessionState(env.db, auth.tokenHash, auth.tenantId, env.now()).then(
          (state) =>
            state === "live"
              ? stream.write(": heartbeat\n\n")
              : state === "ended"
                ? endSignedOut(stream)
                : stream.end(),
          (err: unknown) => request.log.warn({ err }, "event stream: session check failed"),
        );
      }, HEARTBEAT_MS);
      heartbeat.unref();
      request.raw.on("close", () => {
        clearInterval(heartbeat);
        remove();
      });
    },
  );
}
