// What triage suggests for a message as it is registered: its topic (with the words that decided
// it), its location in the tenant's gazetteer, its importance (with the reasons) and whether it is
// not to be processed at all (with the fragments that show it). The curator confirms or corrects
// each on the card; the suggestion is stored with the message, as it was when made.
import type { Importance } from "../domain/regulation/schema.ts";
import { assessImportance } from "../domain/triage/importance.ts";
import { matchLocation, type LocationMatch } from "../domain/triage/location.ts";
import {
  detectNotProcessable,
  type NotProcessableReason,
} from "../domain/triage/not-processable.ts";
import { prepareText } from "../domain/triage/similarity.ts";
import { classifyTopic } from "../domain/triage/topic/classify.ts";
import type { Rubricator, TopicModel } from "../domain/triage/topic/model.ts";
import type { Row } from "../db/schema.ts";
import { gazetteerOf } from "./gazetteer.ts";
import { SHIPPED_TOPIC_MODEL } from "./tenant-topic-model.ts";
import type { LinkSuggestion } from "./triage-links.ts";

export interface TopicSuggestion {
  code: string;
  name: string;
  /** The model's probability, 0..1. */
  score: number;
  /** The message's words that decided it, strongest first. */
  words: string[];
  alternatives: Array<{ code: string; name: string; score: number }>;
}

export interface LocationSuggestion {
  /** As the case shows it: «Соболево, Советская, д. 5». */
  label: string;
  /** The words of the message that named the place. */
  text: string;
  score: number;
  settlement: string | null;
  street: string | null;
  house: string | null;
  landmark: string | null;
}

export interface TriageSuggestion {
  version: 1;
  topic: TopicSuggestion | null;
  location: LocationSuggestion | null;
  importance: { value: Extract<Importance, "normal" | "high">; reasons: string[] };
  notProcessable: { reason: NotProcessableReason; evidence: string[] } | null;
  /** The same author's earlier case this message repeats (absent in suggestions made before repeats were looked for). */
  repeatOf?: LinkSuggestion | null;
  /** Another author's open case about the same problem and place. */
  duplicateOf?: LinkSuggestion | null;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function locationLabel(
  m: Pick<LocationMatch, "settlement" | "street" | "house" | "landmark">,
): string {
  return [m.settlement, m.street, m.house && `д. ${m.house}`, m.landmark]
    .filter(Boolean)
    .join(", ");
}

/** The model's topics that the tenant's rubricator has, best first; null when none fits. */
function topicOf(model: TopicModel, rubricator: Rubricator, text: string): TopicSuggestion | null {
  const names = new Map(rubricator.topics.map((t) => [t.code, t.name]));
  const found = classifyTopic(model, text);
  const ranked = [
    { code: found.topic, score: found.score, words: found.words },
    ...found.alternatives.map((a) => ({ code: a.topic, score: a.score, words: [] as string[] })),
  ].filter((t) => names.has(t.code));
  const [best, ...rest] = ranked;
  if (!best) return null;
  return {
    code: best.code,
    name: names.get(best.code) ?? best.code,
    score: round(best.score),
    words: best.words.slice(0, 8),
    // Runners-up worth a look: a topic the model gives one chance in twenty is noise.
    alternatives: rest
      .filter((a) => a.score >= 0.05)
      .slice(0, 3)
      .map((a) => ({ code: a.code, name: names.get(a.code) ?? a.code, score: round(a.score) })),
  };
}

export function suggestTriage(
  tenant: Pick<Row<"tenants">, "id" | "preset" | "gazetteer" | "rubricator">,
  message: {
    text: string;
    likes?: number | null;
    reposts?: number | null;
    comments?: number | null;
  },
  /** The tenant's own model when it has one (tenant-topic-model.ts). */
  model: TopicModel = SHIPPED_TOPIC_MODEL,
): TriageSuggestion {
  const prepared = prepareText(message.text);
  const { gazetteer } = gazetteerOf(tenant);
  const place = gazetteer ? matchLocation(gazetteer, prepared) : undefined;
  const signals = {
    ...(message.likes != null ? { likes: message.likes } : {}),
    ...(message.reposts != null ? { reposts: message.reposts } : {}),
    ...(message.comments != null ? { comments: message.comments } : {}),
  };
  const importance = assessImportance(prepared, signals, place ? { location: place } : {});
  const verdict = detectNotProcessable(message.text);
  return {
    version: 1,
    topic: topicOf(model, tenant.rubricator as Rubricator, message.text),
    location: place
      ? {
          label: locationLabel(place),
          text: place.text,
          score: round(place.score),
          settlement: place.settlement ?? null,
          street: place.street ?? null,
          house: place.house ?? null,
          landmark: place.landmark ?? null,
        }
      : null,
    importance: { value: importance.importance, reasons: importance.reasons },
    notProcessable: verdict.reason
      ? { reason: verdict.reason, evidence: verdict.evidence.slice(0, 5) }
      : null,
  };
}

/** A stored suggestion, or null for messages registered before triage was stored. */
export function storedSuggestion(value: unknown): TriageSuggestion | null {
  return typeof value === "object" && value !== null && (value as TriageSuggestion).version === 1
    ? (value as TriageSuggestion)
    : null;
}
