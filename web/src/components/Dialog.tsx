// A modal dialog on the native <dialog>: the browser traps focus and closes on Escape; we move
// focus to the first field on open and give it back to the opener on close.
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from "react";
import { useI18n } from "../i18n.tsx";

export interface DialogProps {
  title: string;
  onClose(): void;
  /** When given, the body is a form and this runs on submit (Enter in a field works). */
  onSubmit?: () => void | Promise<void>;
  submitLabel?: string;
  busy?: boolean;
  error?: string | null;
  children: ReactNode;
  wide?: boolean;
}

export function Dialog({
  title,
  onClose,
  onSubmit,
  submitLabel,
  busy,
  error,
  children,
  wide,
}: DialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const first = dialog.querySelector<HTMLElement>(
      "[autofocus], input:not([type=hidden]), select, textarea, button",
    );
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      opener?.focus?.();
    };
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) void onSubmit?.();
  };
  return (
    <dialog
      ref={ref}
      className={wide ? "dialog dialog-wide" : "dialog"}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} method="dialog">
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            {t.cancel}
          </button>
          {onSubmit && (
            <button type="submit" className="primary" disabled={busy}>
              {submitLabel ?? t.confirm}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
