// One interface for telling people about their cases, whatever carries the message: in-app now,
// e-mail and Telegram later (each a module that writes its outbox rows in the same transaction).
import type { Tx } from "../../db/cases.ts";

/** What the scheduler warns about. */
export type NoticeKind = "atRisk" | "overdue";

export interface Notice {
  tenantId: number;
  caseId: number;
  stageId: number;
  kind: NoticeKind;
  /** The people told, substitutes of absent people already in place of them. */
  userIds: readonly number[];
  at: number;
  payload: NoticePayload;
}

/** What a person sees, and what a channel needs to render it without reading the case again. */
export interface NoticePayload {
  number: string;
  stage: string;
  stageTitle: string;
  deadline: string | null;
  clause: string | null;
  /** One Russian sentence for a list of notifications or a message subject. */
  text: string;
}

export interface Notifier {
  /** "inApp", "email", "telegram": for logs. */
  readonly channel: string;
  /**
   * Records the notice in the transaction of the change that caused it, so a crash cannot lose it
   * or send it for a change that did not happen. Returns who it reached through this channel.
   */
  deliver(tx: Tx, notice: Notice): Promise<readonly number[]>;
}
