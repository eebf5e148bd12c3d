// The executor's draft: kind (final, interim, clarification), text, attachments and the
// regulation's checklist, with the approver's remarks beside it.
import { useEffect, useRef, useState } from "react";
import { act, ApiError, API, getCsrfToken } from "../api/client.ts";
import type { Action, Attachment, DraftKind, DraftView } from "../api/types.ts";
import { requirementName } from "../../../src/domain/regulation/messages.ts";
import { useI18n } from "../i18n.tsx";
import { problemText } from "../resource.ts";
import { attachmentHref, webHref } from "../text-links.ts";
import { DraftQuality } from "./DraftQuality.tsx";
import { useToast } from "./Toasts.tsx";

/** What an action answers: the case, bare or wrapped. */
type CaseAnswer = { allowedActions?: Action[]; version?: number };
type SavedCase = (CaseAnswer & { case?: CaseAnswer }) | undefined;

const KINDS: DraftKind[] = ["final", "interim", "clarification"];

/**
 * Photos are drawn onto a canvas and re-encoded: the new file carries pixels only, so the
 * camera's EXIF (GPS position of an employee's phone, device, time) never leaves the browser.
 */
export async function stripMetadata(file: File): Promise<Blob> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return file;
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const canvas = document.createElement("canvas");
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0);
  bitmap.close();
  const type = file.type === "image/png" ? "image/png" : "image/jpeg";
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b ?? file), type, 0.9));
}

/** The stored checklist as ticks (the server keeps it as JSON). */
const checks = (v: Record<string, unknown> | undefined): Record<string, boolean> =>
  Object.fromEntries(Object.entries(v ?? {}).map(([k, x]) => [k, x === true]));

/** What POST /attachments takes: photos and PDF, at most 10 MB (the server checks both again). */
export const UPLOAD_TYPES = "image/jpeg,image/png,image/webp,application/pdf";

/**
 * Sends the file itself as the body (not multipart), its type in Content-Type and its name in
 * X-File-Name; the server answers {kind, url, name} for the draft, having stripped the metadata again.
 */
async function upload(file: File): Promise<Attachment> {
  const body = await stripMetadata(file);
  const res = await fetch(`${API}/attachments`, {
    method: "POST",
    credentials: "same-origin",
    headers: {
      "content-type": body.type || "application/octet-stream",
      "x-file-name": encodeURIComponent(file.name),
      ...(getCsrfToken() ? { "x-csrf-token": getCsrfToken() as string } : {}),
    },
    body,
  });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    throw new ApiError({ title: res.statusText, status: res.status, ...problem });
  }
  const data = (await res.json()) as Partial<Attachment>;
  return {
    kind:
      data.kind ??
      (file.type.startsWith("image/")
        ? "photo"
        : file.type.startsWith("video/")
          ? "video"
          : "document"),
    url: data.url ?? "",
    name: data.name ?? file.name,
  };
}

