// Takes out of a photo what a camera, a phone or an editor wrote about it — the GPS position, the
// device, the time, the author, thumbnails of the uncropped picture — before it is stored and
// published. It works on the file's structure (JPEG segments, PNG chunks, RIFF chunks of WebP) and
// never touches the pixels, so the picture decodes exactly as before.

import { stripPdf } from "./pdf-metadata.ts";

/** The files the desk takes: photos and PDF documents. */
export const FILE_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"] as const;
export type FileType = (typeof FILE_TYPES)[number];

export type Stripped =
  | { ok: true; bytes: Uint8Array; removed: string[] }
  /** The file does not read as its type: refused rather than stored half-understood. */
  | { ok: false; reason: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...b.subarray(from, from + length));
const bytesOf = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** What the first bytes say the file is, whatever its name or declared type claims. */
export function sniffType(b: Uint8Array): FileType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(b, PNG_SIGNATURE)) return "image/png";
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return "image/webp";
  if (startsWith(b, bytesOf("%PDF-"))) return "application/pdf";
  return null;
}

/** Removes the metadata of a file of the given type (a PDF's: pdf-metadata.ts). */
export function stripMetadata(type: FileType, bytes: Uint8Array): Stripped {
  switch (type) {
    case "image/jpeg":
      return stripJpeg(bytes);
    case "image/png":
      return stripPng(bytes);
    case "image/webp":
      return stripWebp(bytes);
    case "application/pdf":
      return stripPdf(bytes);
  }
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const bad = (reason: string): Stripped => ({ ok: false, reason });

// ---------------------------------------------------------------------------------------------
// JPEG: a sequence of marker segments (FF xx, length, payload); the picture is in the entropy-coded
// data after each SOS. Kept: everything decoding needs (quantization and Huffman tables, frame and
// scan headers, restart interval), the JFIF header without its thumbnail, the ICC colour profile
// (APP2), the Adobe segment (APP14, it says how to convert colours) and, from Exif, the orientation
// alone (rewritten as an Exif segment of its own, when the picture is turned). Dropped: every other
// application segment — APP1 (Exif with GPS, XMP), APP13 (IPTC), APP2 MPF (further pictures, depth
// maps), makers' own APPn — comments, and anything after the end of the image.

const JPEG_SOF = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

/** Why an application segment or comment goes, or null when it stays. */
function droppedJpegSegment(marker: number, payload: Uint8Array): string | null {
  if (marker === 0xfe) return "JPEG COM (comment)";
  if (marker < 0xe0 || marker > 0xef) return null;
  const id = ascii(payload, 0, Math.min(payload.length, 40));
  if (marker === 0xe0 && id.startsWith("JFIF\0")) return null;
  if (marker === 0xe2 && id.startsWith("ICC_PROFILE\0")) return null;
  if (marker === 0xee && id.startsWith("Adobe")) return null;
  if (marker === 0xe1 && id.startsWith("Exif\0")) return "JPEG APP1 Exif";
  if (marker === 0xe1 && id.startsWith("http://ns.adobe.com/")) return "JPEG APP1 XMP";
  if (marker === 0xed) return "JPEG APP13 IPTC";
  return `JPEG APP${marker - 0xe0}${/^[\x20-\x7e]{2,}/.test(id) ? ` ${id.split("\0")[0]!.trim()}` : ""}`;
}

/** The Exif orientation of an APP1 Exif payload when it turns or mirrors the picture (2–8), else null. */
export function exifOrientation(payload: Uint8Array): number | null {
  const t = 6; // "Exif\0\0", then the TIFF header
  if (payload.length < t + 8) return null;
  const order = ascii(payload, t, 2);
  if (order !== "II" && order !== "MM") return null;
  const little = order === "II";
  const u16 = (at: number): number =>
    little ? payload[at]! | (payload[at + 1]! << 8) : (payload[at]! << 8) | payload[at + 1]!;
  const u32 = (at: number): number =>
    little ? (u16(at) | (u16(at + 2) << 16)) >>> 0 : ((u16(at) << 16) | u16(at + 2)) >>> 0;
  if (u16(t + 2) !== 42) return null;
  const ifd = t + u32(t + 4);
  if (ifd + 2 > payload.length) return null;
  const entries = u16(ifd);
  for (let k = 0; k < entries; k++) {
    const e = ifd + 2 + 12 * k;
    if (e + 12 > payload.length) return null;
    if (u16(e) !== 0x0112) continue;
    const value = u16(e + 8);
    return u16(e + 2) === 3 && value >= 2 && value <= 8 ? value : null;
  }
  return null;
}

/** An APP1 Exif segment that holds nothing but the orientation. */
function orientationSegment(orientation: number): Uint8Array {
  // prettier-ignore
  return Uint8Array.of(
    0xff, 0xe1, 0, 34,
    ...bytesOf("Exif\0\0"),
    ...bytesOf("MM"), 0, 42, 0, 0, 0, 8, // TIFF header, big-endian, IFD0 right after it
    0, 1, // one entry
    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, // Orientation, SHORT, 1 value
    0, 0, 0, 0, // no next IFD
  );
}

function stripJpeg(b: Uint8Array): Stripped {
  if (!startsWith(b, [0xff, 0xd8])) return bad("noStartOfImage");
  const out: Uint8Array[] = [Uint8Array.of(0xff, 0xd8)];
  const removed: string[] = [];
  let frame = false;
  let scan = false;
  let orientationKept = false;
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) return bad("badMarker");
    while (i < b.length && b[i] === 0xff) i++; // fill bytes before a marker
    if (i >= b.length) return bad("truncated");
    const marker = b[i]!;
    i++;
    if (marker === 0xd9) {
      if (!frame || !scan) return bad("noImageData");
      out.push(Uint8Array.of(0xff, 0xd9));
      if (i < b.length) removed.push("data after the end of the image");
      return { ok: true, bytes: concat(out), removed };
    }
    // Markers without a length: restarts and TEM.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(Uint8Array.of(0xff, marker));
      continue;
    }
    if (marker === 0x00 || marker === 0xd8) return bad("badMarker");
    if (i + 2 > b.length) return bad("truncated");
    const length = (b[i]! << 8) | b[i + 1]!;
    const end = i + length;
    if (length < 2 || end > b.length) return bad("truncated");
    if (marker === 0xda) {
      if (!frame) return bad("scanBeforeFrame");
      scan = true;
      // The entropy-coded data runs to the next marker that is neither a stuffed FF00 nor a restart.
      let j = end;
      while (j < b.length) {
        if (b[j] === 0xff && j + 1 < b.length) {
          const next = b[j + 1]!;
          if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
            j += 2;
            continue;
          }
          if (next !== 0xff) break;
        }
        j++;
      }
      if (j >= b.length) return bad("truncated");
      out.push(Uint8Array.of(0xff, marker), b.subarray(i, j));
      i = j;
      continue;
    }
    if (JPEG_SOF.has(marker)) frame = true;
    const payload = b.subarray(i + 2, end);
    const why = droppedJpegSegment(marker, payload);
    if (why) {
      removed.push(why);
      // The one Exif fact a viewer needs: which way up the picture is. A phone held upright stores
      // it turned and says so here; without it the photo would show on its side.
      const orientation = why === "JPEG APP1 Exif" ? exifOrientation(payload) : null;
      if (orientation !== null && !orientationKept) {
        out.push(orientationSegment(orientation));
        orientationKept = true;
      }
    } else if (marker === 0xe0 && payload.length > 14 && (payload[12] !== 0 || payload[13] !== 0)) {
      // A JFIF header may carry a thumbnail of the picture as it was: kept without it.
      const header = Uint8Array.from(payload.subarray(0, 14));
      header[12] = 0;
      header[13] = 0;
      out.push(Uint8Array.of(0xff, 0xe0, 0, 16), header);
      removed.push("JPEG JFIF thumbnail");
    } else out.push(Uint8Array.of(0xff, marker), b.subarray(i, end));
    i = end;
  }
  return bad("noEndOfImage");
}

