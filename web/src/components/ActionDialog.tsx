// The dialogs of actions that need a few words or a choice (return with a reason, remarks for
// revision, a note for the head…): one form described by its fields.
import { useState } from "react";
import { act } from "../api/client.ts";
import type { Action } from "../api/types.ts";
import { useI18n } from "../i18n.tsx";
import { problemText } from "../resource.ts";
import { Dialog } from "./Dialog.tsx";

export interface Field {
  name: string;
  label: string;
  kind: "text" | "textarea" | "number" | "select" | "checkbox";
  required?: boolean;
  options?: Array<{ value: string; label: string }>;
  initial?: string;
}

export function ActionDialog({
  caseId,
  version,
  action,
  title,
  fields,
  onClose,
  onDone,
  onConflict,
}: {
  caseId: number;
  version: number;
  action: Action;
  title: string;
  fields: Field[];
  onClose(): void;
  onDone(): void;
  onConflict(e: unknown): boolean;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      fields.map((f) => [
        f.name,
        f.initial ?? (f.kind === "select" ? (f.options?.[0]?.value ?? "") : ""),
      ]),
    ),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const missing = fields.find(
      (f) => f.required && f.kind !== "checkbox" && !values[f.name]?.trim(),
    );
    if (missing) {
      setError(`${missing.label}: ${t.reasonRequired}`);
      return;
    }
    const body: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.name] ?? "";
      body[f.name] =
        f.kind === "number" ? Number(v) : f.kind === "checkbox" ? v === "true" : v.trim();
    }
    setBusy(true);
    setError(null);
    try {
      await act(caseId, action, body, version);
      onDone();
    } catch (e) {
      if (!onConflict(e)) setError(problemText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const set = (name: string, v: string) => setValues((s) => ({ ...s, [name]: v }));
  return (
    <Dialog title={title} onClose={onClose} onSubmit={submit} busy={busy} error={error}>
      {fields.map((f) => (
        <label key={f.name} className={f.kind === "checkbox" ? "check" : undefined}>
          {f.kind !== "checkbox" && f.label}
          {f.kind === "textarea" ? (
            <textarea
              name={f.name}
              rows={4}
              required={f.required}
              value={values[f.name]}
              onChange={(e) => set(f.name, e.target.value)}
            />
          ) : f.kind === "select" ? (
            <select
              name={f.name}
              value={values[f.name]}
              onChange={(e) => set(f.name, e.target.value)}
            >
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : f.kind === "checkbox" ? (
            <input
              type="checkbox"
              name={f.name}
              checked={values[f.name] === "true"}
              onChange={(e) => set(f.name, String(e.target.checked))}
            />
          ) : (
            <input
              name={f.name}
              type={f.kind === "number" ? "number" : "text"}
              required={f.required}
              value={values[f.name]}
              onChange={(e) => set(f.name, e.target.value)}
            />
          )}
          {f.kind === "checkbox" && f.label}
        </label>
      ))}
    </Dialog>
  );
}
