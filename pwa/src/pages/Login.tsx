/** 登录: username and password; shows the server's message (wrong password, too many attempts). */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, login, type Session } from '../api';
import { t } from '../i18n';
import { formatWait } from '../lib/format';
import { ErrorBanner, errorMessage } from '../components/ui';
import { InputField } from '../components/form';

export function Login({
  onLoggedIn,
  expired,
}: {
  onLoggedIn: (s: Session) => void;
  expired?: boolean;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Epoch ms until which the server refuses attempts (429). */
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (blockedUntil === null) return;
    const timer = window.setInterval(() => {
      const n = Date.now();
      setNow(n);
      if (n >= blockedUntil) {
        setBlockedUntil(null);
        window.clearInterval(timer);
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [blockedUntil]);

  const remaining = blockedUntil === null ? 0 : Math.max(0, (blockedUntil - now) / 1000);

  async function submit(e: Event) {
    e.preventDefault();
    // read the fields themselves: password managers may fill them without an input event
    const form = e.currentTarget as HTMLFormElement;
    const name = String(new FormData(form).get('username') ?? username).trim();
    const secret = String(new FormData(form).get('password') ?? password);
    if (!name || !secret) {
      setError(t('login.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await login(name, secret);
      onLoggedIn(session);
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError && err.status === 429 && err.retryAfter) {
        setNow(Date.now());
        setBlockedUntil(Date.now() + err.retryAfter * 1000);
      }
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login-page" id="main">
      <form class="card login-card" onSubmit={submit} noValidate>
        <h1 class="login-app">{t('app.name')}</h1>
        <h2>{t('login.title')}</h2>
        {expired && !error && (
          <p class="alert alert-info" role="status">
            {t('login.expired')}
          </p>
        )}
        <ErrorBanner error={error} testid="login-error">
          {remaining > 0 && (
            <span class="retry-after">
              {t('login.retryAfter', { time: formatWait(remaining) })}
            </span>
          )}
        </ErrorBanner>
        <InputField
          id="login-username"
          name="username"
          label={t('login.username')}
          testid="login-username"
          autocomplete="username"
          autocapitalize="off"
          spellcheck={false}
          value={username}
          onValue={setUsername}
          required
        />
        <InputField
          id="login-password"
          name="password"
          type="password"
          label={t('login.password')}
          testid="login-password"
          autocomplete="current-password"
          value={password}
          onValue={setPassword}
          required
        />
        <button
          type="submit"
          class="btn btn-primary btn-block"
          data-testid="login-submit"
          disabled={busy || remaining > 0}
        >
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
