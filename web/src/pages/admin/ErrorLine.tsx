// A refusal or a failed read of an admin section, said in one line and announced.
import { useI18n } from "../../i18n.tsx";
import { problemText } from "../../resource.ts";

export function ErrorLine({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {problemText(error, t)}
    </p>
  );
}
