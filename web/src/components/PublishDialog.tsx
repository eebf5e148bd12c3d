// Publication: choose the account, then — until channels are connected — copy the approved text,
// post it by hand and confirm with the link to the published answer.
import { useEffect, useState } from "react";
import { act, api } from "../api/client.ts";
import type { NetworkAccount } from "../api/types.ts";
import { useI18n } from "../i18n.tsx";
import { problemText } from "../resource.ts";
import { webHref } from "../text-links.ts";
import { Dialog } from "./Dialog.tsx";
import { listOf } from "./RouteDialog.tsx";

export function PublishDialog({
  caseId,
  version,
  network,
  text,
  onClose,
  onDone,
  onConflict,
}: {
  caseId: number;
  version: number;
  network: string;
  text: string;
  onClose(): void;
  onDone(): void;
  onConflict(e: unknown): boolean;
}) {
  const { t, channel } = useI18n();
  const [accounts, setAccounts] = useState<NetworkAccount[]>([]);
  const [accountId, setAccountId] = useState<number | "">("");
  const [url, setUrl] = useState("");
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.get<unknown>("/accounts").then(
      (d) => {
        const all = listOf<NetworkAccount>(d);
        // п. 16 (004) and the like: the answer goes to the network where the message was.
        const same = all.filter((a) => a.network === network);
        const list = same.length ? same : all;
        setAccounts(list);
        if (list[0]) setAccountId(list[0].id);
      },
      () => setAccounts([]),
    );
  }, [network]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // Without clipboard permission the text stays selectable in the box below.
      setCopied(false);
    }
  };

  const submit = async () => {
    const href = webHref(url);
    if (!href) {
      setError(t.urlInvalid);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await act(
        caseId,
        "publish",
        { accountId: accountId === "" ? null : accountId, url: href },
        version,
      );
      onDone();
    } catch (e) {
      if (!onConflict(e)) setError(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t.publishTitle}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t.confirm}
      busy={busy}
      error={error}
      wide
    >
      <p className="hint">{t.publishHint}</p>
      <label>
        {t.account}
        <select
          value={accountId}
          onChange={(e) => setAccountId(e.target.value ? Number(e.target.value) : "")}
        >
          <option value="">{t.noAccount}</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({channel(a.network)})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.draftText}
        <textarea readOnly rows={6} value={text} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" onClick={() => void copy()}>
        {copied ? t.copied : t.copyText}
      </button>
      <label>
        {t.publishedUrl}
        <input
          name="published-url"
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://"
        />
      </label>
    </Dialog>
  );
}
