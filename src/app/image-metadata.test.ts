import { describe, expect, it } from "vitest";
import {
  COMMENT_MARK,
  DEVICE,
  holds,
  jpegWithGps,
  PLAIN_JPEG,
  PLAIN_WEBP,
  plainPng,
  pngWithGps,
  webpWithGps,
  XMP_MARK,
} from "../../test/support/images.ts";
import {
  crc32,
  exifOrientation,
  sniffType,
  stripMetadata,
  type Stripped,
} from "./image-metadata.ts";

const ok = (s: Stripped) => {
  if (!s.ok) throw new Error(`refused: ${s.reason}`);
  return s;
};

/** The marker segments of a JPEG, and whether it ends with EOI after the scan. */
function jpegSegments(b: Uint8Array): string[] {
  const markers: string[] = [];
  let i = 2;
  while (i < b.length) {
    const marker = b[i + 1]!;
    markers.push(marker.toString(16));
    if (marker === 0xd9) return i + 2 === b.length ? markers : [...markers, "trailing"];
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    i += 2 + length;
    if (marker === 0xda) {
      while (!(b[i] === 0xff && b[i + 1] !== 0 && !(b[i + 1]! >= 0xd0 && b[i + 1]! <= 0xd7))) i++;
    }
  }
  return [...markers, "no EOI"];
}

/** Every chunk of a PNG with its CRC checked. */
function pngChunks(b: Uint8Array): Array<{ type: string; crcOk: boolean }> {
  const out: Array<{ type: string; crcOk: boolean }> = [];
  const view = Buffer.from(b);
  for (let i = 8; i < b.length;) {
    const length = view.readUInt32BE(i);
    const type = view.toString("latin1", i + 4, i + 8);
    const crcOk = crc32(b.subarray(i + 4, i + 8 + length)) === view.readUInt32BE(i + 8 + length);
    out.push({ type, crcOk });
    i += 12 + length;
  }
  return out;
}

