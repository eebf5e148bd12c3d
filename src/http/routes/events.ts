// GET /api/v1/events: server-sent events about changed cases, for the signed-in person's tenant.
import { authOf, type App } from "../context.ts";
import { HEARTBEAT_MS, writeEvent, type EventHub } from "../events.ts";

export async function eventRoutes(app: App, hub: EventHub): Promise<void> {
  app.get(
    "/events",
    {
      schema: {
        tags: ["events"],
        summary:
          "Живые обновления (text/event-stream): событие «case» при каждом изменении карточки",
        description:
          'Each event: `event: case`, `data: {"caseId":1,"action":"assign","version":3}`; a comment line every 25 s keeps the connection open. Executors hear only of their departments\' cases.',
      },
    },
    (request, reply) => {
      const auth = authOf(request);
      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "x-request-id": String(request.id),
      });
      writeEvent(stream, "ready", { tenantId: auth.tenantId });
      const remove = hub.add({ actor: auth.actor, stream });
      const heartbeat = setInterval(() => stream.write(": heartbeat\n\n"), HEARTBEAT_MS);
      heartbeat.unref();
      request.raw.on("close", () => {
        clearInterval(heartbeat);
        remove();
      });
    },
  );
}
