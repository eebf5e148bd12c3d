// Repeats (the same author about the same problem: 002, 003, 004 "повторное сообщение") and duplicates (other authors, same problem and place), found through an index, never by comparing with every stored message.
import { idfWeight, SIMILARITY_THRESHOLDS } from "./similarity.ts";

/** Where a message is about, as far as the comparison needs it. */
export interface RepeatPlace {
  settlement?: string;
  street?: string;
  house?: string;
}

/** One stored message as the index keeps it; plain data, so the desk can persist entries and add them back at start. */
export interface RepeatEntry {
  id: string;
  author?: string;
  /** Epoch milliseconds. */
  postedAt: number;
  topic?: string;
  location?: RepeatPlace;
  /** Stems of the text (`textTerms`), sorted and unique. */
  terms: readonly string[];
  /** When this message itself was found a repeat or duplicate: the earlier case it joined. */
  repeatOf?: string;
  duplicateOf?: string;
}

/** A message being triaged: an entry that may not be stored yet. */
export type RepeatQuery = Omit<RepeatEntry, "id" | "repeatOf" | "duplicateOf"> & { id?: string };

export interface RepeatMatch {
  /** The earliest message of the case or cluster the query joins. */
  id: string;
  /** The stored message the query is most like (may be a later message of the same case). */
  matchedId: string;
  /** Text similarity with that message, 0..1. */
  similarity: number;
  /** Why, in Russian. */
  reasons: string[];
}

export interface RepeatIndexOptions {
  /** Same author within this many ms = repeat (default 30 days). */
  repeatWindowMs?: number;
  /** Other authors within this many ms = duplicate (default 3 days). */
  duplicateWindowMs?: number;
  thresholds?: { strong: number; same: number; weak: number };
  /** At most this many stored messages are read per term, per author and per place (newest first). */
  maxPerKey?: number;
  /** How many of the query's rarest terms lead to candidates. */
  rareTerms?: number;
  /**
   * About how many messages the index will hold, to size its arrays (they grow past it). The
   * default suits a region's stream; an index built for one question over a few dozen candidates
   * would otherwise spend more time zeroing megabytes than comparing.
   */
  expectedEntries?: number;
}

const DAY = 86_400_000;
const MINUTE = 60_000;
const NONE = -1;
/** Lists are newest first: this many entries older than the window in a row end a scan (a few arrive late). */
const STALE_RUN = 4;

/** A growable Int32Array. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  /** Makes room for `n` more values and returns where they start. */
  reserve(n: number): number {
    while (this.length + n > this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    const at = this.length;
    this.length += n;
    return at;
  }
  push(v: number): number {
    const at = this.reserve(1);
    this.data[at] = v;
    return at;
  }
}

// One stored message is one 64-byte record (a cache line): reading a candidate costs one
// memory access instead of one per field, which on a million entries is most of the time.
const STRIDE = 16;
const F_MINUTE = 0; // postedAt in minutes since the epoch: windows are days long
const F_AUTHOR = 1;
const F_TOPIC = 2;
const F_SETTLEMENT = 3;
const F_STREET = 4;
const F_HOUSE = 5;
const F_TERM_START = 6;
const F_TERM_END = 7;
const F_NORM = 8; // float: total term weight, refreshed as the index grows
const F_NORM_AT = 9; // index size when F_NORM was computed
const F_REPEAT_ROOT = 10;
const F_DUPLICATE_ROOT = 11;

class Records {
  ints: Int32Array;
  floats: Float32Array;
  constructor(capacity: number) {
    this.ints = new Int32Array(STRIDE * capacity);
    this.floats = new Float32Array(this.ints.buffer);
  }
  length = 0;
  /** Appends a zeroed record and returns its offset. */
  add(): number {
    if ((this.length + 1) * STRIDE > this.ints.length) {
      const next = new Int32Array(this.ints.length * 2);
      next.set(this.ints);
      this.ints = next;
      this.floats = new Float32Array(next.buffer);
    }
    return this.length++ * STRIDE;
  }
}

