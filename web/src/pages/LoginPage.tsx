// Sign in with login and password; the server sets an HttpOnly session cookie.
import { useState, type FormEvent } from "react";
import { useI18n, type Locale } from "../i18n.tsx";
import { ApiError } from "../api/client.ts";
import { problemText } from "../resource.ts";
import { useSession } from "../session.tsx";

export function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const session = useSession();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.login(login.trim(), password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t.loginFailed : problemText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login" id="main">
      <form onSubmit={submit} className="login-form" aria-labelledby="login-title">
        <h1 id="login-title">{t.loginTitle}</h1>
        <label>
          {t.loginField}
          <input
            name="login"
            autoComplete="username"
            required
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            autoFocus
          />
        </label>
        <label>
          {t.passwordField}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t.loginButton}
        </button>
        <label className="lang">
          {t.language}{" "}
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="ru">Русский</option>
            <option value="en">English</option>
          </select>
        </label>
      </form>
    </main>
  );
}
