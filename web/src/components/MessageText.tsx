// A citizen's message exactly as written: React text nodes only (no HTML is ever interpreted);
// http(s) addresses get an explicit link after the text, every other scheme stays plain text.
import { segmentsOf } from "../text-links.ts";
import { useI18n } from "../i18n.tsx";

export function MessageText({ text }: { text: string }) {
  const { t } = useI18n();
  return (
    <p className="message-text">
      {segmentsOf(text).map((s, i) =>
        s.kind === "text" ? (
          <span key={i}>{s.text}</span>
        ) : (
          <span key={i}>
            {s.text}{" "}
            <a
              href={s.href}
              target="_blank"
              rel="noopener noreferrer nofollow"
              className="external"
              aria-label={`${t.linkInText}: ${s.text}`}
            >
              ↗
            </a>
          </span>
        ),
      )}
    </p>
  );
}
