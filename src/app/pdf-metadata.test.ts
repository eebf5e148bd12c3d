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
