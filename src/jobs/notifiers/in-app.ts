// The in-app channel: a row in notifications that the desk shows to the person.
import { insertNotifications } from "../../app/notify.ts";
import type { Notifier } from "./notifier.ts";

export const inAppNotifier: Notifier = {
  channel: "inApp",
  deliver: (tx, notice) =>
    insertNotifications(
      tx,
      { tenantId: notice.tenantId, caseId: notice.caseId, stageId: notice.stageId, at: notice.at },
      new Map(notice.userIds.map((id) => [id, notice.kind])),
      { ...notice.payload },
    ),
};
