// The first pass over one incoming message: topic, place, importance, not-processable, repeat, duplicate and burst, each with its reason.
import { BurstTracker, describeBurst, type BurstSignal } from "./bursts.ts";
import { assessImportance, type Importance, type ImportanceOptions } from "./importance.ts";
import { inSettlement, matchLocation, type Gazetteer, type LocationMatch } from "./location.ts";
import { detectNotProcessable, type NotProcessableReason } from "./not-processable.ts";
import { RepeatIndex, type RepeatEntry } from "./repeats.ts";
import { prepareText, textTerms } from "./similarity.ts";
import { classifyTopic } from "./topic/classify.ts";
import type { TopicModel } from "./topic/model.ts";

/** One message as it arrived from a network or the portal. */
export interface TriageMessage {
  id: string;
  text: string;
  author?: string;
  /** Epoch milliseconds. */
  postedAt: number;
  network?: string;
  likes?: number;
  reposts?: number;
  comments?: number;
}

/** What triage needs of a tenant; the repeat index and burst tracker live as long as the desk and learn from every message. */
export interface TriageContext {
  topicModel: TopicModel;
  gazetteer: Gazetteer;
  repeats: RepeatIndex;
  bursts?: BurstTracker;
  reach?: ImportanceOptions["reach"];
}

export interface TriageResult {
  id: string;
  topic: string;
  topicScore: number;
  location?: LocationMatch;
  importance: Importance;
  notProcessable: NotProcessableReason | null;
  /** The first message of the same author's case this one repeats. */
  repeatOf?: string;
  /** The first message of the cluster of other authors' messages about the same problem and place. */
  duplicateOf?: string;
  /** Why, in Russian, one line per finding. */
  reasons: string[];
  /** The escalation signal when this message is part of a burst. */
  burst?: BurstSignal;
  /** What the repeat index stored for this message, for the desk to persist (absent for not-processable messages). */
  entry?: RepeatEntry;
}

const NOT_PROCESSABLE_RU: Record<NotProcessableReason, string> = {
  obscene: "нецензурная брань",
  threat: "угроза",
  insult: "оскорбление",
};

function formatScore(score: number): string {
  return score.toFixed(2).replace(".", ",");
}

/**
 * Triage of one message for one tenant. The message is also remembered in the context's
 * repeat index and burst tracker, so the next messages find it; a message that is not to be
 * processed (002 п. 14, 004 п. 21) is set aside with its reason and not remembered.
 */
export function triageMessage(ctx: TriageContext, message: TriageMessage): TriageResult {
  const prepared = prepareText(message.text);
  const reasons: string[] = [];

  const verdict = detectNotProcessable(message.text);
  if (verdict.reason) {
    reasons.push(
      `не подлежит обработке: ${NOT_PROCESSABLE_RU[verdict.reason]} (${verdict.evidence.map((e) => `«${e}»`).join(", ")})`,
    );
  }

  const topic = classifyTopic(ctx.topicModel, prepared);
  const topicName = ctx.topicModel.topics.find((t) => t.code === topic.topic)?.name ?? topic.topic;
  const decidingWords = topic.words.slice(0, 5).join(", ");
  reasons.push(
    `тема «${topicName}» (${formatScore(topic.score)})${decidingWords ? `: ${decidingWords}` : ""}`,
  );

  const location = matchLocation(ctx.gazetteer, prepared);
  if (location) {
    const where = [
      location.settlement,
      location.street,
      location.house && `д. ${location.house}`,
      location.landmark,
    ]
      .filter(Boolean)
      .join(", ");
    reasons.push(`место: ${where} («${location.text}»)`);
  }

  const signals: { likes?: number; reposts?: number; comments?: number } = {};
  if (message.likes !== undefined) signals.likes = message.likes;
  if (message.reposts !== undefined) signals.reposts = message.reposts;
  if (message.comments !== undefined) signals.comments = message.comments;
  const importanceOptions: ImportanceOptions = {};
  if (location) importanceOptions.location = location;
  if (ctx.reach) importanceOptions.reach = ctx.reach;
  const assessment = assessImportance(prepared, signals, importanceOptions);
  let importance = assessment.importance;
  for (const r of assessment.reasons) reasons.push(`повышенная важность: ${r}`);

  const result: TriageResult = {
    id: message.id,
    topic: topic.topic,
    topicScore: Math.round(topic.score * 1000) / 1000,
    importance,
    notProcessable: verdict.reason,
    reasons,
  };
  if (location) result.location = location;
  if (verdict.reason) return result;

  const entry: RepeatEntry = {
    id: message.id,
    postedAt: message.postedAt,
    topic: topic.topic,
    terms: textTerms(prepared),
  };
  if (message.author !== undefined) entry.author = message.author;
  if (location) {
    entry.location = {};
    if (location.settlement) entry.location.settlement = location.settlement;
    if (location.street) entry.location.street = location.street;
    if (location.house) entry.location.house = location.house;
  }

  const repeat = ctx.repeats.findRepeat(entry);
  if (repeat) {
    result.repeatOf = repeat.id;
    entry.repeatOf = repeat.id;
    reasons.push(
      `повторное сообщение того же автора (к ${repeat.id}): ${repeat.reasons.join("; ")}`,
    );
  }
  const duplicate = ctx.repeats.findDuplicate(entry);
  // Neighbours who joined the author's own case are already linked through the repeat.
  if (duplicate && duplicate.id !== repeat?.id) {
    result.duplicateOf = duplicate.id;
    entry.duplicateOf = duplicate.id;
    reasons.push(
      `о той же проблеме писали другие (к ${duplicate.id}): ${duplicate.reasons.join("; ")}`,
    );
  }
  ctx.repeats.add(entry);
  result.entry = entry;

  if (ctx.bursts && location?.settlement && topic.topic !== "other") {
    ctx.bursts.record(topic.topic, location.settlement, message.postedAt);
    const burst = ctx.bursts.check(topic.topic, location.settlement, message.postedAt);
    if (burst) {
      result.burst = burst;
      importance = "high";
      reasons.push(
        `всплеск: ${describeBurst(burst, inSettlement(ctx.gazetteer, location.settlement), topicName)}`,
      );
    }
  }
  result.importance = importance;
  return result;
}
