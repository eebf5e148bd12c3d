// A regulation as Otklik works with it: the document's rules with terms parsed.
import type {
  Actor,
  CaseEvent,
  Channel,
  Importance,
  ProcedureDocument,
  RegulationDocument,
} from "./schema.ts";
import type { Term } from "./term.ts";

export interface TermRule {
  term: Term;
  /** When this term's clock starts, if not at the stage's own event (fast-track: from assignment). */
  from?: CaseEvent;
  /** The term as written in the regulation file ("4h before total"). */
  text: string;
  clause?: string;
  note?: string;
}

export interface Stage {
  id: string;
  title: string;
  actor?: Actor;
  from: CaseEvent;
  until: CaseEvent[];
  kind: "task" | "window" | "total";
  /** The term for normal importance; absent when the stage is bounded only by the total. */
  term?: TermRule;
  /** Terms for other importances, when the document gives them. */
  variants: Partial<Record<Importance, TermRule>>;
  clause?: string;
  note?: string;
}

export type Procedure = Omit<ProcedureDocument, "stages"> & { stages: Stage[] };

export interface Position {
  line: number;
  column: number;
}

export type Regulation = Omit<RegulationDocument, "procedures"> & {
  procedures: Procedure[];
  /** Where each part came from in the source text, by JSON pointer ("/procedures/0/stages/2"). */
  positions?: ReadonlyMap<string, Position>;
};

/** The procedure a message of a channel falls under. */
export function procedureFor(regulation: Regulation, channel: Channel): Procedure | undefined {
  return regulation.procedures.find((p) => p.channels.includes(channel));
}

/** The term a stage has for an importance: its variant when there is one, else the normal term. */
export function termFor(stage: Stage, importance: Importance): TermRule | undefined {
  return stage.variants[importance] ?? stage.term;
}

export function stageById(procedure: Procedure, id: string): Stage | undefined {
  return procedure.stages.find((s) => s.id === id);
}

/** The stage that bounds the whole answer, when the regulation sets one. */
export function totalStage(procedure: Procedure): Stage | undefined {
  return procedure.stages.find((s) => s.kind === "total");
}
