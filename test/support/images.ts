// Small real images for tests, and the same images with what a phone writes into them: the GPS
// position, the device, comments, XMP and IPTC. The plain images were encoded by Chromium (4×3
// pixels); the metadata is built here, byte by byte, the way cameras and editors write it.
import { deflateSync } from "node:zlib";
import { crc32 } from "../../src/app/image-metadata.ts";

/** A 4×3 JPEG as Chromium's canvas encodes it: JFIF header, ICC profile, the picture. */
export const PLAIN_JPEG = Buffer.from(
  [
    "/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAA",
    "AABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAA",
    "ABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAA",
    "AAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAA",
    "AAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAA",
    "AABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYF",
    "BAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMK",
    "ChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAADAAQDASIAAhEB",
    "AxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAP/xAAYEAEBAAMAAAAAAAAAAAAAAAABAAIRUf/EABUBAQEAAAAAAAAAAAAAAAAA",
    "AAMH/8QAFxEBAQEBAAAAAAAAAAAAAAAAAQIAEf/aAAwDAQACEQMRAD8AiBiaADhJI9N6ppap6u//2Q==",
  ].join(""),
  "base64",
);

/** A 4×3 WebP as Chromium encodes it: VP8X header, ICC profile, lossy VP8 picture. */
export const PLAIN_WEBP = Buffer.from(
  [
    "UklGRiACAABXRUJQVlA4WAoAAAAgAAAAAwAAAgAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAA",
    "AABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAA",
    "ABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAA",
    "AAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAA",
    "AAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAA",
    "AABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggMgAAALAB",
    "AJ0BKgQAAwABQCYlsAJ0MEAB2AAA/tDuj1JNGf/1n8XJ5f3o//+ej//0Zv6ygAAA",
  ].join(""),
  "base64",
);

/** What the metadata says, so that a test can look for it in the stored file. */
export const DEVICE = "Otklik-Test-Phone";
export const XMP_MARK = "otklik:secret-xmp";
export const COMMENT_MARK = "shot at the executor's home";

const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const text = (s: string) => [...Buffer.from(s, "latin1")];

/**
 * A TIFF structure as Exif writes it (big-endian): IFD0 with the device's make and a pointer to
 * the GPS IFD, which holds latitude 55°45′N and longitude 37°37′E as rationals; with an
 * orientation, IFD0 says too how the picture is turned (as a phone held upright writes 6).
 */
export function exifWithGps(orientation?: number): Buffer {
  const make = [...text(DEVICE), 0];
  // Offsets from the start of the TIFF header.
  const ifd0 = 8;
  const entries = orientation === undefined ? 2 : 3;
  const ifd0Size = 2 + entries * 12 + 4;
  const makeAt = ifd0 + ifd0Size;
  const gps = makeAt + make.length + (make.length % 2);
  const gpsSize = 2 + 4 * 12 + 4;
  const latAt = gps + gpsSize;
  const lonAt = latAt + 24;
  const entry = (tag: number, type: number, count: number, value: number[]) => [
    ...be16(tag),
    ...be16(type),
    ...be32(count),
    ...value,
  ];
  const rationals = (parts: Array<[number, number]>) =>
    parts.flatMap(([a, b]) => [...be32(a), ...be32(b)]);
  const bytes = [
    ...text("MM"),
    ...be16(42),
    ...be32(ifd0),
    ...be16(entries),
    ...entry(0x010f, 2, make.length, be32(makeAt)), // Make
    ...(orientation === undefined ? [] : entry(0x0112, 3, 1, [...be16(orientation), 0, 0])),
    ...entry(0x8825, 4, 1, be32(gps)), // GPSInfo
    ...be32(0),
    ...make,
    ...(make.length % 2 ? [0] : []),
    ...be16(4),
    ...entry(0x0001, 2, 2, [...text("N"), 0, 0, 0]),
    ...entry(0x0002, 5, 3, be32(latAt)),
    ...entry(0x0003, 2, 2, [...text("E"), 0, 0, 0]),
    ...entry(0x0004, 5, 3, be32(lonAt)),
    ...be32(0),
    ...rationals([
      [55, 1],
      [45, 1],
      [2100, 100],
    ]),
    ...rationals([
      [37, 1],
      [37, 1],
      [1800, 100],
    ]),
  ];
  return Buffer.from(bytes);
}

const xmpPacket = () =>
  `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">` +
  `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description ` +
  `xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="55,45.35N" ` +
  `exif:GPSLongitude="37,37.3E" exif:UserComment="${XMP_MARK}"/></rdf:RDF></x:xmpmeta>` +
  `<?xpacket end="w"?>`;

