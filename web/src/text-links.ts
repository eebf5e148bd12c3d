// Splits a citizen's message into plain text and web links. Nothing in a message is ever markup:
// the desk shows text, and only http(s) addresses get an explicit link beside the text.

export type Segment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// Candidates are anything that looks like an address; the URL parser then decides. Trailing
// punctuation belongs to the sentence, not to the address.
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'«»]+/gi;
const TRAILING = /[.,;:!?)\]}»]+$/;

/** The safe href of a web address, or null for anything that is not http(s). */
export function webHref(text: string | null | undefined): string | null {
  if (!text) return null;
  try {
    const url = new URL(text.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

const STORED_FILE = /^\/api\/v1\/attachments\/[0-9a-f-]{36}$/;

/** Where an attachment opens: a web address, or a file stored on this server; null otherwise. */
export function attachmentHref(url: string | null | undefined): string | null {
  if (url && STORED_FILE.test(url)) return url;
  return webHref(url);
}

export function segmentsOf(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const start = m.index;
    const raw = m[0].replace(TRAILING, "");
    const href = webHref(raw);
    if (!href) continue;
    if (start > last) out.push({ kind: "text", text: text.slice(last, start) });
    out.push({ kind: "link", text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}