// ---------------------------------------------------------------------------------------------
// PNG: a signature and chunks (length, type, data, CRC-32 of type and data). Dropped: eXIf (Exif),
// tEXt, zTXt and iTXt (text, XMP, comments, the author), tIME (when it was last changed). Every
// chunk's CRC is checked, and nothing after IEND is kept.

const PNG_DROPPED = new Set(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG (and zip) computes it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of bytes) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u32be = (b: Uint8Array, at: number): number =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

function stripPng(b: Uint8Array): Stripped {
  if (!startsWith(b, PNG_SIGNATURE)) return bad("noSignature");
  const out: Uint8Array[] = [b.subarray(0, 8)];
  const removed: string[] = [];
  let i = 8;
  let first = true;
  let data = false;
  while (i + 12 <= b.length) {
    const length = u32be(b, i);
    const end = i + 12 + length;
    if (length > 0x7fffffff || end > b.length) return bad("truncated");
    const type = ascii(b, i + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) return bad("badChunk");
    if (crc32(b.subarray(i + 4, i + 8 + length)) !== u32be(b, i + 8 + length))
      return bad("badChecksum");
    if (first && type !== "IHDR") return bad("noHeader");
    first = false;
    if (type === "IDAT") data = true;
    if (PNG_DROPPED.has(type)) removed.push(`PNG ${type}`);
    else out.push(b.subarray(i, end));
    i = end;
    if (type === "IEND") {
      if (!data) return bad("noImageData");
      if (i < b.length) removed.push("data after the end of the image");
      return { ok: true, bytes: concat(out), removed };
    }
  }
  return bad("truncated");
}