describe("what a file is, by its first bytes", () => {
  it("tells JPEG, PNG, WebP and PDF apart and knows nothing else", () => {
    expect(sniffType(PLAIN_JPEG)).toBe("image/jpeg");
    expect(sniffType(plainPng())).toBe("image/png");
    expect(sniffType(PLAIN_WEBP)).toBe("image/webp");
    expect(sniffType(Buffer.from("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffType(Buffer.from("GIF89a"))).toBeNull();
    expect(sniffType(Buffer.from("<svg onload=alert(1)>"))).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
  });
});

describe("JPEG: Exif, XMP, IPTC and comments come out, the picture stays", () => {
  it("a photo with GPS Exif comes back as the plain picture, byte for byte", () => {
    const tagged = jpegWithGps();
    expect(holds(tagged, DEVICE)).toBe(true);
    const s = ok(stripMetadata("image/jpeg", tagged));
    expect(Buffer.from(s.bytes).equals(PLAIN_JPEG)).toBe(true);
    expect(s.removed).toEqual([
      "JPEG APP1 Exif",
      "JPEG APP1 XMP",
      "JPEG APP13 IPTC",
      "JPEG COM (comment)",
    ]);
    for (const mark of [DEVICE, XMP_MARK, COMMENT_MARK, "Exif\0", "Photoshop"])
      expect(holds(s.bytes, mark), mark).toBe(false);
  });

  it("keeps what decoding needs: SOI, JFIF, the ICC profile, tables, frame, scan and EOI", () => {
    const s = ok(stripMetadata("image/jpeg", jpegWithGps()));
    expect([...s.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...s.bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect(jpegSegments(s.bytes)).toEqual([
      "e0",
      "e2",
      "db",
      "db",
      "c0",
      "c4",
      "c4",
      "c4",
      "c4",
      "da",
      "d9",
    ]);
    expect(holds(s.bytes, "ICC_PROFILE")).toBe(true);
  });

  it("a phone photo held upright keeps which way up it is, and nothing else of its Exif", () => {
    const s = ok(stripMetadata("image/jpeg", jpegWithGps(PLAIN_JPEG, 6)));
    expect(jpegSegments(s.bytes).slice(0, 3)).toEqual(["e0", "e1", "e2"]);
    const app1 = s.bytes.indexOf(0xe1, 2) - 1;
    const payload = s.bytes.subarray(
      app1 + 4,
      app1 + 2 + ((s.bytes[app1 + 2]! << 8) | s.bytes[app1 + 3]!),
    );
    expect(exifOrientation(payload)).toBe(6);
    expect(payload.length).toBe(32);
    for (const mark of [DEVICE, XMP_MARK, COMMENT_MARK])
      expect(holds(s.bytes, mark), mark).toBe(false);
    expect(s.removed).toContain("JPEG APP1 Exif");
  });

  it("reads the orientation in either byte order, and keeps none when the picture is upright", () => {
    // A little-endian TIFF ("II") with one IFD0 entry: Orientation = 8.
    const little = Uint8Array.of(
      ...[...Buffer.from("Exif\0\0II", "latin1")],
      42,
      0,
      8,
      0,
      0,
      0,
      1,
      0,
      0x12,
      0x01,
      3,
      0,
      1,
      0,
      0,
      0,
      8,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
    );
    expect(exifOrientation(little)).toBe(8);
    expect(exifOrientation(little.subarray(0, 20))).toBeNull();
    const upright = ok(stripMetadata("image/jpeg", jpegWithGps(PLAIN_JPEG, 1)));
    expect(Buffer.from(upright.bytes).equals(PLAIN_JPEG)).toBe(true);
  });

  it("a plain picture is left as it is", () => {
    const s = ok(stripMetadata("image/jpeg", PLAIN_JPEG));
    expect(s.removed).toEqual([]);
    expect(Buffer.from(s.bytes).equals(PLAIN_JPEG)).toBe(true);
  });

  it("drops a JFIF thumbnail, other makers' segments and data hidden after the end of the image", () => {
    // PLAIN_JPEG: SOI, then APP0 of 16 bytes (a 14-byte JFIF header without a thumbnail).
    const header = Buffer.from(PLAIN_JPEG.subarray(6, 20));
    header[12] = 3; // a 3×1 RGB thumbnail follows
    header[13] = 1;
    const payload = Buffer.concat([header, Buffer.alloc(9, 200)]);
    const tagged = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, payload.length + 2]),
      payload,
      Buffer.from([0xff, 0xe5, 0, 10, ...Buffer.from("Ducky\0\0\0", "latin1")]),
      PLAIN_JPEG.subarray(20),
      Buffer.from("PK\u0003\u0004 a zip of the whole phone", "latin1"),
    ]);
    const s = ok(stripMetadata("image/jpeg", tagged));
    expect(s.removed).toEqual([
      "JPEG JFIF thumbnail",
      "JPEG APP5 Ducky",
      "data after the end of the image",
    ]);
    expect(Buffer.from(s.bytes).equals(PLAIN_JPEG)).toBe(true);
  });

  it("refuses what is not a whole JPEG", () => {
    expect(stripMetadata("image/jpeg", PLAIN_JPEG.subarray(0, 300))).toMatchObject({ ok: false });
    expect(stripMetadata("image/jpeg", PLAIN_JPEG.subarray(0, PLAIN_JPEG.length - 2))).toEqual({
      ok: false,
      reason: "truncated",
    });
    expect(stripMetadata("image/jpeg", Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toEqual({
      ok: false,
      reason: "noImageData",
    });
    expect(stripMetadata("image/jpeg", plainPng())).toEqual({
      ok: false,
      reason: "noStartOfImage",
    });
  });
});

describe("PNG: eXIf, text chunks and tIME come out, every chunk keeps a valid CRC", () => {
  it("a PNG with GPS eXIf, text, XMP and a time comes back as the plain picture", () => {
    const tagged = pngWithGps();
    expect(pngChunks(tagged).map((c) => c.type)).toEqual([
      "IHDR",
      "eXIf",
      "tEXt",
      "iTXt",
      "IDAT",
      "zTXt",
      "tIME",
      "IEND",
    ]);
    const s = ok(stripMetadata("image/png", tagged));
    expect(s.removed).toEqual(["PNG eXIf", "PNG tEXt", "PNG iTXt", "PNG zTXt", "PNG tIME"]);
    expect(Buffer.from(s.bytes).equals(plainPng())).toBe(true);
    expect(pngChunks(s.bytes)).toEqual([
      { type: "IHDR", crcOk: true },
      { type: "IDAT", crcOk: true },
      { type: "IEND", crcOk: true },
    ]);
    for (const mark of [XMP_MARK, COMMENT_MARK, "MM\0*"]) expect(holds(s.bytes, mark)).toBe(false);
  });

  it("refuses a chunk whose CRC does not match, and a file without its end", () => {
    const broken = pngWithGps();
    broken[8 + 25 + 10] = broken[8 + 25 + 10]! ^ 0xff; // inside eXIf
    expect(stripMetadata("image/png", broken)).toEqual({ ok: false, reason: "badChecksum" });
    const cut = plainPng().subarray(0, plainPng().length - 12);
    expect(stripMetadata("image/png", cut)).toEqual({ ok: false, reason: "truncated" });
  });

  it("drops anything appended after IEND", () => {
    const s = ok(
      stripMetadata("image/png", Buffer.concat([plainPng(), Buffer.from("hidden GPS 55.75")])),
    );
    expect(s.removed).toEqual(["data after the end of the image"]);
    expect(Buffer.from(s.bytes).equals(plainPng())).toBe(true);
  });
});

describe("WebP: EXIF and XMP chunks come out and their VP8X flags are cleared", () => {
  it("a WebP with GPS EXIF and XMP comes back as the plain picture, ICC profile kept", () => {
    const tagged = webpWithGps();
    expect(tagged[20]! & 0x0c).toBe(0x0c);
    const s = ok(stripMetadata("image/webp", tagged));
    expect(s.removed).toEqual(["WebP EXIF", "WebP XMP"]);
    expect(Buffer.from(s.bytes).equals(PLAIN_WEBP)).toBe(true);
    expect(s.bytes[20]! & 0x0c).toBe(0);
    expect(s.bytes[20]! & 0x20).toBe(0x20); // ICC
    expect(Buffer.from(s.bytes).readUInt32LE(4)).toBe(s.bytes.length - 8);
    expect(holds(s.bytes, DEVICE)).toBe(false);
  });

  it("refuses a RIFF without a picture, and a truncated one", () => {
    const riff = Buffer.from("RIFF\u0004\u0000\u0000\u0000WEBP", "latin1");
    expect(stripMetadata("image/webp", riff)).toEqual({ ok: false, reason: "noImageData" });
    expect(stripMetadata("image/webp", PLAIN_WEBP.subarray(0, 100))).toEqual({
      ok: false,
      reason: "truncated",
    });
  });
});

describe("PDF", () => {
  it("without metadata is stored byte for byte as it came (pdf-metadata.test.ts has the rest)", () => {
    const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");
    const stripped = ok(stripMetadata("application/pdf", pdf));
    expect(Buffer.from(stripped.bytes).equals(pdf)).toBe(true);
    expect(stripped.removed).toEqual([]);
  });
});