/**
 * Postings in blocks of fourteen entries with a link to the key's previous block, all in one
 * array: appending is O(1), reading newest first follows the blocks — what a time window
 * wants — and a block is one cache line, so a scan touches one line per fourteen entries.
 */
const BLOCK = 16;
const B_PREVIOUS = 0;
const B_COUNT = 1;
const B_CAPACITY = BLOCK - 2;

class Postings {
  private readonly pool: IntList;
  private readonly heads: IntList;
  constructor(blocks: number, keys: number) {
    this.pool = new IntList(BLOCK * blocks);
    this.heads = new IntList(keys);
  }

  add(key: number, entry: number): void {
    if (key >= this.heads.length) {
      const from = this.heads.reserve(key + 1 - this.heads.length);
      this.heads.data.fill(NONE, from, this.heads.length);
    }
    let block = this.heads.data[key]!;
    if (block === NONE || this.pool.data[block + B_COUNT] === B_CAPACITY) {
      const next = this.pool.reserve(BLOCK);
      this.pool.data[next + B_PREVIOUS] = block;
      this.pool.data[next + B_COUNT] = 0;
      this.heads.data[key] = next;
      block = next;
    }
    const d = this.pool.data;
    d[block + 2 + d[block + B_COUNT]!] = entry;
    d[block + B_COUNT]!++;
  }

  /** Calls `visit` with the entries of `key`, newest first, until it returns false or `limit` are read. */
  scan(key: number, limit: number, visit: (entry: number) => boolean): void {
    const d = this.pool.data;
    let block = key < this.heads.length ? this.heads.data[key]! : NONE;
    let read = 0;
    while (block !== NONE) {
      for (let k = d[block + B_COUNT]! - 1; k >= 0; k--) {
        if (read++ >= limit || !visit(d[block + 2 + k]!)) return;
      }
      block = d[block + B_PREVIOUS]!;
    }
  }

  get bytes(): number {
    return this.pool.data.byteLength + this.heads.data.byteLength;
  }
}

/**
 * Message ids to entries, in many small maps rather than one: a map of a million ids that grows
 * copies all of them at once (190 ms with the triage waiting, measured at 2^20 ids); small ones
 * grow a little at a time (at most 40 ms then).
 */
class IdMap {
  private readonly shards = Array.from({ length: 256 }, () => new Map<string, number>());
  private shard(id: string): Map<string, number> {
    let h = 0;
    for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) | 0;
    return this.shards[(h ^ (h >>> 8)) & 255]!;
  }
  get(id: string): number | undefined {
    return this.shard(id).get(id);
  }
  has(id: string): boolean {
    return this.shard(id).has(id);
  }
  set(id: string, index: number): void {
    this.shard(id).set(id, index);
  }
}

/** Strings to small numbers, so entries hold ints and comparisons are integer equality. */
class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
  find(value: string | undefined): number {
    return value === undefined ? NONE : (this.ids.get(value) ?? NONE);
  }
}

/** The few candidates of one query, deduplicated in a small table that stays in the CPU cache. */
class CandidateSet {
  private readonly keys = new Int32Array(1024);
  private readonly stamps = new Int32Array(1024);
  private stamp = 0;
  readonly list: number[] = [];
  clear(): void {
    this.stamp++;
    this.list.length = 0;
  }
  /** Adds `e` unless present; false when it was there already or the table is full. */
  add(e: number): boolean {
    if (this.list.length >= 512) return false;
    let h = Math.imul(e, 0x9e3779b1) >>> 22;
    while (this.stamps[h] === this.stamp) {
      if (this.keys[h] === e) return false;
      h = (h + 1) & 1023;
    }
    this.stamps[h] = this.stamp;
    this.keys[h] = e;
    this.list.push(e);
    return true;
  }
}

interface Candidate {
  index: number;
  similarity: number;
  reasons: string[];
}

