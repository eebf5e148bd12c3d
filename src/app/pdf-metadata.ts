// Takes out of a PDF what its authoring program wrote about it — the document information
// dictionary (author, creator, producer, title, dates) and XMP metadata streams — before it is
// stored and published. The file is not rewritten: every byte keeps its place, and what is taken
// out is overwritten with spaces, so the cross-reference table's offsets stay true and the
// document reads as before. Only what is written in the open can be reached this way: an
// information dictionary inside a compressed object stream is left as it is (and not reported).

import type { Stripped } from "./image-metadata.ts";

// A document has an information dictionary per revision and an XMP stream for itself and perhaps
// each picture; a file naming far more is refused rather than searched at length.
const MAX_INFO_REFERENCES = 16;
const MAX_XMP_STREAMS = 256;

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

/** Overwrites every value of the dictionary at [from, to) but the brackets of its strings. */
function blankDictionaryValues(b: Uint8Array, from: number, to: number): boolean {
  let changed = false;
  for (let i = from + 2; i < to - 2; i++) {
    const c = b[i]!;
    if (c === 0x28) {
      const end = literalEnd(b, i, to);
      if (end - i > 2) {
        blank(b, i + 1, end - 1);
        changed = true;
      }
      i = end - 1;
    } else if (c === 0x3c && b[i + 1] !== 0x3c) {
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

function stripInfo(b: Uint8Array, text: string): boolean | "tooMany" {
  let changed = false;
  const refs = new Set<string>();
  for (const m of text.matchAll(
    /\/Info[ \t\r\n\f\0]*([0-9]+)[ \t\r\n\f\0]+([0-9]+)[ \t\r\n\f\0]+R/g,
  ))
    refs.add(`${m[1]} ${m[2]}`);
  if (refs.size > MAX_INFO_REFERENCES) return "tooMany";
  for (const ref of refs) {
    const [num, gen] = ref.split(" ").map(Number) as [number, number];
    for (const start of objectStarts(text, num, gen)) {
      const open = dictionaryAfter(b, text.indexOf("obj", start) + 3);
      const close = open === null ? -1 : dictionaryEnd(b, open);
      if (open !== null && close > 0 && blankDictionaryValues(b, open, close)) changed = true;
    }
  }
  return changed;
}

/** Overwrites the data of every XML metadata stream, and its filter (the data become plain spaces). */
function stripXmp(b: Uint8Array, text: string): boolean | "tooMany" {
  let changed = false;
  const found = [...text.matchAll(/\/Type[ \t\r\n\f\0]*\/Metadata(?![A-Za-z0-9])/g)];
  if (found.length > MAX_XMP_STREAMS) return "tooMany";
  for (const m of found) {
    // The dictionary this entry belongs to: the nearest "<<" before it that closes after it.
    let open = text.lastIndexOf("<<", m.index);
    let close = open < 0 ? -1 : dictionaryEnd(b, open);
    // A stream's dictionary nests little: a few steps out reach it.
    for (let step = 0; step < 8 && open >= 0 && close >= 0 && close < m.index; step++) {
      open = text.lastIndexOf("<<", open - 1);
      close = open < 0 ? -1 : dictionaryEnd(b, open);
    }
    if (open < 0 || close < m.index) continue;
    const dict = text.slice(open, close);
    if (!/\/Subtype[ \t\r\n\f\0]*\/XML(?![A-Za-z0-9])/.test(dict)) continue;
    const after = /^[ \t\r\n\f\0]*stream(\r\n|\n|\r)/.exec(text.slice(close, close + 64));
    if (!after) continue;
    const dataFrom = close + after[0].length;
    let dataTo = text.indexOf("endstream", dataFrom);
    if (dataTo < 0) continue;
    // The end of line before "endstream" is not data: it stays.
    if (b[dataTo - 1] === 0x0a) dataTo--;
    if (b[dataTo - 1] === 0x0d) dataTo--;
    blank(b, dataFrom, Math.max(dataFrom, dataTo));
    // A filter would now decode spaces: the entries naming it go too.
    for (const f of dict.matchAll(
      /\/(Filter|DecodeParms)[ \t\r\n\f\0]*(\/[A-Za-z0-9]+|\[[^\]]*\]|<<)/g,
    )) {
      const from = open + f.index;
      let to = from + f[0].length;
      if (f[2] === "<<") to = dictionaryEnd(b, to - 2);
      if (to > from) blank(b, from, to);
    }
    changed = true;
  }
  return changed;
}

/** A copy of the PDF with its document information and XMP metadata overwritten by spaces. */
export function stripPdf(bytes: Uint8Array): Stripped {
  const b = new Uint8Array(bytes);
  const removed: string[] = [];
  const info = stripInfo(b, latin1(b));
  // Read again: the information dictionary's strings may have held "/Type /Metadata".
  const xmp = info === "tooMany" ? info : stripXmp(b, latin1(b));
  if (info === "tooMany" || xmp === "tooMany")
    return { ok: false, reason: "the PDF names too many metadata objects to take out" };
  if (info) removed.push("Info");
  if (xmp) removed.push("XMP");
  return { ok: true, bytes: b, removed };
}
