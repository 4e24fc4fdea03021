/**
 * What the sync bar says (pure): "待同步 N", "同步中…", "已同步 14:02", the progress of the
 * queue and of the photo being sent, and each notice in plain words with what to do.
 */
import { t } from '../i18n';
import type { Notice } from '../sync/db';
import { pendingTotal, type PendingItems } from '../sync/pending';
import type { SyncProgress, SyncState } from '../sync/types';

export interface SyncView {
  state: SyncState;
  online: boolean;
  /** What waits, counted as people count it (sync/pending.ts). */
  items: PendingItems;
  lastSyncAt: string | null;
}

export { pendingTotal };

/** "2 份检查、1 个问题、5 张照片": what waits, kinds with none left out. */
export function pendingText(items: PendingItems): string {
  const kinds = ['inspection', 'issue', 'report', 'other', 'photo'] as const;
  return kinds
    .filter((k) => items[k] > 0)
    .map((k) => t(`sync.items.${k}`, { n: items[k] }))
    .join(t('sync.items.sep'));
}

/** "14:02" today, "11-28 14:02" another day (local time). */
export function clockTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  const sameDay =
    d.getFullYear() === now.getFullYear() &&
    d.getMonth() === now.getMonth() &&
    d.getDate() === now.getDate();
  return sameDay
    ? hm
    : `${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${hm}`;
}

export type SyncTone = 'ok' | 'pending' | 'busy' | 'warn' | 'error';

/** The bar's main line and its tone. */
export function syncHeadline(
  v: SyncView,
  now: Date = new Date(),
): { text: string; tone: SyncTone } {
  const n = pendingTotal(v.items);
  const items = n ? pendingText(v.items) : '';
  if (v.state === 'login-required') return { text: t('field.sync.loginRequired'), tone: 'error' };
  if (v.state === 'update-required') return { text: t('field.sync.updateRequired'), tone: 'error' };
  if (v.state === 'blocked') return { text: t('field.sync.blocked'), tone: 'error' };
  if (v.state === 'syncing')
    return { text: n ? t('sync.syncingN', { items }) : t('field.sync.syncing'), tone: 'busy' };
  if (n > 0) {
    if (!v.online || v.state === 'offline')
      return { text: t('sync.offlinePending', { items }), tone: 'pending' };
    if (v.state === 'waiting') return { text: t('sync.retrying', { items }), tone: 'warn' };
    return { text: t('sync.pending', { items }), tone: 'pending' };
  }
  if (v.lastSyncAt)
    return { text: t('field.sync.synced', { time: clockTime(v.lastSyncAt, now) }), tone: 'ok' };
  if (!v.online) return { text: t('field.sync.offlineNever'), tone: 'warn' };
  return { text: t('field.sync.never'), tone: 'pending' };
}

export interface QueueProgress {
  /** 0–1 for the phase under way: records pushed, photo bytes sent, changes pulled. */
  overall: number;
  /** Photo bytes of this run, sent and in all (upload phase only). */
  bytes: { done: number; total: number } | null;
  /** The photo being sent: its own 0–1, its 1-based number in this run. */
  photo: { sha256: string; fraction: number; index: number; total: number } | null;
  phase: SyncProgress['phase'];
}

const fraction = (done: number, total: number) =>
  total > 0 ? Math.max(0, Math.min(1, done / total)) : 1;

/**
 * The bars from one progress event, from what the event itself says (the photo's own bytes and
 * place in the run): nothing is rebuilt from what still waits, so a photo's bar runs 0 → 100%
 * and the overall bar counts the run's bytes.
 */
export function queueProgress(p: SyncProgress): QueueProgress {
  if (p.phase === 'upload') {
    const bytes = { done: p.bytesDone ?? 0, total: p.bytesTotal ?? 0 };
    const photo =
      p.sha256 && p.photoIndex !== undefined
        ? {
            sha256: p.sha256,
            fraction: fraction(p.photoBytesDone ?? 0, p.photoBytes ?? 0),
            index: p.photoIndex + 1,
            total: p.total,
          }
        : null;
    return { overall: fraction(bytes.done, bytes.total), bytes, photo, phase: 'upload' };
  }
  return { overall: fraction(p.done, p.total), bytes: null, photo: null, phase: p.phase };
}

/** "1.2 MB" (one decimal under 10 MB), "860 KB". */
export function byteSize(n: number): string {
  if (n >= 1024 * 1024) {
    const mb = n / (1024 * 1024);
    return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
  }
  return `${Math.max(0, Math.round(n / 1024))} KB`;
}

const ADVICE: Record<string, string> = {
  inspection_submitted: 'field.advice.submitted',
  incomplete: 'field.advice.incomplete',
  invalid_value: 'field.advice.invalid',
  invalid_args: 'field.advice.invalid',
  validation_error: 'field.advice.invalid',
  not_found: 'field.advice.notFound',
  forbidden: 'field.advice.forbidden',
  state_changed: 'field.advice.conflict',
  invalid_transition: 'field.advice.conflict',
  project_required: 'field.advice.project',
  photo_too_large: 'field.advice.photoAgain',
  id_taken: 'field.advice.contact',
};

const WHAT: Record<string, string> = {
  'inspection.create': 'field.what.inspectionCreate',
  'inspection.update': 'field.what.inspectionUpdate',
  'inspection.submit': 'field.what.inspectionSubmit',
  'answer.set': 'field.what.answer',
  'photo.attach': 'field.what.photo',
  'issue.create': 'field.what.issue',
  'issue.transition': 'field.what.transition',
  'issue.comment': 'field.what.comment',
  'report.create': 'field.what.report',
  'report.rate': 'field.what.rate',
};

/** A notice as the user reads it: what happened, the server's reason, what to do now. */
export function noticeText(n: Pick<Notice, 'kind' | 'code' | 'message' | 'name'>): {
  title: string;
  reason: string;
  advice: string;
} {
  const what =
    n.name && WHAT[n.name]
      ? t(WHAT[n.name]!)
      : n.kind === 'upload'
        ? t('field.what.photo')
        : t('field.what.some');
  const title =
    n.kind === 'conflict'
      ? t('field.notice.conflict', { what })
      : n.kind === 'upload'
        ? t('field.notice.upload')
        : t('field.notice.rejected', { what });
  const adviceKey =
    n.kind === 'upload'
      ? 'field.advice.photoAgain'
      : (ADVICE[n.code] ??
        (n.kind === 'conflict' ? 'field.advice.conflict' : 'field.advice.contact'));
  return { title, reason: n.message || n.code, advice: t(adviceKey) };
}

export interface NoticeGroup {
  /** The first refusal about a record: the one that explains the others. */
  lead: Notice;
  /** Every notice of the group, to dismiss them together. */
  keys: string[];
}

/**
 * One entry per record: a refused inspection refuses its answers, photos and submit too, and
 * ten notices saying the same would bury the screen. Notices without a record stand alone.
 */
export function groupNotices(notices: readonly Notice[]): NoticeGroup[] {
  const groups = new Map<string, NoticeGroup>();
  for (const n of notices) {
    const key = n.target ? `${n.target.type}:${n.target.id}` : `notice:${n.key}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { lead: n, keys: [n.key] });
      continue;
    }
    group.keys.push(n.key);
    if ((n.mutation_id ?? Infinity) < (group.lead.mutation_id ?? Infinity)) group.lead = n;
  }
  return [...groups.values()];
}