// ---------------------------------------------------------------------------------------------
// WebP: a RIFF container of chunks (FourCC, little-endian size, data padded to an even length).
// Dropped: EXIF and "XMP " chunks, with their flags in the VP8X header cleared so that decoders do
// not look for them; kept: the picture (VP8, VP8L, ALPH, ANIM/ANMF), the ICC profile (ICCP).

const u32le = (b: Uint8Array, at: number): number =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(b: Uint8Array): Stripped {
  if (b.length < 12 || ascii(b, 0, 4) !== "RIFF" || ascii(b, 8, 4) !== "WEBP")
    return bad("noSignature");
  const riffEnd = 8 + u32le(b, 4);
  if (riffEnd > b.length || riffEnd < 12) return bad("truncated");
  const kept: Uint8Array[] = [];
  const removed: string[] = [];
  let picture = false;
  let i = 12;
  while (i < riffEnd) {
    if (i + 8 > riffEnd) return bad("truncated");
    const fourcc = ascii(b, i, 4);
    const size = u32le(b, i + 4);
    const end = i + 8 + size + (size % 2);
    if (end > riffEnd && i + 8 + size !== riffEnd) return bad("truncated");
    const chunk = b.subarray(i, Math.min(end, riffEnd));
    if (fourcc === "EXIF" || fourcc === "XMP ") removed.push(`WebP ${fourcc.trim()}`);
    else if (fourcc === "VP8X") {
      if (size < 10) return bad("badChunk");
      const header = Uint8Array.from(chunk);
      header[8] = header[8]! & ~(VP8X_EXIF | VP8X_XMP);
      kept.push(header);
    } else {
      if (fourcc === "VP8 " || fourcc === "VP8L" || fourcc === "ANIM") picture = true;
      kept.push(chunk);
    }
    i = end;
  }
  if (!picture) return bad("noImageData");
  if (riffEnd < b.length) removed.push("data after the end of the image");
  const body = concat(kept);
  const header = new Uint8Array(12);
  header.set(bytesOf("RIFF"), 0);
  const size = body.length + 4;
  header.set([size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, (size >>> 24) & 0xff], 4);
  header.set(bytesOf("WEBP"), 8);
  return { ok: true, bytes: concat([header, body]), removed };
}
