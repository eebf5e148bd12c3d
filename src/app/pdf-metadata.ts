// Takes out of a PDF what its authoring program wrote about it — the document information
// dictionary (author, creator, producer, title, dates), XMP metadata streams and applications'
// private data (page-piece dictionaries) — before it is stored and published. The file is not rewritten: every byte keeps its place, and what is taken
// out is overwritten with spaces, so the cross-reference table's offsets stay true and the
// document reads as before. An information dictionary inside a compressed object stream (PDF 1.5
// and later) is blanked in the stream's decoded text, which is compressed again into the same
// bytes: the new data is padded to the old length inside the compressed format itself, with
// spaces after the stream's last object.

import { constants, deflateRawSync, inflateSync } from "node:zlib";
import type { Stripped } from "./image-metadata.ts";

// A document has an information dictionary per revision and an XMP stream for itself and perhaps
// each picture; a file naming far more is refused rather than searched at length.
const MAX_INFO_REFERENCES = 16;
const MAX_XMP_STREAMS = 256;
const MAX_PIECE_OBJECTS = 256;
// Object streams are opened only to find an information dictionary, each decoded to this much at
// most, so a small hostile file cannot unpack into gigabytes.
const MAX_OBJECT_STREAMS = 256;
const MAX_DECODED = 16 * 1024 * 1024;

const WS = "[ \\t\\r\\n\\f\\0]";

const SPACE = 0x20;
const isWhite = (c: number): boolean =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

/**
 * The end (exclusive) of the literal string opening at `from` ("("), nested parentheses
 * included; `last` when it does not close before.
 */
function literalEnd(b: Uint8Array, from: number, last: number): number {
  let depth = 0;
  for (let i = from; i < last; i++) {
    const c = b[i]!;
    if (c === 0x5c)
      i++; // a backslash escapes the next byte
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return i + 1;
  }
  return last;
}

// Metadata dictionaries are small: a scan for the end of one gives up after this many bytes, so a
// hostile file full of "<<" cannot make the work grow with the square of its size.
const DICTIONARY_SCAN = 64 * 1024;

/**
 * The end (exclusive) of the dictionary opening at `from` ("<<"), strings and nesting skipped;
 * -1 when it does not close within DICTIONARY_SCAN bytes.
 */
