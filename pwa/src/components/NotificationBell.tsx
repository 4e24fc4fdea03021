/** The bell in the header: unread notifications, polled while online; quiet when offline. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Link } from '../lib/router';
import {
  badgeText,
  CHANGED_EVENT,
  isQuietFailure,
  POLL_MS,
  unreadCount,
} from '../lib/notifications';
import { browserOnline } from '../lib/offline-session';
import '../styles/notifications.css';

export function NotificationBell({ path }: { path: string }) {
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => {
    let ctl: AbortController | null = null;
    const refresh = () => {
      if (!browserOnline() || document.visibilityState === 'hidden') return;
      ctl?.abort();
      const mine = (ctl = new AbortController());
      unreadCount(mine.signal).then(
        (n) => !mine.signal.aborted && setCount(n),
        (err: unknown) => {
          if (!isQuietFailure(err)) console.warn('notifications: unread count failed', err);
        },
      );
    };
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    window.addEventListener(CHANGED_EVENT, refresh);
    window.addEventListener('online', refresh);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      ctl?.abort();
      window.clearInterval(timer);
      window.removeEventListener(CHANGED_EVENT, refresh);
      window.removeEventListener('online', refresh);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [path]);

  const badge = badgeText(count);
  const label = badge
    ? t('notifications.bellUnread', { count: count ?? 0 })
    : t('notifications.bell');
  return (
    <Link
      href="/notifications"
      class={`btn btn-header bell${path === '/notifications' ? ' active' : ''}`}
      aria-label={label}
      title={label}
      data-testid="notification-bell"
    >
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        />
      </svg>
      {badge && (
        <span class="bell-count" data-testid="notification-count">
          {badge}
        </span>
      )}
    </Link>
  );
}
