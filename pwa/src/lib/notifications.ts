/**
 * Notifications (通知): the API calls and the pure rules the bell and the list share.
 *
 * Online only: the list is read from the server each time (it is not synced to the phone).
 * Offline, or with the server down, the bell keeps its last count and the page says so once —
 * no error banners.
 */
import { api } from '../api';
import type { Role } from '../api/types';
import { isUnreachable } from './offline-session';

export type NotificationKind =
  'assigned' | 'due_soon' | 'overdue' | 'returned' | 'replied' | 'rated' | 'extension' | 'reviewed';

export interface AppNotification {
  id: number;
  kind: NotificationKind;
  kind_label: string;
  /** Stored in Chinese (the server may add an English rendering later). */
  title: string;
  body: string | null;
  issue_id: string | null;
  report_id: string | null;
  inspection_id: string | null;
  project_id: number | null;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  total: number;
  unread: number;
  page: number;
  per_page: number;
}

export const PAGE_SIZE = 30;
export const POLL_MS = 60_000;
/** Fired on window after notifications were marked read, so the bell recounts at once. */
export const CHANGED_EVENT = 'xianchang:notifications-changed';

export function listNotifications(
  page = 1,
  perPage = PAGE_SIZE,
  signal?: AbortSignal,
): Promise<NotificationPage> {
  return api.get<NotificationPage>('/notifications', {
    query: { page, per_page: perPage },
    signal,
  });
}

/** The unread count only (the smallest page). */
export async function unreadCount(signal?: AbortSignal): Promise<number> {
  return (await listNotifications(1, 1, signal)).unread;
}

export async function markRead(
  target: number[] | 'all',
): Promise<{ updated: number; unread: number }> {
  const body = target === 'all' ? { all: true } : { ids: target };
  const result = await api.post<{ updated: number; unread: number }>('/notifications/read', body);
  announceChange();
  return result;
}

export function announceChange(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(CHANGED_EVENT));
}

/** What the bell shows: nothing at 0, the number up to 99, then 99+. */
export function badgeText(count: number | null | undefined): string {
  if (!count || count < 0) return '';
  return count > 99 ? '99+' : String(count);
}

/**
 * Where a notification leads for a role: the field screens for units, deputies and
 * inspectors; the project page for the office (its problem and report pages may come later).
 */
export function notificationLink(
  n: Pick<AppNotification, 'issue_id' | 'report_id' | 'inspection_id' | 'project_id'>,
  role: Role,
): string | null {
  if (role === 'unit' && n.issue_id) return `/field/issues/${encodeURIComponent(n.issue_id)}`;
  if (role === 'deputy' && n.report_id) return '/field/reports';
  if (role === 'inspector' && n.inspection_id)
    return `/field/inspections/${encodeURIComponent(n.inspection_id)}`;
  if (role === 'inspector' && n.issue_id) return `/field/issues/${encodeURIComponent(n.issue_id)}`;
  const office = role === 'admin' || role === 'supervisor';
  if (office && n.issue_id) return `/office/issues/${encodeURIComponent(n.issue_id)}`;
  if (office && n.report_id) return '/office/reports';
  if (office && n.inspection_id) return '/office/review';
  if (n.project_id != null) return `/projects/${n.project_id}`;
  return null;
}

/** A failure to say nothing about (offline, server down, or the request was cancelled). */
export function isQuietFailure(err: unknown): boolean {
  if ((err as Error | null)?.name === 'AbortError') return true;
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return true;
  return isUnreachable(err);
}

/** Unread first, then newest first (the server's order; kept after marking items read here). */
export function sortForList(items: AppNotification[]): AppNotification[] {
  return [...items].sort((a, b) => {
    const unread = Number(a.read_at !== null) - Number(b.read_at !== null);
    if (unread !== 0) return unread;
    return b.created_at.localeCompare(a.created_at) || b.id - a.id;
  });
}

/** The items with `ids` (or all) marked read as of `at`, without reordering (no jumping). */
export function withRead(
  items: AppNotification[],
  ids: number[] | 'all',
  at: string,
): AppNotification[] {
  return items.map((n) =>
    n.read_at === null && (ids === 'all' || ids.includes(n.id)) ? { ...n, read_at: at } : n,
  );
}
