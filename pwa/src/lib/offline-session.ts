/**
 * Starting without a network: the last user who logged in on this device is kept (the user
 * object only — no token, no password; the session cookie stays the browser's business) so the
 * app can boot offline into that user's shell and revalidate once the network is back.
 *
 * Stored on login and on every successful `/auth/me`; removed on logout. A 401 still means
 * "log in" — only an unreachable server boots from the device.
 */
import { useEffect, useState } from 'preact/hooks';
import type { User } from '../api/types';

export const SESSION_USER_KEY = 'xianchang.session-user';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Keep the logged-in user for an offline start. */
export function rememberUser(user: User): void {
  try {
    storage()?.setItem(SESSION_USER_KEY, JSON.stringify(user));
  } catch {
    /* storage full or disabled: this device just cannot start offline */
  }
}

/** The user kept on this device, or null when there is none (or it is unreadable). */
export function lastUser(): User | null {
  let raw: string | null | undefined;
  try {
    raw = storage()?.getItem(SESSION_USER_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const user = JSON.parse(raw) as Partial<User> | null;
    if (!user || typeof user !== 'object') return null;
    if (
      typeof user.id !== 'number' ||
      typeof user.username !== 'string' ||
      typeof user.role !== 'string'
    )
      return null;
    return user as User;
  } catch {
    return null;
  }
}

export function forgetUser(): void {
  try {
    storage()?.removeItem(SESSION_USER_KEY);
  } catch {
    /* nothing to forget */
  }
}

/** Statuses a proxy answers when the app server is down: the same as no network for booting. */
const GATEWAY_DOWN = new Set([502, 503, 504]);

/** True when an API call failed because the server could not be reached (not a 401 or a 4xx). */
export function isUnreachable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const status = (err as { status?: unknown }).status;
  return status === 0 || (typeof status === 'number' && GATEWAY_DOWN.has(status));
}

/** The user to boot offline with after `me()` failed with `err`, or null to show the error. */
export function offlineUserFor(err: unknown): User | null {
  return isUnreachable(err) ? lastUser() : null;
}

export function browserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/**
 * Call `check` when the browser says it is back online, and every `intervalMs` as well (a server
 * that was down does not fire `online`). Returns the function that stops watching.
 */
export function watchReconnect(check: () => void, intervalMs = 30_000): () => void {
  const onOnline = () => check();
  window.addEventListener('online', onOnline);
  const timer =
    intervalMs > 0 ? window.setInterval(() => browserOnline() && check(), intervalMs) : 0;
  return () => {
    window.removeEventListener('online', onOnline);
    if (timer) window.clearInterval(timer);
  };
}

/** `navigator.onLine`, kept up to date by the `online` / `offline` events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(browserOnline());
  useEffect(() => {
    const update = () => setOnline(browserOnline());
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    update();
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}
