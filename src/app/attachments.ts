// Storing a file someone attaches to a draft or a message: only photos (JPEG, PNG, WebP) and PDF,
// checked by their bytes, and every one without its metadata (a photo's camera and GPS position, a
// PDF's author and program) — whatever the browser already did, an API client or an old browser
// may send them as they are.
import { createHash } from "node:crypto";
import { canSee, type Actor } from "../domain/workflow/policy.ts";
import { attachmentWithCases, insertAttachment } from "../db/attachments.ts";
import type { Tx } from "../db/cases.ts";
import type { Row } from "../db/schema.ts";
import { sniffType, stripMetadata, FILE_TYPES, type FileType } from "./image-metadata.ts";
import { invalidInput, type Result } from "./results.ts";

/** The largest file the desk takes: a phone's photo fits, a video does not (link it instead). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The address a stored file is read from; draft attachments refer to files by it. */
export const attachmentUrl = (id: string): string => `/api/v1/attachments/${id}`;
export const ATTACHMENT_URL_PATTERN =
  "^/api/v1/attachments/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

export const isFileType = (t: string): t is FileType =>
  (FILE_TYPES as readonly string[]).includes(t);

export interface StoredAttachment {
  id: string;
  kind: "photo" | "document";
  url: string;
  name: string;
  contentType: FileType;
  size: number;
  /** What was taken out of the file: "JPEG APP1 Exif", "PNG tEXt"… */
  removed: string[];
}

/** A file name as people gave it, without paths, control characters or anything a header breaks on. */
export function cleanFileName(raw: string | undefined, type: FileType): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw ?? "");
  } catch {
    decoded = raw ?? "";
  }
  const name = [...(decoded.split(/[\\/]/).pop() ?? "")]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join("")
    .trim()
    .slice(0, 200);
  const ext = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
  }[type];
  return name || `file.${ext}`;
}

export async function storeAttachment(
  tx: Tx,
  actor: Actor,
  input: { contentType: FileType; bytes: Uint8Array; name?: string },
  now: number,
): Promise<Result<{ attachment: StoredAttachment }>> {
  if (input.bytes.length === 0) return invalidInput("body", "required");
  if (input.bytes.length > MAX_ATTACHMENT_BYTES) return invalidInput("body", "fileTooLarge");
  const actual = sniffType(input.bytes);
  if (actual !== input.contentType)
    return invalidInput("body", `contentNotOfType:${input.contentType}`);
  const stripped = stripMetadata(input.contentType, input.bytes);
  if (!stripped.ok) return invalidInput("body", `unreadableFile:${stripped.reason}`);
  const kind = input.contentType === "application/pdf" ? "document" : "photo";
  const name = cleanFileName(input.name, input.contentType);
  const id = await insertAttachment(tx, {
    tenant_id: actor.tenantId,
    kind,
    content_type: input.contentType,
    name,
    size: stripped.bytes.length,
    sha256: createHash("sha256").update(stripped.bytes).digest("hex"),
    data: stripped.bytes,
    removed: JSON.stringify(stripped.removed),
    uploaded_by: actor.userId,
    created_at: new Date(now),
  });
  return {
    ok: true,
    attachment: {
      id,
      kind,
      url: attachmentUrl(id),
      name,
      contentType: input.contentType,
      size: stripped.bytes.length,
      removed: stripped.removed,
    },
  };
}

/**
 * A stored file the reader may see, or nothing. A file some case refers to (a draft or a message
 * lists it) is read by whoever may see one of those cases — the rule of the case card; a file no
 * case refers to yet, by the person who uploaded it only. Everything else is "not found", as
 * another tenant's file is, so that ids cannot be probed.
 */
export async function readAttachment(
  tx: Tx,
  actor: Actor,
  id: string,
): Promise<Row<"attachments"> | undefined> {
  const found = await attachmentWithCases(tx, actor.tenantId, id, attachmentUrl(id));
  if (!found) return undefined;
  const { cases, ...file } = found;
  const allowed = cases.length
    ? cases.some((c) => canSee(actor, { tenantId: actor.tenantId, ...c }))
    : file.uploaded_by !== null && file.uploaded_by === actor.userId;
  return allowed ? file : undefined;
}

/**
 * The index of the first stored file in a list that the person may not read, or -1. Drafts and
 * messages take files by address: without this check anyone who learnt a file's address could
 * attach it to a case of their own and then read it through that case.
 */
export async function firstUnreadableFile(
  tx: Tx,
  actor: Actor,
  attachments: ReadonlyArray<{ url: string }>,
): Promise<number> {
  const prefix = attachmentUrl("");
  for (const [i, a] of attachments.entries()) {
    if (!a.url.startsWith(prefix)) continue;
    if (!(await readAttachment(tx, actor, a.url.slice(prefix.length)))) return i;
  }
  return -1;
}