const jpegSegment = (marker: number, payload: number[]) => [
  0xff,
  marker,
  ...be16(payload.length + 2),
  ...payload,
];

/** The plain JPEG with Exif (GPS), XMP, IPTC and a comment, as a phone and an editor leave it. */
export function jpegWithGps(base: Uint8Array = PLAIN_JPEG, orientation?: number): Buffer {
  const exif = jpegSegment(0xe1, [...text("Exif\0\0"), ...exifWithGps(orientation)]);
  const xmp = jpegSegment(0xe1, [...text("http://ns.adobe.com/xap/1.0/\0"), ...text(xmpPacket())]);
  // Photoshop's IPTC block: 8BIM resource 0x0404 with a by-line (2:80).
  const iptc = [0x1c, 2, 80, ...be16(DEVICE.length), ...text(DEVICE)];
  const photoshop = jpegSegment(0xed, [
    ...text("Photoshop 3.0\0"),
    ...text("8BIM"),
    ...be16(0x0404),
    0,
    0,
    ...be32(iptc.length),
    ...iptc,
    ...(iptc.length % 2 ? [0] : []),
  ]);
  const comment = jpegSegment(0xfe, text(COMMENT_MARK));
  // After the JFIF header (SOI + APP0), where cameras put Exif.
  const jfifEnd = 4 + ((base[4]! << 8) | base[5]!);
  return Buffer.concat([
    base.subarray(0, jfifEnd),
    Buffer.from([...exif, ...xmp, ...photoshop]),
    base.subarray(jfifEnd, base.length - 2),
    Buffer.from(comment),
    base.subarray(base.length - 2),
  ]);
}

const pngChunk = (type: string, data: number[] | Buffer) => {
  const body = Buffer.from([...text(type), ...data]);
  return Buffer.from([...be32(body.length - 4), ...body, ...be32(crc32(body))]);
};

/** A 4×3 RGB PNG: a red top-left corner on green. */
export function plainPng(): Buffer {
  const rows: number[] = [];
  for (let y = 0; y < 3; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < 4; x++) rows.push(...(x < 2 && y === 0 ? [238, 51, 51] : [34, 170, 119]));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", [...be32(4), ...be32(3), 8, 2, 0, 0, 0]),
    pngChunk("IDAT", deflateSync(Buffer.from(rows))),
    pngChunk("IEND", []),
  ]);
}

/** The plain PNG with eXIf (GPS), text chunks (comment, compressed text, XMP) and tIME. */
export function pngWithGps(): Buffer {
  const plain = plainPng();
  const ihdrEnd = 8 + 25;
  const idatEnd = plain.length - 12;
  return Buffer.concat([
    plain.subarray(0, ihdrEnd),
    pngChunk("eXIf", exifWithGps()),
    pngChunk("tEXt", text(`Comment\0${COMMENT_MARK}`)),
    pngChunk("iTXt", text(`XML:com.adobe.xmp\0\0\0\0\0${xmpPacket()}`)),
    plain.subarray(ihdrEnd, idatEnd),
    pngChunk("zTXt", [...text("Author\0"), 0, ...deflateSync(Buffer.from(DEVICE))]),
    pngChunk("tIME", [...be16(2026), 11, 25, 9, 30, 0]),
    plain.subarray(idatEnd),
  ]);
}

const riffChunk = (fourcc: string, data: number[] | Buffer) => [
  ...text(fourcc),
  ...le32(data.length),
  ...data,
  ...(data.length % 2 ? [0] : []),
];

/** The plain WebP with EXIF (GPS) and XMP chunks, flagged in its VP8X header. */
export function webpWithGps(base: Uint8Array = PLAIN_WEBP): Buffer {
  const body = Buffer.from(base.subarray(12));
  if (body.subarray(0, 4).toString("latin1") !== "VP8X") throw new Error("expected a VP8X WebP");
  body[8] = body[8]! | 0x08 | 0x04;
  const extra = Buffer.from([
    ...riffChunk("EXIF", exifWithGps()),
    ...riffChunk("XMP ", text(xmpPacket())),
  ]);
  const size = 4 + body.length + extra.length;
  return Buffer.concat([
    Buffer.from([...text("RIFF"), ...le32(size), ...text("WEBP")]),
    body,
    extra,
  ]);
}

/** Whether a file holds the given text anywhere in its bytes. */
export const holds = (bytes: Uint8Array, needle: string): boolean =>
  Buffer.from(bytes).includes(Buffer.from(needle, "latin1"));
