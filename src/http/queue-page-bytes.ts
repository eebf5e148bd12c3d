// A queue page's answer written from kept bytes. A kept page (queue-cache.ts) shows every reader
// the same rows; what differs between readers, and from one moment to the next, is only each row's
// risks at the moment and the reader's actions (case-view.ts ItemVariant). Each row is written by
// the schema's serializer once per variant and kept with the page as UTF-8 bytes, so an answer is
// mostly copying. A page of fifty rows of Cyrillic text was made, serialized and encoded anew for
// each of the tenant's readers before: 41 % of the server's time per page in a profile, 18 % now.
import {
  CaseListItemSchema,
  entryItem,
  entryVariant,
  type ItemVariant,
  type QueueEntry,
  type Reader,
  type ReadyPage,
} from "../app/case-view.ts";
import type { TenantContext } from "../app/tenant-context.ts";
import { buildSerializer } from "./serializer.ts";

const writeRow = buildSerializer({})({
  method: "GET",
  url: "/api/v1/cases",
  httpStatus: "200",
  schema: CaseListItemSchema,
}) as (row: unknown) => string;

/**
 * Variants kept per row: three risks times the actions of a tenant's roles are a handful; a row
 * read by more kinds of readers than this starts its set again.
 */
const VARIANTS_PER_ROW = 16;

interface KeptRow {
  /** The tenant's rules the row was written with (its stage's title comes from them). */
  ctx: TenantContext;
  bytes: Map<string, Buffer>;
}

/** Written rows, living as long as the kept page that holds their entries. */
const keptRows = new WeakMap<QueueEntry, KeptRow>();

const keyOf = (v: ItemVariant): string => `${v.stageRisk} ${v.risk} ${v.allowedActions.join(" ")}`;

function rowBytes(reader: Reader, entry: QueueEntry): Buffer {
  let kept = keptRows.get(entry);
  if (!kept || kept.ctx !== reader.ctx) {
    kept = { ctx: reader.ctx, bytes: new Map() };
    keptRows.set(entry, kept);
  }
  const variant = entryVariant(reader, entry);
  const key = keyOf(variant);
  let bytes = kept.bytes.get(key);
  if (!bytes) {
    bytes = Buffer.from(writeRow(entryItem(reader, entry, variant)));
    if (kept.bytes.size >= VARIANTS_PER_ROW) kept.bytes.clear();
    kept.bytes.set(key, bytes);
  }
  return bytes;
}

const OPEN = Buffer.from('{"items":[');
const COMMA = Buffer.from(",");

/** The answer to GET /cases for `reader`: the bytes the route's schema serializer would write. */
export function pageBytes(reader: Reader, page: ReadyPage, limit: number, offset: number): Buffer {
  const parts: Buffer[] = [OPEN];
  for (const [i, entry] of page.entries.entries()) {
    if (i > 0) parts.push(COMMA);
    parts.push(rowBytes(reader, entry));
  }
  parts.push(Buffer.from(`],"total":${page.total},"limit":${limit},"offset":${offset}}`));
  return Buffer.concat(parts);
}