/**
 * An in-memory index of stored messages for finding repeats and duplicates of a new one.
 * Candidates come from the author's own recent messages (repeats), and from the newest
 * messages sharing the query's rarest terms or its topic and place (duplicates); only those
 * few are compared. Entries are expected in roughly chronological order, as they arrive.
 */
export class RepeatIndex {
  private readonly repeatWindow: number;
  private readonly duplicateWindow: number;
  private readonly thresholds: { strong: number; same: number; weak: number };
  private readonly maxPerKey: number;
  private readonly rareTerms: number;

  private readonly ids: string[] = [];
  private readonly idToIndex = new IdMap();
  private readonly records: Records;
  /** Term ids of an entry are termPool[F_TERM_START .. F_TERM_END), sorted ascending. */
  private readonly termPool: IntList;
  private readonly df: IntList;

  private readonly terms = new Interner();
  private readonly authors = new Interner();
  private readonly topics = new Interner();
  private readonly places = new Interner();
  /** Topic and place (settlement, or street) → posting key. */
  private readonly placeTopics = new Map<number, number>();

  private readonly byTerm: Postings;
  private readonly byAuthor: Postings;
  private readonly byPlaceTopic: Postings;
  private readonly candidates = new CandidateSet();

  private prepared:
    { query: RepeatQuery; size: number; value: ReturnType<RepeatIndex["prepareNow"]> } | undefined =
    undefined;

  constructor(options: RepeatIndexOptions = {}) {
    this.repeatWindow = options.repeatWindowMs ?? 30 * DAY;
    this.duplicateWindow = options.duplicateWindowMs ?? 3 * DAY;
    this.thresholds = options.thresholds ?? SIMILARITY_THRESHOLDS;
    this.maxPerKey = options.maxPerKey ?? 32;
    this.rareTerms = options.rareTerms ?? 3;
    // About 32 terms a message; the default sizes are those of 32,768 messages.
    const n = Math.max(16, Math.min(options.expectedEntries ?? 1 << 15, 1 << 15));
    this.records = new Records(Math.min(n, 1024));
    this.termPool = new IntList(n * 32);
    this.df = new IntList(Math.min(n * 32, 1 << 14));
    const blocks = Math.min(n * 4, 4096);
    this.byTerm = new Postings(blocks, Math.min(n * 32, 1024));
    this.byAuthor = new Postings(blocks, Math.min(n, 1024));
    this.byPlaceTopic = new Postings(blocks, Math.min(n, 1024));
  }

  get size(): number {
    return this.ids.length;
  }

  /** Approximate bytes held by the index's arrays (strings and maps not counted). */
  get arrayBytes(): number {
    return (
      this.records.ints.byteLength +
      this.termPool.data.byteLength +
      this.df.data.byteLength +
      this.byTerm.bytes +
      this.byAuthor.bytes +
      this.byPlaceTopic.bytes
    );
  }

  has(id: string): boolean {
    return this.idToIndex.has(id);
  }

