// The quality of a draft answer before it goes to the approver: plain words, length, and what
// the procedure's answerRequirements ask it to hold (000 п. 8.1, 004 п. 23). Spelling is asked for
// explicitly: its dictionary takes hundreds of megabytes and seconds to load (app/spelling.ts).
import {
  checkAnswer,
  type AnswerCheck,
  type Requirement,
  type SpellChecker,
} from "../domain/triage/answer-quality.ts";
import { canSee, type Actor } from "../domain/workflow/policy.ts";
import { loadCase, type Tx } from "../db/cases.ts";
import { notFound, type Result } from "./results.ts";
import type { TenantContext } from "./tenant-context.ts";

export interface DraftCheckInput {
  text: string;
  /** Kinds of the draft's attachments: a photo or a video counts as the photo evidence. */
  attachmentKinds: string[];
  /** The spelling dictionary, when the person asked for the spelling to be checked. */
  spell?: SpellChecker;
}

export interface DraftCheck extends AnswerCheck {
  requires: Requirement[];
  spelling: boolean;
}

export async function checkDraft(
  tx: Tx,
  ctx: TenantContext,
  actor: Actor,
  caseId: number,
  input: DraftCheckInput,
): Promise<Result<{ check: DraftCheck }>> {
  if (actor.tenantId !== ctx.tenant.id) return notFound();
  const c = await loadCase(tx, ctx.tenant.id, caseId);
  if (!c || !canSee(actor, c)) return notFound();
  const procedure = ctx.procedure(c.procedure);
  const requires: Requirement[] = [...(procedure.answerRequirements?.requires ?? ["substance"])];
  // The answer to a repeat must say what was done about the problem since (002 п. 12, 003 п. 10
  // разд. 3, 004 п. 20: "информацию о принятых мерах или о ходе решения вопроса").
  if (c.repeatOf !== null && !requires.includes("measures")) requires.push("measures");
  const { spell } = input;
  const result = checkAnswer(input.text, {
    requires,
    hasPhoto: input.attachmentKinds.some((k) => k === "photo" || k === "video"),
    ...(spell ? { spell } : {}),
  });
  return { ok: true, check: { ...result, requires, spelling: spell !== undefined } };
}
