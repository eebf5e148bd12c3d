// Terms of a regulation ("30m", "1h10m", "7 working days", "10 calendar days", "4h before total")
// and how each turns into a deadline on a tenant's working time.
import type { WorkingTime } from "../calendar/working-time.ts";

export type Term =
  | { basis: "workingMinutes"; minutes: number }
  | { basis: "workingDays"; days: number }
  | { basis: "calendarDays"; days: number }
  /** No later than `minutes` working minutes before another stage's deadline. */
  | { basis: "before"; minutes: number; stage: string }
  | { basis: "immediately" };

const DURATION = /^(?:(\d+)\s*(?:h|hours?))?\s*(?:(\d+)\s*(?:m|min|minutes?))?$/;

/** The grammar, for schema patterns and error messages. */
export const TERM_PATTERN =
  "^\\s*(?=\\S)(immediately|\\d+\\s*working\\s+days?|\\d+\\s*calendar\\s+days?|(\\d+\\s*(h|hours?)\\s*)?(\\d+\\s*(m|min|minutes?))?(\\s+before\\s+[A-Za-z][A-Za-z0-9]*)?)\\s*$";

export const TERM_EXAMPLES = [
  "30m",
  "1h10m",
  "8h",
  "7 working days",
  "10 calendar days",
  "4h before total",
  "immediately",
];

function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

export function parseTerm(text: string): Term | undefined {
  const t = text.trim().replace(/\s+/g, " ");
  if (t === "immediately") return { basis: "immediately" };
  let m = /^(\d+) ?working days?$/.exec(t);
  if (m) return { basis: "workingDays", days: Number(m[1]) };
  m = /^(\d+) ?calendar days?$/.exec(t);
  if (m) return { basis: "calendarDays", days: Number(m[1]) };
  m = /^(.+?) before ([A-Za-z][A-Za-z0-9]*)$/.exec(t);
  if (m) {
    const minutes = parseDuration(m[1] as string);
    return minutes === undefined ? undefined : { basis: "before", minutes, stage: m[2] as string };
  }
  const minutes = parseDuration(t);
  return minutes === undefined ? undefined : { basis: "workingMinutes", minutes };
}

/** Back to the regulation's own notation. */
export function termToString(term: Term): string {
  switch (term.basis) {
    case "workingMinutes":
      return durationToString(term.minutes);
    case "workingDays":
      return `${term.days} working day${term.days === 1 ? "" : "s"}`;
    case "calendarDays":
      return `${term.days} calendar day${term.days === 1 ? "" : "s"}`;
    case "before":
      return `${durationToString(term.minutes)} before ${term.stage}`;
    case "immediately":
      return "immediately";
  }
}

function durationToString(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h && m ? `${h}h${m}m` : h ? `${h}h` : `${m}m`;
}

export interface DeadlineContext {
  /** When the stage's clock started (epoch ms). */
  start: number;
  workingTime: WorkingTime;
  /** Deadlines already set for other stages of the case, by stage id (for "before"). */
  deadlines?: Readonly<Record<string, number | undefined>>;
}

export type DeadlineResult =
  { ok: true; deadline: number } | { ok: false; kind: "referencedDeadlineMissing"; stage: string };

/** The deadline a term gives a stage whose clock starts at `ctx.start`. */
export function deadlineOf(term: Term, ctx: DeadlineContext): DeadlineResult {
  const wt = ctx.workingTime;
  switch (term.basis) {
    case "workingMinutes":
      return {
        ok: true,
        deadline: wt.addWorkingMinutes(wt.nextWorkingMoment(ctx.start), term.minutes),
      };
    case "workingDays":
      return { ok: true, deadline: wt.addWorkingDays(ctx.start, term.days) };
    case "calendarDays":
      return { ok: true, deadline: wt.addCalendarDays(ctx.start, term.days) };
    case "before": {
      const other = ctx.deadlines?.[term.stage];
      if (other === undefined)
        return { ok: false, kind: "referencedDeadlineMissing", stage: term.stage };
      return { ok: true, deadline: wt.subtractWorkingMinutes(other, term.minutes) };
    }
    case "immediately":
      return { ok: true, deadline: ctx.start };
  }
}