function dictionaryEnd(b: Uint8Array, from: number): number {
  let depth = 0;
  const last = Math.min(b.length, from + DICTIONARY_SCAN);
  for (let i = from; i < last; i++) {
    const c = b[i]!;
    if (c === 0x28) i = literalEnd(b, i, last) - 1;
    else if (c === 0x3c && b[i + 1] === 0x3c) {
      depth++;
      i++;
    } else if (c === 0x3e && b[i + 1] === 0x3e) {
      i++;
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

const blank = (b: Uint8Array, from: number, to: number): void => {
  b.fill(SPACE, from, to);
};

/**
 * Overwrites every string of the dictionary at [from, to), in its nested dictionaries and arrays
 * too, but the brackets of the strings.
 */
function blankDictionaryValues(b: Uint8Array, from: number, to: number): boolean {
  let changed = false;
  for (let i = from + 2; i < to - 2; i++) {
    const c = b[i]!;
    if (c === 0x3c && b[i + 1] === 0x3c)
      i++; // a nested dictionary opens: its strings come next
    else if (c === 0x28) {
      const end = literalEnd(b, i, to);
      if (end - i > 2) {
        blank(b, i + 1, end - 1);
        changed = true;
      }
      i = end - 1;
    } else if (c === 0x3c) {
      let end = i + 1;
      while (end < to && b[end] !== 0x3e) end++;
      // Hex digits "20" are spaces; an odd count ends in "2", which reads as "20" as well.
      for (let k = i + 1, n = 0; k < end; k++) if (!isWhite(b[k]!)) b[k] = n++ % 2 ? 0x30 : 0x32;
      changed ||= end - i > 1;
      i = end;
    }
  }
  return changed;
}

const latin1 = (b: Uint8Array): string =>
  Buffer.from(b.buffer, b.byteOffset, b.length).toString("latin1");

/** Where "N G obj" starts, for every definition of the object in the file (updates add more). */
function objectStarts(text: string, num: number, gen: number): number[] {
  const re = new RegExp(`(?<![0-9])${num}[ \\t\\r\\n\\f\\0]+${gen}[ \\t\\r\\n\\f\\0]+obj\\b`, "g");
  return [...text.matchAll(re)].map((m) => m.index);
}

/** The first "<<" after `from`, when only white space stands between. */
function dictionaryAfter(b: Uint8Array, from: number): number | null {
  let i = from;
  while (i < b.length && isWhite(b[i]!)) i++;
  return b[i] === 0x3c && b[i + 1] === 0x3c ? i : null;
}

/**
 * The dictionary the name at `at` is an entry of: the nearest "<<" before it that closes after it
 * (a stream's dictionary nests little: a few steps out reach it). Null when there is none.
 */
function enclosingDictionary(b: Uint8Array, text: string, at: number): [number, number] | null {
  let open = text.lastIndexOf("<<", at);
  let close = open < 0 ? -1 : dictionaryEnd(b, open);
  for (let step = 0; step < 8 && open >= 0 && close >= 0 && close < at; step++) {
    open = text.lastIndexOf("<<", open - 1);
    close = open < 0 ? -1 : dictionaryEnd(b, open);
  }
  return open < 0 || close < at ? null : [open, close];
}

/** Where the data of the stream whose dictionary ends at `close` begins, or -1 for no stream. */
function streamData(text: string, close: number): number {
  const after = new RegExp(`^${WS}*stream(\\r\\n|\\n|\\r)`).exec(text.slice(close, close + 64));
  return after ? close + after[0].length : -1;
}

/** A compressed object stream: where its data lie, and its header's length. */
interface ObjectStream {
  from: number;
  to: number;
  first: number;
}

/** The object streams compressed with plain Flate (other filters and predictors are not opened). */
function objectStreams(b: Uint8Array, text: string): ObjectStream[] | "tooMany" {
  const found = [...text.matchAll(new RegExp(`/Type${WS}*/ObjStm(?![A-Za-z0-9])`, "g"))];
  if (found.length > MAX_OBJECT_STREAMS) return "tooMany";
  const streams: ObjectStream[] = [];
  for (const m of found) {
    const dict = enclosingDictionary(b, text, m.index);
    if (!dict) continue;
    const entries = text.slice(dict[0], dict[1]);
    const flate = new RegExp(`/Filter${WS}*(/FlateDecode|\\[${WS}*/FlateDecode${WS}*\\])`);
    if (!flate.test(entries) || entries.includes("/DecodeParms")) continue;
    const first = new RegExp(`/First${WS}+([0-9]+)`).exec(entries);
    const from = streamData(text, dict[1]);
    if (!first || from < 0) continue;
    // A direct length; one given by reference ("/Length 12 0 R") is found at "endstream" instead.
    const length = new RegExp(`/Length${WS}+([0-9]+)(?![0-9]|${WS}+[0-9]+${WS}+R)`).exec(entries);
    let to = length ? from + Number(length[1]) : text.indexOf("endstream", from);
    if (to < 0 || to > b.length) continue;
    if (!length) while (to > from && (b[to - 1] === 0x0a || b[to - 1] === 0x0d)) to--;
    streams.push({ from, to, first: Number(first[1]) });
  }
  return streams;
}

/** Adler-32 of `data`, the checksum closing a zlib stream. */
function adler32(data: Uint8Array): number {
  let a = 1;
  let c = 0;
  for (let i = 0; i < data.length;) {
    // 5552 bytes is the most that cannot overflow before the modulo (zlib's NMAX).
    const end = Math.min(data.length, i + 5552);
    for (; i < end; i++) {
      a += data[i]!;
      c += a;
    }
    a %= 65521;
    c %= 65521;
  }
  return ((c << 16) | a) >>> 0;
}

/**
 * `decoded` compressed as a zlib stream of exactly `room` bytes, or null when it does not fit. The
 * compressed data end on a byte boundary (a sync flush) and are followed by stored blocks of
 * spaces that fill the room; those spaces decode after the stream's last object, where white
 * space means nothing.
 */
function zlibOfLength(decoded: Uint8Array, room: number): Buffer | null {
  const body = deflateRawSync(decoded, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  let left = room - 2 - body.length - 4;
  if (left < 5) return null;
  const blocks: Buffer[] = [];
  let spaces = 0;
  while (left > 0) {
    // A stored block is 5 bytes of header and up to 65,535 of data; never leave less than a header.
    const take = left > 65_540 ? Math.min(65_540, left - 5) : left;
    const n = take - 5;
    left -= take;
    const block = Buffer.alloc(take, SPACE);
    block[0] = left === 0 ? 1 : 0;
    block.writeUInt16LE(n, 1);
    block.writeUInt16LE(~n & 0xffff, 3);
    blocks.push(block);
    spaces += n;
  }
  const all = new Uint8Array(decoded.length + spaces).fill(SPACE);
  all.set(decoded);
  const check = Buffer.alloc(4);
  check.writeUInt32BE(adler32(all));
  return Buffer.concat([Buffer.from([0x78, 0xda]), body, ...blocks, check]);
}

type Refusal = "tooMany" | "noRoom" | "unopened";

/**
 * Blanks the information dictionaries kept in compressed object streams. True when one was
 * blanked; a refusal when one could not be written back in its place, or when a stream that may
 * hold one could not be opened (too large decoded, or not plain Flate) while it was found nowhere
 * else.
 */
function stripCompressedInfo(b: Uint8Array, text: string, wanted: Set<number>): boolean | Refusal {
  const streams = objectStreams(b, text);
  if (streams === "tooMany") return streams;
  const missing = new Set(wanted);
  let unopened = streams.length < [...text.matchAll(/\/ObjStm(?![A-Za-z0-9])/g)].length;
  let changed = false;
  for (const stream of streams) {
    let decoded: Buffer;
    try {
      decoded = inflateSync(b.subarray(stream.from, stream.to), { maxOutputLength: MAX_DECODED });
    } catch {
      unopened = true;
      continue;
    }
    // The header: pairs of an object's number and its offset after `first`.
    const numbers = decoded.subarray(0, stream.first).toString("latin1").trim().split(/\s+/);
    let blanked = false;
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      if (!wanted.has(Number(numbers[i]))) continue;
      missing.delete(Number(numbers[i]));
      const start = stream.first + Number(numbers[i + 1]);
      const end = i + 3 < numbers.length ? stream.first + Number(numbers[i + 3]) : decoded.length;
      const open = dictionaryAfter(decoded, start);
      const close = open === null || open >= end ? -1 : dictionaryEnd(decoded, open);
      if (open !== null && close > 0 && blankDictionaryValues(decoded, open, close)) blanked = true;
    }
    if (!blanked) continue;
    const encoded = zlibOfLength(decoded, stream.to - stream.from);
    if (!encoded) return "noRoom";
    b.set(encoded, stream.from);
    changed = true;
  }
  // Found nowhere, in a file whose streams were all opened, the reference leads nowhere: no reader
  // shows anything for it.
  return missing.size > 0 && unopened ? "unopened" : changed;
}

function stripInfo(b: Uint8Array, text: string): boolean | Refusal {
  let changed = false;
  const refs = new Set<string>();
  for (const m of text.matchAll(new RegExp(`/Info${WS}*([0-9]+)${WS}+([0-9]+)${WS}+R`, "g")))
    refs.add(`${m[1]} ${m[2]}`);
  if (refs.size > MAX_INFO_REFERENCES) return "tooMany";
  // Objects in object streams have generation 0 and no "N 0 obj" of their own.
  const compressed = new Set<number>();
  for (const ref of refs) {
    const [num, gen] = ref.split(" ").map(Number) as [number, number];
    const starts = objectStarts(text, num, gen);
    if (starts.length === 0 && gen === 0) compressed.add(num);
    for (const start of starts) {
      const open = dictionaryAfter(b, text.indexOf("obj", start) + 3);
      const close = open === null ? -1 : dictionaryEnd(b, open);
      if (open !== null && close > 0 && blankDictionaryValues(b, open, close)) changed = true;
    }
  }
  if (compressed.size === 0) return changed;
  const inStreams = stripCompressedInfo(b, text, compressed);
  return typeof inStreams === "string" ? inStreams : changed || inStreams;
}

/**
 * Overwrites the data of the stream whose dictionary is [open, close), and the entries naming its
 * filter: a filter would decode the spaces to garbage. False when no stream follows.
 */
function emptyStream(b: Uint8Array, text: string, open: number, close: number): boolean {
  const dataFrom = streamData(text, close);
  if (dataFrom < 0) return false;
  let dataTo = text.indexOf("endstream", dataFrom);
  if (dataTo < 0) return false;
  // The end of line before "endstream" is not data: it stays.
  if (b[dataTo - 1] === 0x0a) dataTo--;
  if (b[dataTo - 1] === 0x0d) dataTo--;
  blank(b, dataFrom, Math.max(dataFrom, dataTo));
  for (const f of text
    .slice(open, close)
    .matchAll(/\/(Filter|DecodeParms)[ \t\r\n\f\0]*(\/[A-Za-z0-9]+|\[[^\]]*\]|<<)/g)) {
    const from = open + f.index;
    let to = from + f[0].length;
    if (f[2] === "<<") to = dictionaryEnd(b, to - 2);
    if (to > from) blank(b, from, to);
  }
  return true;
}

/** Overwrites the data of every XML metadata stream, and its filter (the data become plain spaces). */
function stripXmp(b: Uint8Array, text: string): boolean | "tooMany" {
  let changed = false;
  const found = [...text.matchAll(/\/Type[ \t\r\n\f\0]*\/Metadata(?![A-Za-z0-9])/g)];
  if (found.length > MAX_XMP_STREAMS) return "tooMany";
  for (const m of found) {
    const dict = enclosingDictionary(b, text, m.index);
    if (!dict) continue;
    const [open, close] = dict;
    if (!/\/Subtype[ \t\r\n\f\0]*\/XML(?![A-Za-z0-9])/.test(text.slice(open, close))) continue;
    if (emptyStream(b, text, open, close)) changed = true;
  }
  return changed;
}

/**
 * Page-piece dictionaries (/PieceInfo, in the catalog, pages and forms) keep an application's
 * private data: Illustrator and InDesign put their whole document there, hidden layers and author
 * included. Readers do not show them. Their strings are blanked, and so are the objects they
 * name, to any depth: a dictionary loses its strings' values, a stream its data. An object is
 * followed only when nothing else can name it: the tree is its one reference in the file, and the
 * file keeps no objects in compressed streams, where other references would not be seen. So a
 * font or a picture the page shares with the private data stays whole.
 */
function stripPieceInfo(b: Uint8Array, text: string): boolean | "tooMany" {
  const found = [...text.matchAll(/\/PieceInfo(?![A-Za-z0-9])/g)];
  if (found.length > MAX_PIECE_OBJECTS) return "tooMany";
  const reference = new RegExp(`([0-9]+)${WS}+([0-9]+)${WS}+R(?![A-Za-z0-9])`, "g");
  // Dictionaries to blank; `object` when it is an object's own, which a stream may follow.
  const work: { open: number; close: number; object: boolean }[] = [];
  const seen = new Set<string>();
  const compressed = /\/ObjStm(?![A-Za-z0-9])/.test(text);
  const follow = (num: string, gen: string): boolean => {
    const key = `${num} ${gen}`;
    if (seen.has(key)) return true;
    seen.add(key);
    if (seen.size > MAX_PIECE_OBJECTS) return false;
    const named = text.match(new RegExp(`(?<![0-9])${num}${WS}+${gen}${WS}+R(?![A-Za-z0-9])`, "g"));
    if (compressed || (named?.length ?? 0) > 1) return true;
    for (const start of objectStarts(text, Number(num), Number(gen))) {
      const open = dictionaryAfter(b, text.indexOf("obj", start) + 3);
      const close = open === null ? -1 : dictionaryEnd(b, open);
      if (open !== null && close > 0) work.push({ open, close, object: true });
    }
    return true;
  };
  for (const m of found) {
    const after = m.index + m[0].length;
    const open = dictionaryAfter(b, after);
    const close = open === null ? -1 : dictionaryEnd(b, open);
    if (open !== null && close > 0) work.push({ open, close, object: false });
    else {
      const ref = new RegExp(`^${WS}*([0-9]+)${WS}+([0-9]+)${WS}+R`).exec(
        text.slice(after, after + 40),
      );
      if (ref && !follow(ref[1]!, ref[2]!)) return "tooMany";
    }
  }
  let changed = false;
  for (let next = work.pop(); next; next = work.pop()) {
    const { open, close, object } = next;
    for (const ref of text.slice(open, close).matchAll(reference))
      if (!follow(ref[1]!, ref[2]!)) return "tooMany";
    if (blankDictionaryValues(b, open, close)) changed = true;
    if (object && emptyStream(b, text, open, close)) changed = true;
  }
  return changed;
}

/**
 * A copy of the PDF with its document information, XMP metadata and applications' private data
 * overwritten by spaces.
 */
export function stripPdf(bytes: Uint8Array): Stripped {
  const b = new Uint8Array(bytes);
  const removed: string[] = [];
  const info = stripInfo(b, latin1(b));
  // Read again: the information dictionary's strings may have held "/Type /Metadata".
  const xmp = typeof info === "string" ? false : stripXmp(b, latin1(b));
  const pieces =
    typeof info === "string" || xmp === "tooMany" ? false : stripPieceInfo(b, latin1(b));
  if (info === "tooMany" || xmp === "tooMany" || pieces === "tooMany")
    return { ok: false, reason: "the PDF names too many metadata objects to take out" };
  if (info === "noRoom")
    return {
      ok: false,
      reason:
        "the PDF's document information is compressed so tightly it cannot be taken out in place",
    };
  if (info === "unopened")
    return {
      ok: false,
      reason: "the PDF's document information is in a compressed part that cannot be opened here",
    };
  if (info) removed.push("Info");
  if (xmp) removed.push("XMP");
  if (pieces) removed.push("PieceInfo");
  return { ok: true, bytes: b, removed };
}
