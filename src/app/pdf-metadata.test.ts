import { deflateSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { stripPdf } from "./pdf-metadata.ts";

/** Text as the bytes of its UTF-8, one character per byte (how the PDF's bytes read here). */
const bytes = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

/** A PDF of the given objects (bodies of "N 0 obj", UTF-8), with a true xref table and trailer. */
function pdf(objects: string[], trailer: string): Buffer {
  let text = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.map(bytes).forEach((body, i) => {
    offsets.push(Buffer.byteLength(text, "latin1"));
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(text, "latin1");
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) text += `${String(o).padStart(10, "0")} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, "latin1");
}

/** Every in-use entry of the xref table still points at its "N 0 obj". */
function xrefHolds(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString("latin1");
  const at = Number(/startxref\s+(\d+)/.exec(text)![1]);
  const entries = [...text.slice(at).matchAll(/(\d{10}) (\d{5}) n/g)];
  return entries.every((e, i) => text.startsWith(`${i + 1} 0 obj`, Number(e[1])));
}

const XMP =
  '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">' +
  "<dc:creator>Иванова Мария Петровна</dc:creator><xmp:CreatorTool>Word</xmp:CreatorTool>" +
  '</x:xmpmeta><?xpacket end="w"?>';
const CONTENT = "BT /F1 12 Tf 72 720 Td (Ответ на обращение) Tj ET";

const document = (info: string, xmpStream: string) =>
  pdf(
    [
      "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
      `<< /Length ${Buffer.byteLength(CONTENT, "utf8")} >>\nstream\n${CONTENT}\nendstream`,
      xmpStream,
      info,
    ],
    "/Info 6 0 R",
  );

const plainXmp = () =>
  `<< /Type /Metadata /Subtype /XML /Length ${Buffer.byteLength(XMP, "utf8")} >>\n` +
  `stream\n${XMP}\nendstream`;

const INFO =
  "<< /Author (Иванова \\(начальник отдела\\) (ЖКХ)) /Creator <FEFF0418043204300043> " +
  "/Producer (Microsoft Word) /CreationDate (D:20261120101500+03'00') >>";

describe("a PDF's metadata", () => {
  it("is overwritten in place: the author, the program and the XMP packet are gone, the offsets hold", () => {
    const before = document(INFO, plainXmp());
    const out = stripPdf(before);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.removed).toEqual(["Info", "XMP"]);
    expect(out.bytes.length).toBe(before.length);
    expect(xrefHolds(before)).toBe(true);
    expect(xrefHolds(out.bytes)).toBe(true);
    const text = Buffer.from(out.bytes).toString("latin1");
    for (const gone of ["Microsoft Word", "D:2026", "FEFF0418", "xmpmeta", "начальник", "ЖКХ"])
      expect(text).not.toContain(bytes(gone));
    // The keys stay, with blank values; the page's text is untouched.
    expect(text).toMatch(/\/Author \( +\) \/Creator <(20)+> \/Producer \( +\)/);
    expect(text).toContain(bytes(CONTENT));
    // The input is left as it was.
    expect(before.toString("latin1")).toContain("Microsoft Word");
  });

  it("an encoded XMP stream loses its filter with its data, so nothing decodes it to garbage", () => {
    const hex = `${Buffer.from(XMP, "utf8").toString("hex")}>`;
    const stream =
      `<< /Type /Metadata /Subtype /XML /Filter [/ASCIIHexDecode] /Length ${hex.length} >>\n` +
      `stream\n${hex}\nendstream`;
    const out = stripPdf(document("<< /Title (Акт) >>", stream));
    expect(out.ok && out.removed).toEqual(["Info", "XMP"]);
    if (!out.ok) return;
    const text = Buffer.from(out.bytes).toString("latin1");
    expect(text).not.toContain("/ASCIIHexDecode");
    expect(text).toMatch(/\/Subtype \/XML +\/Length \d+ >>\nstream\n +\nendstream/);
    expect(xrefHolds(out.bytes)).toBe(true);
  });

  it("a PDF without any is kept byte for byte", () => {
    const bare = pdf(
      ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"],
      "",
    );
    const out = stripPdf(bare);
    expect(out.ok && out.removed).toEqual([]);
    expect(out.ok && Buffer.from(out.bytes).equals(bare)).toBe(true);
  });

  it("a file that names far more information dictionaries than a document has is refused", () => {
    const refs = Array.from({ length: 40 }, (_, i) => `/Info ${i + 7} 0 R`).join(" ");
    const hostile = Buffer.from(
      document(INFO, plainXmp()).toString("latin1").replace("/Info 6 0 R", refs),
      "latin1",
    );
    const out = stripPdf(hostile);
    expect(out.ok).toBe(false);
  });
});

/**
 * A PDF 1.5 as Word and Acrobat write them: the catalog, the pages and the information dictionary
 * compressed together in an object stream (object 5), the page's content plain (4), and a
 * cross-reference stream (6) whose dictionary is the trailer.
 */
function compressedDocument(info: string, compress = (d: Buffer) => deflateSync(d, { level: 9 })) {
  const members: [number, string][] = [
    [1, "<< /Type /Catalog /Pages 2 0 R >>"],
    [2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"],
    [3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"],
    [7, info],
  ];
  let body = "";
  const header: string[] = [];
  for (const [num, object] of members) {
    header.push(`${num} ${Buffer.byteLength(body, "latin1")}`);
    body += `${bytes(object)}\n`;
  }
  const head = `${header.join(" ")}\n`;
  const decoded = Buffer.from(head + body, "latin1");
  const data = compress(decoded);
  const parts: Buffer[] = [Buffer.from("%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n", "latin1")];
  const offsets = new Map<number, number>();
  const at = () => parts.reduce((n, p) => n + p.length, 0);
  const plain = (num: number, text: string, stream?: Buffer) => {
    offsets.set(num, at());
    parts.push(Buffer.from(`${num} 0 obj\n${text}`, "latin1"));
    if (stream)
      parts.push(Buffer.from("\nstream\n", "latin1"), stream, Buffer.from("\nendstream", "latin1"));
    parts.push(Buffer.from("\nendobj\n", "latin1"));
  };
  plain(4, `<< /Length ${Buffer.byteLength(CONTENT, "utf8")} >>`, Buffer.from(CONTENT, "utf8"));
  plain(
    5,
    `<< /Type /ObjStm /N ${members.length} /First ${head.length} /Filter /FlateDecode /Length ${data.length} >>`,
    data,
  );
  // Cross-reference stream: type 1 (offset) for plain objects, type 2 (stream, index) for members.
  const xrefAt = at();
  offsets.set(6, xrefAt);
  const rows = Buffer.alloc(8 * 7);
  for (let num = 0; num < 8; num++) {
    const member = members.findIndex(([n]) => n === num);
    const row = rows.subarray(num * 7, num * 7 + 7);
    if (member >= 0) {
      row[0] = 2;
      row.writeUInt32BE(5, 1);
      row.writeUInt16BE(member, 5);
    } else if (offsets.has(num)) {
      row[0] = 1;
      row.writeUInt32BE(offsets.get(num)!, 1);
    } else row.writeUInt16BE(65535, 5);
  }
  plain(
    6,
    `<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Info 7 0 R /Length ${rows.length} >>`,
    rows,
  );
  parts.push(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`, "latin1"));
  return { file: Buffer.concat(parts), decoded, data };
}

