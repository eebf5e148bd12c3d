// What a use case answers when it does not do what was asked: a closed set the HTTP edge maps.
import type { Locale } from "../domain/i18n.ts";
import type { Refusal } from "../domain/workflow/decide.ts";

/** A problem in a document a person wrote (a regulation, a calendar year), said in both languages. */
export interface DocumentProblem {
  /** JSON pointer into the document. */
  path: string;
  line: number | null;
  column: number | null;
  message: Record<Locale, string>;
}

export type Failure =
  | Refusal
  /** A document that does not read or does not hold together: every problem, with its line. */
  | { ok: false; kind: "invalidDocument"; field: string; problems: DocumentProblem[] }
  /** Someone changed the case since the caller read it. */
  | { ok: false; kind: "conflict"; currentVersion: number }
  | { ok: false; kind: "unavailable"; reason: string };

export type Result<T> = ({ ok: true } & T) | Failure;

/**
 * Thrown by a use case that refuses after it has written: whatever runs it in a transaction rolls
 * back as for any error, and the HTTP edge (inTransaction) answers the failure it carries.
 */
export class Rollback extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

/**
 * A decision's write found the case's version moved since it was read (the row was not locked).
 * The statement's other parts (stages, audit, notifications) ran all the same, so whatever runs the
 * use case must not commit: it is thrown, not returned.
 */
export const versionMoved = (before: { version: number }): Rollback =>
  new Rollback({ ok: false, kind: "conflict", currentVersion: before.version });

export const notFound = (): Failure => ({ ok: false, kind: "notFound" });
export const invalidInput = (field: string, reason: string): Failure => ({
  ok: false,
  kind: "invalidInput",
  field,
  reason,
});
