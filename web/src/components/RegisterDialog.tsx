// Registering a message by hand (link and text), as a curator does with what monitoring missed.
import { useState } from "react";
import { api } from "../api/client.ts";
import { importanceName } from "../../../src/domain/regulation/messages.ts";
import type { Channel, Importance } from "../api/types.ts";
import { CHANNEL_LIST, IMPORTANCE_LIST, useI18n } from "../i18n.tsx";
import { problemText } from "../resource.ts";
import { Dialog } from "./Dialog.tsx";

export function RegisterDialog({ onClose, onDone }: { onClose(): void; onDone(id: number): void }) {
  const { t, locale, channel: channelName } = useI18n();
  const [channel, setChannel] = useState<Channel>("vk");
  const [text, setText] = useState("");
  const [url, setUrl] = useState("");
  const [authorName, setAuthorName] = useState("");
  const [authorUrl, setAuthorUrl] = useState("");
  const [importance, setImportance] = useState<Importance>("normal");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ id?: number; case?: { id: number } }>("/cases", {
        channel,
        text,
        url: url.trim() || null,
        authorName: authorName.trim() || null,
        authorUrl: authorUrl.trim() || null,
        importance,
      });
      onDone(res.id ?? res.case?.id ?? 0);
    } catch (e) {
      setError(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t.registerTitle}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t.registerButton}
      busy={busy}
      error={error}
      wide
    >
      <label>
        {t.network}
        <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
          {CHANNEL_LIST.map((c) => (
            <option key={c} value={c}>
              {channelName(c)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.messageText}
        <textarea required rows={5} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <label>
        {t.messageUrl}
        <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <label>
        {t.authorName}
        <input value={authorName} onChange={(e) => setAuthorName(e.target.value)} />
      </label>
      <label>
        {t.authorUrl}
        <input type="url" value={authorUrl} onChange={(e) => setAuthorUrl(e.target.value)} />
      </label>
      <label>
        {t.importance}
        <select value={importance} onChange={(e) => setImportance(e.target.value as Importance)}>
          {IMPORTANCE_LIST.map((i) => (
            <option key={i} value={i}>
              {importanceName(i, locale)}
            </option>
          ))}
        </select>
      </label>
    </Dialog>
  );
}
