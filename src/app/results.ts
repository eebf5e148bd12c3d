// What a use case answers when it does not do what was asked: a closed set the HTTP edge maps.
import type { Refusal } from "../domain/workflow/decide.ts";

export type Failure =
  | Refusal
  /** Someone changed the case since the caller read it. */
  | { ok: false; kind: "conflict"; currentVersion: number }
  | { ok: false; kind: "unavailable"; reason: string };

export type Result<T> = ({ ok: true } & T) | Failure;

export const notFound = (): Failure => ({ ok: false, kind: "notFound" });
export const invalidInput = (field: string, reason: string): Failure => ({
  ok: false,
  kind: "invalidInput",
  field,
  reason,
});
