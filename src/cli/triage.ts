// otklik triage: JSON lines of messages in, one triage verdict per line out, in input order, streaming.
import { once } from "node:events";
import { createInterface } from "node:readline";
import { BurstTracker } from "../domain/triage/bursts.ts";
import { PRESET_GAZETTEERS } from "../domain/triage/location.ts";
import { RepeatIndex } from "../domain/triage/repeats.ts";
import { triageMessage, type TriageContext, type TriageMessage } from "../domain/triage/triage.ts";
import defaultTopicModel from "../domain/triage/topic/default-model.json" with { type: "json" };
import type { TopicModel } from "../domain/triage/topic/model.ts";
import { parseOptions, UsageError, type Command } from "./command.ts";

const USAGE = `Использование: otklik triage --tenant <пресет> < сообщения.jsonl > разбор.jsonl

Каждая строка входа — JSON: {"id", "text", "author"?, "postedAt"?, "network"?, "likes"?, "reposts"?, "comments"?}
(postedAt — ISO 8601 или Unix-время в секундах или миллисекундах; без него сообщение считается
одновременным с предыдущим). Каждая строка выхода: {"id", "topic", "topicScore", "location"?,
"importance", "notProcessable", "repeatOf"?, "duplicateOf"?, "reasons"} в порядке входа.
Пресеты: ${Object.keys(PRESET_GAZETTEERS).join(", ")}.`;

/** A line that is not a message: the line number and what is wrong, in Russian. */
class BadLine extends Error {}

type Id = string | number;

function optionalCount(raw: Record<string, unknown>, field: string): number | undefined {
  const v = raw[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
    throw new BadLine(`«${field}» должно быть неотрицательным числом`);
  return v;
}

/** Epoch ms from ISO 8601 or Unix time; VK and Telegram give seconds, so small numbers are seconds. */
function parsePostedAt(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number" && Number.isFinite(v) && v >= 0) return v < 1e11 ? v * 1000 : v;
  if (typeof v === "string") {
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  throw new BadLine("«postedAt» должно быть датой ISO 8601 или Unix-временем");
}

function parseLine(line: string, previousPostedAt: number): { message: TriageMessage; id: Id } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    throw new BadLine(`не JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new BadLine("ожидается объект JSON");
  const r = raw as Record<string, unknown>;
  const id = r.id;
  if (!((typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id)))) {
    throw new BadLine("нет «id» (строка или число)");
  }
  if (typeof r.text !== "string") throw new BadLine("нет «text» (строка)");
  const author = r.author;
  if (
    author !== undefined &&
    author !== null &&
    typeof author !== "string" &&
    typeof author !== "number"
  ) {
    throw new BadLine("«author» должно быть строкой или числом");
  }
  const message: TriageMessage = {
    id: String(id),
    text: r.text,
    postedAt: parsePostedAt(r.postedAt) ?? previousPostedAt,
  };
  if (author !== undefined && author !== null) message.author = String(author);
  if (typeof r.network === "string") message.network = r.network;
  const likes = optionalCount(r, "likes");
  const reposts = optionalCount(r, "reposts");
  const comments = optionalCount(r, "comments");
  if (likes !== undefined) message.likes = likes;
  if (reposts !== undefined) message.reposts = reposts;
  if (comments !== undefined) message.comments = comments;
  return { message, id };
}

export const triage: Command = async (argv, io) => {
  const { values } = parseOptions(argv, {
    tenant: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.tenant)
    throw new UsageError(`укажите --tenant: ${Object.keys(PRESET_GAZETTEERS).join(", ")}`);
  const gazetteer = PRESET_GAZETTEERS[values.tenant];
  if (!gazetteer) {
    throw new UsageError(
      `неизвестный --tenant «${values.tenant}»; есть: ${Object.keys(PRESET_GAZETTEERS).join(", ")}`,
    );
  }
  const ctx: TriageContext = {
    topicModel: defaultTopicModel as TopicModel,
    gazetteer,
    repeats: new RepeatIndex(),
    bursts: new BurstTracker(),
  };
  // Numeric ids go out as numbers, as they came; only those need remembering.
  const numericIds = new Set<string>();
  const asGiven = (id: string): Id => (numericIds.has(id) ? Number(id) : id);

  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let postedAt = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === "") continue;
    let parsed: { message: TriageMessage; id: Id };
    try {
      parsed = parseLine(line, postedAt);
    } catch (e) {
      if (!(e instanceof BadLine)) throw e;
      io.stderr.write(`otklik triage: строка ${lineNumber} пропущена: ${e.message}\n`);
      continue;
    }
    const { message, id } = parsed;
    postedAt = message.postedAt;
    if (typeof id === "number") numericIds.add(message.id);
    const r = triageMessage(ctx, message);
    const out: Record<string, unknown> = {
      id,
      topic: r.topic,
      topicScore: r.topicScore,
      ...(r.location ? { location: r.location } : {}),
      importance: r.importance,
      notProcessable: r.notProcessable,
      ...(r.repeatOf !== undefined ? { repeatOf: asGiven(r.repeatOf) } : {}),
      ...(r.duplicateOf !== undefined ? { duplicateOf: asGiven(r.duplicateOf) } : {}),
      reasons: r.reasons,
    };
    // Respect the reader's pace: a slow consumer must not make the output pile up in memory.
    if (!io.stdout.write(`${JSON.stringify(out)}\n`)) await once(io.stdout, "drain");
  }
  return 0;
};