  /** Stores a message. Adding an id again is ignored: the first version stays. */
  add(entry: RepeatEntry): void {
    if (this.idToIndex.has(entry.id)) return;
    const i = this.ids.length;
    this.ids.push(entry.id);
    this.idToIndex.set(entry.id, i);
    const r = this.records.add();
    const rec = this.records.ints;
    const authorId = entry.author === undefined ? NONE : this.authors.id(entry.author);
    const topicId = entry.topic === undefined ? NONE : this.topics.id(entry.topic);
    const place = entry.location;
    const settlementId = place?.settlement === undefined ? NONE : this.places.id(place.settlement);
    const streetId = place?.street === undefined ? NONE : this.places.id(place.street);
    rec[r + F_MINUTE] = Math.floor(entry.postedAt / MINUTE);
    rec[r + F_AUTHOR] = authorId;
    rec[r + F_TOPIC] = topicId;
    rec[r + F_SETTLEMENT] = settlementId;
    rec[r + F_STREET] = streetId;
    rec[r + F_HOUSE] = place?.house === undefined ? NONE : this.places.id(place.house);
    rec[r + F_REPEAT_ROOT] = this.rootOf(entry.repeatOf, i, F_REPEAT_ROOT);
    rec[r + F_DUPLICATE_ROOT] = this.rootOf(entry.duplicateOf, i, F_DUPLICATE_ROOT);

    // The desk asks findRepeat and findDuplicate about a message, then adds it: the terms
    // looked up for the question are not looked up again.
    const asked = this.prepared?.query === entry ? this.prepared.value : undefined;
    const termIds = asked
      ? Int32Array.from(asked.terms, (t, k) =>
          asked.termIds[k] === NONE ? this.terms.id(t) : asked.termIds[k]!,
        ).sort()
      : Int32Array.from(new Set(entry.terms), (t) => this.terms.id(t)).sort();
    this.prepared = undefined;
    rec[r + F_TERM_START] = this.termPool.length;
    const rare = this.rareLimit();
    for (const t of termIds) {
      this.termPool.push(t);
      if (t >= this.df.length) this.df.reserve(t + 1 - this.df.length);
      // Lists of common terms are never read (see findDuplicate): they are not kept.
      if (++this.df.data[t]! <= rare) this.byTerm.add(t, i);
    }
    rec[r + F_TERM_END] = this.termPool.length;
    if (authorId !== NONE) this.byAuthor.add(authorId, i);
    if (settlementId !== NONE && topicId !== NONE) {
      this.byPlaceTopic.add(this.placeKey(topicId, settlementId, true), i);
      if (streetId !== NONE) this.byPlaceTopic.add(this.placeKey(topicId, streetId, true), i);
    }
  }

  /** A term in more messages than this is common: it leads to no candidates. */
  private rareLimit(): number {
    return Math.max(50, this.ids.length / 500);
  }

  /** The posting key of a topic in a place (a settlement or a street), created when `create`. */
  private placeKey(topicId: number, placeId: number, create: boolean): number {
    const composite = topicId * 2 ** 24 + placeId;
    let key = this.placeTopics.get(composite);
    if (key === undefined) {
      if (!create) return NONE;
      key = this.placeTopics.size;
      this.placeTopics.set(composite, key);
    }
    return key;
  }

  private rootOf(id: string | undefined, self: number, field: number): number {
    const earlier = id === undefined ? undefined : this.idToIndex.get(id);
    return earlier === undefined ? self : this.records.ints[earlier * STRIDE + field]!;
  }

  /** The earlier case of the same author this message repeats, if any (within the repeat window). */
  findRepeat(query: RepeatQuery): RepeatMatch | undefined {
    if (query.author === undefined) return undefined;
    const q = this.prepare(query);
    if (q.author === NONE) return undefined;
    const from = Math.floor((query.postedAt - this.repeatWindow) / MINUTE);
    const until = Math.floor(query.postedAt / MINUTE);
    const rec = this.records.ints;
    const set = this.candidates;
    set.clear();
    let stale = 0;
    this.byAuthor.scan(q.author, this.maxPerKey, (e) => {
      const t = rec[e * STRIDE + F_MINUTE]!;
      if (t < from) return ++stale < STALE_RUN;
      stale = 0;
      if (t <= until && e !== q.self) set.add(e);
      return true;
    });
    const best = this.best(q, set.list, "repeat");
    return best && this.toMatch(best, F_REPEAT_ROOT);
  }

