// A person's in-app notifications: the list with the unread count, and marking them read.
import Type from "typebox";
import { markNotificationsRead, notificationsOf, unreadCount } from "../../db/notifications.ts";
import { authOf, type App, type HttpEnv } from "../context.ts";
import { Id, Instant, Nullable, responses } from "../schemas.ts";

const NotificationList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      caseId: Nullable(Type.Integer()),
      caseNumber: Nullable(Type.String()),
      kind: Type.String({ description: "The action that caused it, or atRisk / overdue" }),
      payload: Type.Record(Type.String(), Type.Unknown()),
      createdAt: Instant,
      readAt: Nullable(Instant),
    }),
  ),
  unread: Type.Integer(),
});

export async function notificationRoutes(app: App, env: HttpEnv): Promise<void> {
  app.get(
    "/notifications",
    {
      schema: {
        tags: ["notifications"],
        summary: "Мои уведомления, новые сверху",
        querystring: Type.Object(
          {
            unread: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: NotificationList }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const [rows, unread] = await Promise.all([
        notificationsOf(
          env.db,
          auth.tenantId,
          auth.userId,
          request.query.unread ?? false,
          request.query.limit ?? 50,
        ),
        unreadCount(env.db, auth.tenantId, auth.userId),
      ]);
      return {
        items: rows.map((n) => ({
          id: n.id,
          caseId: n.case_id,
          caseNumber: n.case_number,
          kind: n.kind,
          payload: n.payload,
          createdAt: n.created_at.toISOString(),
          readAt: n.read_at?.toISOString() ?? null,
        })),
        unread,
      };
    },
  );

  app.post(
    "/notifications/read",
    {
      schema: {
        tags: ["notifications"],
        summary: "Отметить уведомления прочитанными: перечисленные или все",
        body: Type.Object(
          {
            ids: Type.Optional(Type.Array(Id, { maxItems: 500 })),
            all: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: responses({
          200: Type.Object({ marked: Type.Integer(), unread: Type.Integer() }),
        }),
      },
    },
    async (request) => {
      const auth = authOf(request);
      const which = request.body.all ? "all" : (request.body.ids ?? []);
      const marked = await markNotificationsRead(
        env.db,
        auth.tenantId,
        auth.userId,
        which,
        env.now(),
      );
      return { marked, unread: await unreadCount(env.db, auth.tenantId, auth.userId) };
    },
  );
}
