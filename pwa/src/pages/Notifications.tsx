/**
 * 通知: my notifications, unread first, each leading to its record. Online only (read from the
 * server, not synced); offline it says so quietly instead of showing an error.
 */
import { useEffect, useState } from 'preact/hooks';
import type { User } from '../api';
import { t } from '../i18n';
import { ErrorBanner, Loading, PageTitle } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { useOnline } from '../lib/offline-session';
import {
  isQuietFailure,
  listNotifications,
  markRead,
  notificationLink,
  PAGE_SIZE,
  sortForList,
  withRead,
  type AppNotification,
} from '../lib/notifications';
import '../styles/notifications.css';

const URGENT = new Set(['overdue', 'due_soon', 'returned']);

type State =
  | { kind: 'loading' }
  | { kind: 'offline' }
  | { kind: 'error'; error: unknown }
  | { kind: 'ready'; items: AppNotification[]; total: number; unread: number; page: number };

export function Notifications({ user }: { user: User }) {
  const online = useOnline();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  const load = (signal?: AbortSignal) => {
    listNotifications(1, PAGE_SIZE, signal).then(
      (page) =>
        setState({
          kind: 'ready',
          items: page.items,
          total: page.total,
          unread: page.unread,
          page: 1,
        }),
      (error: unknown) => {
        if ((error as Error)?.name === 'AbortError') return;
        setState(isQuietFailure(error) ? { kind: 'offline' } : { kind: 'error', error });
      },
    );
  };

  useEffect(() => {
    if (!online) {
      setState((s) => (s.kind === 'ready' ? s : { kind: 'offline' }));
      return;
    }
    const ctl = new AbortController();
    load(ctl.signal);
    return () => ctl.abort();
  }, [online]);

  async function more() {
    if (state.kind !== 'ready') return;
    setBusy(true);
    try {
      const next = await listNotifications(state.page + 1);
      const known = new Set(state.items.map((n) => n.id));
      const items = [...state.items, ...next.items.filter((n) => !known.has(n.id))];
      setState({
        kind: 'ready',
        items,
        total: next.total,
        unread: next.unread,
        page: state.page + 1,
      });
    } catch (error) {
      if (!isQuietFailure(error)) setActionError(error);
    } finally {
      setBusy(false);
    }
  }

  async function read(ids: number[] | 'all') {
    if (state.kind !== 'ready') return;
    setActionError(null);
    try {
      const result = await markRead(ids);
      setState({
        ...state,
        items: withRead(state.items, ids, new Date().toISOString()),
        unread: result.unread,
      });
    } catch (error) {
      if (!isQuietFailure(error)) setActionError(error);
    }
  }

  function open(n: AppNotification, href: string | null) {
    if (n.read_at === null) void read([n.id]);
    if (href) navigate(href);
  }

  const ready = state.kind === 'ready' ? state : null;
  return (
    <section class="page" data-testid="notifications-page">
      <PageTitle
        actions={
          ready && ready.unread > 0 ? (
            <button
              type="button"
              class="btn btn-small"
              data-testid="notifications-read-all"
              onClick={() => void read('all')}
            >
              {t('notifications.readAll')}
            </button>
          ) : undefined
        }
      >
        {t('notifications.title')}
        {ready && ready.unread > 0 && (
          <span class="muted"> {t('notifications.unreadCount', { count: ready.unread })}</span>
        )}
      </PageTitle>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'offline' && (
        <p class="notice-offline" role="status" data-testid="notifications-offline">
          {t('notifications.offline')}
        </p>
      )}
      {state.kind === 'error' && <ErrorBanner error={state.error} onRetry={() => load()} />}
      <ErrorBanner error={actionError} />
      {ready && ready.items.length === 0 && (
        <p data-testid="notifications-empty">{t('notifications.empty')}</p>
      )}
      {ready && ready.items.length > 0 && (
        <ul class="notice-list" data-testid="notifications-list">
          {sortForList(ready.items).map((n) => (
            <NoticeItem
              key={n.id}
              n={n}
              href={notificationLink(n, user.role)}
              onOpen={open}
              onRead={() => void read([n.id])}
            />
          ))}
        </ul>
      )}
      {ready && ready.items.length < ready.total && (
        <button
          type="button"
          class="btn"
          disabled={busy || !online}
          onClick={() => void more()}
          data-testid="notifications-more"
        >
          {busy ? t('app.loading') : t('notifications.more')}
        </button>
      )}
    </section>
  );
}

function NoticeItem({
  n,
  href,
  onOpen,
  onRead,
}: {
  n: AppNotification;
  href: string | null;
  onOpen: (n: AppNotification, href: string | null) => void;
  onRead: () => void;
}) {
  const unread = n.read_at === null;
  return (
    <li
      class={`notice${unread ? ' unread' : ''}`}
      data-testid="notification"
      data-kind={n.kind}
      data-unread={unread ? '1' : '0'}
    >
      <div class="notice-meta">
        <span class={`notice-kind${URGENT.has(n.kind) ? ' urgent' : ''}`}>
          {t(`notifications.kind.${n.kind}`)}
        </span>
        <time dateTime={n.created_at}>{formatDateTime(n.created_at)}</time>
        {unread && <span class="notice-new">{t('notifications.unread')}</span>}
      </div>
      <span class="notice-title" lang="zh-CN">
        {n.title}
      </span>
      {n.body && (
        <p class="notice-body" lang="zh-CN">
          {n.body}
        </p>
      )}
      <div class="notice-actions">
        {href && (
          <Link
            href={href}
            class="btn btn-small"
            data-testid="notification-open"
            onClick={(e) => {
              e.preventDefault();
              onOpen(n, href);
            }}
          >
            {t('notifications.open')}
          </Link>
        )}
        {unread && (
          <button
            type="button"
            class="btn btn-small btn-link"
            onClick={onRead}
            data-testid="notification-read"
          >
            {t('notifications.markRead')}
          </button>
        )}
      </div>
    </li>
  );
}