/** The data of the object stream (object 5) of a file made by `compressedDocument`. */
function objectStreamOf(file: Uint8Array): Buffer {
  const text = Buffer.from(file).toString("latin1");
  const dict = /5 0 obj\n<<[^>]*\/Length (\d+) >>\nstream\n/.exec(text)!;
  const from = dict.index + dict[0].length;
  return Buffer.from(file).subarray(from, from + Number(dict[1]));
}

describe("an application's private data in a PDF (page-piece dictionaries)", () => {
  const PRIVATE = "%AI12_CompressedData Ivanova hidden layer: draft of the answer";
  const piecesDocument = (shared = false) =>
    pdf(
      [
        "<< /Type /Catalog /Pages 2 0 R /PieceInfo << /Illustrator << " +
          "/LastModified (D:20261120101500+03'00') /Private 5 0 R >> >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R${shared ? " /Resources << /XObject << /Im1 6 0 R >> >>" : ""} >>`,
        `<< /Length ${Buffer.byteLength(CONTENT, "utf8")} >>\nstream\n${CONTENT}\nendstream`,
        "<< /AIMetaData 6 0 R /ContainerVersion 12 /RoundTripVersion 24 /Creator (Иванова М. П.) >>",
        `<< /Length ${PRIVATE.length} /Filter /FlateDecode >>\nstream\n${PRIVATE}\nendstream`,
      ],
      "",
    );

  it("is blanked: the dates and strings of the tree, and the data of the streams it alone names", () => {
    const before = piecesDocument();
    const out = stripPdf(before);
    expect(out.ok && out.removed).toEqual(["PieceInfo"]);
    if (!out.ok) return;
    expect(out.bytes.length).toBe(before.length);
    expect(xrefHolds(out.bytes)).toBe(true);
    const text = Buffer.from(out.bytes).toString("latin1");
    for (const gone of ["D:2026", "Иванова", "hidden layer", "/FlateDecode"])
      expect(text).not.toContain(bytes(gone));
    // The nested dictionaries keep their keys; the page's content is untouched.
    expect(text).toContain("/PieceInfo << /Illustrator << /LastModified ( ");
    expect(text).toContain("/Private 5 0 R >> >> >>");
    expect(text).toContain("/AIMetaData 6 0 R /ContainerVersion 12");
    expect(text).toContain(bytes(CONTENT));
  });

  it("leaves whole what the page uses too", () => {
    const out = stripPdf(piecesDocument(true));
    expect(out.ok && out.removed).toEqual(["PieceInfo"]);
    if (!out.ok) return;
    const text = Buffer.from(out.bytes).toString("latin1");
    // Object 6 is also the page's picture: its data stay. The private dictionary's strings go.
    expect(text).toContain(PRIVATE);
    expect(text).not.toContain(bytes("Иванова"));
  });
});