  /** The earlier message of another author about the same problem and place, if any (within the duplicate window). */
  findDuplicate(query: RepeatQuery): RepeatMatch | undefined {
    const q = this.prepare(query);
    const from = Math.floor((query.postedAt - this.duplicateWindow) / MINUTE);
    const until = Math.floor(query.postedAt / MINUTE);
    const rec = this.records.ints;
    const set = this.candidates;
    set.clear();
    let stale = 0;
    const visit = (e: number) => {
      const r = e * STRIDE;
      const t = rec[r + F_MINUTE]!;
      if (t < from) return ++stale < STALE_RUN;
      stale = 0;
      if (t > until || e === q.self) return true;
      if (q.author !== NONE && rec[r + F_AUTHOR] === q.author) return true;
      set.add(e);
      return true;
    };
    // The rarest known terms of the query: the messages sharing them are few and likely the same
    // problem. Common words ("вода", "дорога") lead nowhere in particular; the topic and
    // place below find those messages.
    const maxDf = this.rareLimit();
    const rare = Array.from(q.known)
      .filter((t) => this.df.data[t]! <= maxDf)
      .sort((a, b) => this.df.data[a]! - this.df.data[b]!)
      .slice(0, this.rareTerms);
    for (const t of rare) {
      stale = 0;
      this.byTerm.scan(t, this.maxPerKey, visit);
    }
    // The same topic in the same street, then the newest of the same settlement (messages that
    // name no street may still be about it): in a burst of complaints about one outage the
    // newest few are enough, and the cluster's first message comes with them.
    if (q.topic !== NONE && q.street !== NONE) {
      const key = this.placeKey(q.topic, q.street, false);
      stale = 0;
      if (key !== NONE) this.byPlaceTopic.scan(key, this.maxPerKey, visit);
    }
    if (q.topic !== NONE && q.settlement !== NONE) {
      const key = this.placeKey(q.topic, q.settlement, false);
      stale = 0;
      const limit = q.street !== NONE ? this.maxPerKey / 4 : this.maxPerKey / 2;
      if (key !== NONE) this.byPlaceTopic.scan(key, limit, visit);
    }
    const best = this.best(q, set.list, "duplicate");
    return best && this.toMatch(best, F_DUPLICATE_ROOT);
  }

  /** The query in the index's terms; findRepeat and findDuplicate of the same query share it. */
  private prepare(query: RepeatQuery) {
    const p = this.prepared;
    if (p && p.query === query && p.size === this.ids.length) return p.value;
    const value = this.prepareNow(query);
    this.prepared = { query, size: this.ids.length, value };
    return value;
  }

  private prepareNow(query: RepeatQuery) {
    const n = this.ids.length;
    const terms = [...new Set(query.terms)];
    const termIds = terms.map((t) => this.terms.find(t));
    const known = Int32Array.from(termIds.filter((t) => t !== NONE)).sort();
    const weights = Float64Array.from(known, (t) => idfWeight(this.df.data[t]!, n));
    const unknown = termIds.length - known.length;
    return {
      terms,
      termIds,
      author: this.authors.find(query.author),
      /** The query itself when it is already stored, so as not to find itself. */
      self: query.id === undefined ? NONE : (this.idToIndex.get(query.id) ?? NONE),
      known,
      weights,
      norm: weights.reduce((a, b) => a + b, 0) + unknown * idfWeight(0, n),
      topic: this.topics.find(query.topic),
      topicName: query.topic,
      settlement: this.places.find(query.location?.settlement),
      street: this.places.find(query.location?.street),
      house: this.places.find(query.location?.house),
      hasSettlement: query.location?.settlement !== undefined,
      hasStreet: query.location?.street !== undefined,
      hasHouse: query.location?.house !== undefined,
    };
  }