export function DraftEditor({
  caseId,
  version,
  current,
  returned,
  requirements,
  canSubmit,
  onSaved,
  onConflict,
}: {
  caseId: number;
  version: number;
  /** The draft being edited (status editing or returned), if any. */
  current: DraftView | null;
  /** The last draft the approver returned, for its remarks. */
  returned: DraftView | null;
  requirements: string[];
  canSubmit: boolean;
  onSaved(): void;
  onConflict(e: unknown): boolean;
}) {
  const { t, locale, draftKind, action } = useI18n();
  const toast = useToast();
  const [kind, setKind] = useState<DraftKind>(current?.kind ?? "final");
  const [text, setText] = useState(current?.text ?? returned?.text ?? "");
  const [attachments, setAttachments] = useState<Attachment[]>(
    current?.attachments ?? returned?.attachments ?? [],
  );
  const [checklist, setChecklist] = useState<Record<string, boolean>>(() =>
    checks(current?.checklist),
  );
  const [link, setLink] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const dirty = useRef(false);

  // A draft saved elsewhere (another tab, a colleague) replaces the editor's text only while
  // nothing has been typed here.
  useEffect(() => {
    if (dirty.current || !current) return;
    setKind(current.kind);
    setText(current.text);
    setAttachments(current.attachments ?? []);
    setChecklist(checks(current.checklist));
  }, [current]);

  const edit =
    <T,>(fn: (v: T) => void) =>
    (v: T) => {
      dirty.current = true;
      fn(v);
    };

  const save = async (thenSubmit: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await act<SavedCase>(
        caseId,
        "saveDraft",
        { kind, text, attachments, checklist },
        version,
      );
      dirty.current = false;
      const after = saved?.case ?? saved;
      if (thenSubmit && after?.allowedActions?.includes("submitDraft"))
        await act(caseId, "submitDraft", {}, after.version ?? version + 1);
      toast(thenSubmit ? t.actionDone : t.saved);
      onSaved();
    } catch (e) {
      if (!onConflict(e)) setError(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const addFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setError(null);
    try {
      const added = await Promise.all([...files].map(upload));
      dirty.current = true;
      setAttachments((a) => [...a, ...added]);
    } catch (e) {
      setError(problemText(e, t));
    } finally {
      setBusy(false);
      if (fileRef.current) fileRef.current.value = "";
    }
  };

  const addLink = () => {
    const href = webHref(link);
    if (!href) {
      setError(t.urlInvalid);
      return;
    }
    dirty.current = true;
    setAttachments((a) => [...a, { kind: "link", url: href, name: link.trim() }]);
    setLink("");
  };

  return (
    <section className="draft-editor" aria-labelledby="draft-editor-title">
      <h2 id="draft-editor-title">
        {t.draft}
        {current ? ` · ${t.draftVersion(current.version)}` : ""}
      </h2>
      {returned?.remarks && (
        <aside className="remarks" aria-label={t.remarks}>
          <h3>{t.remarks}</h3>
          <p className="note-text">{returned.remarks}</p>
        </aside>
      )}
      <fieldset className="kinds">
        <legend>{t.draftKind}</legend>
        {KINDS.map((k) => (
          <label key={k} className="check">
            <input
              type="radio"
              name="draft-kind"
              value={k}
              checked={kind === k}
              onChange={() => edit(setKind)(k)}
            />
            {draftKind(k)}
          </label>
        ))}
      </fieldset>
      <label>
        {t.draftText}
        <textarea
          name="draft-text"
          rows={8}
          value={text}
          onChange={(e) => edit(setText)(e.target.value)}
        />
      </label>
      <DraftQuality caseId={caseId} text={text} attachments={attachments} />
      {requirements.length > 0 && (
        <fieldset className="checklist">
          <legend>{t.checklist}</legend>
          {requirements.map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={!!checklist[r]}
                onChange={(e) => edit(setChecklist)({ ...checklist, [r]: e.target.checked })}
              />
              {requirementName(r, locale)}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="attachments">
        <legend>{t.attachments}</legend>
        <ul>
          {attachments.map((a, i) => (
            <li key={`${a.url}-${i}`}>
              {attachmentHref(a.url) ? (
                <a href={attachmentHref(a.url)!} target="_blank" rel="noopener noreferrer nofollow">
                  {a.name ?? a.url}
                </a>
              ) : (
                <span>{a.name ?? a.url}</span>
              )}{" "}
              <button
                type="button"
                aria-label={t.removeAttachment(a.name ?? a.url)}
                onClick={() => edit(setAttachments)(attachments.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        <label>
          {t.attach}
          <input
            ref={fileRef}
            type="file"
            multiple
            accept={UPLOAD_TYPES}
            onChange={(e) => void addFiles(e.target.files)}
          />
        </label>
        <p className="muted small">{t.attachHint}</p>
        <div className="inline">
          <label>
            {t.attachLink}
            <input type="url" value={link} onChange={(e) => setLink(e.target.value)} />
          </label>
          <button type="button" onClick={addLink} disabled={!link.trim()}>
            {t.add}
          </button>
        </div>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="button" disabled={busy || !text.trim()} onClick={() => void save(false)}>
          {action("saveDraft")}
        </button>
        {canSubmit && (
          <button
            type="button"
            className="primary"
            disabled={busy || !text.trim()}
            onClick={() => void save(true)}
          >
            {action("submitDraft")}
          </button>
        )}
      </div>
    </section>
  );
}