describe("a PDF's information dictionary in a compressed object stream", () => {
  it("is blanked inside the stream, which is compressed again into the same bytes", () => {
    const before = compressedDocument(INFO);
    const out = stripPdf(before.file);
    expect(out.ok && out.removed).toEqual(["Info"]);
    if (!out.ok) return;
    expect(out.bytes.length).toBe(before.file.length);
    // Only the stream's data changed: every offset of the cross-reference stream holds.
    const data = objectStreamOf(out.bytes);
    expect(data.length).toBe(before.data.length);
    const start = Buffer.from(out.bytes).indexOf(data);
    expect(Buffer.from(out.bytes).subarray(0, start).equals(before.file.subarray(0, start))).toBe(
      true,
    );
    const end = start + data.length;
    expect(Buffer.from(out.bytes).subarray(end).equals(before.file.subarray(end))).toBe(true);
    // It decodes (zlib checks its checksum): the header and the other objects are where they
    // were, the information dictionary keeps its keys with blank values, spaces follow.
    const decoded = inflateSync(data);
    const info = before.decoded.toString("latin1").indexOf("<< /Author");
    expect(decoded.subarray(0, info).equals(before.decoded.subarray(0, info))).toBe(true);
    const text = decoded.toString("latin1");
    for (const gone of ["Microsoft Word", "D:2026", "FEFF0418", "начальник", "ЖКХ"])
      expect(text).not.toContain(bytes(gone));
    expect(text.slice(info)).toMatch(
      /^<< \/Author \( +\) \/Creator <(20)+> \/Producer \( +\) \/CreationDate \( +\) >>\n *$/,
    );
  });

  it("is refused when blanking it does not make the stream smaller than it was", () => {
    // A one-letter author compressed as tightly as zlib can: blanking it saves nothing, and the
    // padding needs a few bytes more than the stream has.
    const tight = compressedDocument("<< /Author (A) >>");
    const out = stripPdf(tight.file);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.reason).toMatch(/compressed so tightly/);
  });

  it("is refused when its stream would decode to more than a document holds", () => {
    const bomb = compressedDocument(INFO, (d) =>
      deflateSync(Buffer.concat([d, Buffer.alloc(20 * 1024 * 1024, 0x20)]), { level: 9 }),
    );
    const out = stripPdf(bomb.file);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.reason).toMatch(/cannot be opened/);
  });

  it("a reference to no object at all changes nothing", () => {
    const dangling = compressedDocument("<< /Type /Note >>");
    const file = Buffer.from(
      dangling.file.toString("latin1").replace("/Info 7 0 R", "/Info 9 0 R"),
      "latin1",
    );
    const out = stripPdf(file);
    expect(out.ok && out.removed).toEqual([]);
    expect(out.ok && Buffer.from(out.bytes).equals(file)).toBe(true);
  });
});
