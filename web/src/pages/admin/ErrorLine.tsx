// A refusal or a failed read of an admin section, said in one line and announced; a string is a
// section's own check, said as it is.
import { useI18n } from "../../i18n.tsx";
import { problemText } from "../../resource.ts";

export function ErrorLine({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {typeof error === "string" ? error : problemText(error, t)}
    </p>
  );
}