  /**
   * Weighted Jaccard of the query's terms and entry e's, rare terms weighing more:
   * shared / (|query| + |entry| − shared), with weights from the current frequencies.
   */
  private similarity(q: ReturnType<RepeatIndex["prepare"]>, r: number): number {
    const pool = this.termPool.data;
    let i = 0;
    let j = this.records.ints[r + F_TERM_START]!;
    const jEnd = this.records.ints[r + F_TERM_END]!;
    let shared = 0;
    const a = q.known;
    while (i < a.length && j < jEnd) {
      const x = a[i]!;
      const y = pool[j]!;
      if (x === y) {
        shared += q.weights[i]!;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    if (shared === 0) return 0;
    const all = q.norm + this.entryNorm(r) - shared;
    return all <= 0 ? 0 : Math.min(1, shared / all);
  }

  /** An entry's total term weight, recomputed only when the index has grown by a quarter since. */
  private entryNorm(r: number): number {
    const n = this.ids.length;
    const rec = this.records.ints;
    const at = rec[r + F_NORM_AT]!;
    if (at === 0 || n > at * 1.25) {
      const df = this.df.data;
      const pool = this.termPool.data;
      let sum = 0;
      for (let j = rec[r + F_TERM_START]!; j < rec[r + F_TERM_END]!; j++) {
        sum += idfWeight(df[pool[j]!]!, n);
      }
      this.records.floats[r + F_NORM] = sum;
      rec[r + F_NORM_AT] = n;
    }
    return this.records.floats[r + F_NORM]!;
  }

  /**
   * Whether stored message e is about the same problem as the query, and why. A repeat comes
   * from the same person, so the topic and text are enough; a duplicate must also be about the
   * same place (the issue: "different authors about the same problem and place").
   */
  private judge(
    q: ReturnType<RepeatIndex["prepare"]>,
    e: number,
    kind: "repeat" | "duplicate",
  ): Candidate | undefined {
    const r = e * STRIDE;
    const rec = this.records.ints;
    const topic = rec[r + F_TOPIC]!;
    const sameTopic = q.topic !== NONE && topic === q.topic && q.topicName !== "other";
    const topicConflict = q.topicName !== undefined && topic !== NONE && topic !== q.topic;
    const s = rec[r + F_SETTLEMENT]!;
    const st = rec[r + F_STREET]!;
    const h = rec[r + F_HOUSE]!;
    // Both name a settlement, street or house and they differ: another place, another problem.
    const placeConflict =
      (q.hasSettlement && s !== NONE && s !== q.settlement) ||
      (q.hasStreet && st !== NONE && st !== q.street) ||
      (q.hasHouse && h !== NONE && h !== q.house);
    if (placeConflict) return undefined;
    const sim = this.similarity(q, r);
    if (sim < this.thresholds.weak) return undefined;
    const sameSettlement = q.hasSettlement && s === q.settlement;
    const sameStreet = q.hasStreet && st === q.street;
    const sameHouse = q.hasHouse && h === q.house;
    // Another person writing about another village's water is not the same case: a duplicate
    // needs the same settlement, unless the texts are nearly the same.
    if (kind === "duplicate" && !sameSettlement && sim < this.thresholds.strong) return undefined;
    // The same person, topic and village without streets on either side: "опять нет воды".
    const sameVillage = kind === "repeat" && sameSettlement && !q.hasStreet && st === NONE;
    const percent = `${Math.round(sim * 100)}%`;
    const reasons: string[] = [];
    if (sim >= this.thresholds.strong && !topicConflict) {
      reasons.push(`текст совпадает на ${percent}`);
    } else if (sim >= this.thresholds.same && sameTopic) {
      reasons.push(`та же тема, текст совпадает на ${percent}`);
    } else if (sameTopic && (sameStreet || (sameHouse && sameSettlement) || sameVillage)) {
      reasons.push(`та же тема и то же место, текст совпадает на ${percent}`);
    } else return undefined;
    return { index: e, similarity: sim, reasons };
  }

  private best(
    q: ReturnType<RepeatIndex["prepare"]>,
    candidates: number[],
    kind: "repeat" | "duplicate",
  ) {
    let best: Candidate | undefined;
    for (const e of candidates) {
      const c = this.judge(q, e, kind);
      // Ties go to the newer message: candidates arrive newest first.
      if (c && (!best || c.similarity > best.similarity)) best = c;
      // A near-identical recent message settles it: in a burst of hundreds the rest would
      // only confirm the same case.
      if (best && best.similarity >= this.thresholds.strong) break;
    }
    return best;
  }

  private toMatch(c: Candidate, field: number): RepeatMatch {
    const root = this.records.ints[c.index * STRIDE + field]!;
    return {
      id: this.ids[root]!,
      matchedId: this.ids[c.index]!,
      similarity: Math.round(c.similarity * 1000) / 1000,
      reasons: c.reasons,
    };
  }
}
