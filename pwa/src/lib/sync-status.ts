/**
 * What the sync bar says (pure): "待同步 N", "同步中…", "已同步 14:02", the progress of the
 * queue and of the photo being sent, and each notice in plain words with what to do.
 */
import { t } from '../i18n';
import type { Notice } from '../sync/db';
import type { SyncProgress, SyncState } from '../sync/types';

export interface SyncView {
  state: SyncState;
  online: boolean;
  /** Mutations in the outbox. */
  pendingMutations: number;
  /** Photo bytes not yet on the server (and not refused for good). */
  pendingPhotos: number;
  lastSyncAt: string | null;
}

/** Outbox entries plus photos waiting: the one number the user sees. */
export function pendingTotal(v: Pick<SyncView, 'pendingMutations' | 'pendingPhotos'>): number {
  return v.pendingMutations + v.pendingPhotos;
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
  const n = pendingTotal(v);
  if (v.state === 'login-required') return { text: t('field.sync.loginRequired'), tone: 'error' };
  if (v.state === 'update-required') return { text: t('field.sync.updateRequired'), tone: 'error' };
  if (v.state === 'blocked') return { text: t('field.sync.blocked'), tone: 'error' };
  if (v.state === 'syncing')
    return { text: n ? t('field.sync.syncingN', { n }) : t('field.sync.syncing'), tone: 'busy' };
  if (n > 0) {
    if (!v.online || v.state === 'offline')
      return { text: t('field.sync.offlinePending', { n }), tone: 'pending' };
    if (v.state === 'waiting') return { text: t('field.sync.retrying', { n }), tone: 'warn' };
    return { text: t('field.sync.pending', { n }), tone: 'pending' };
  }
  if (v.lastSyncAt)
    return { text: t('field.sync.synced', { time: clockTime(v.lastSyncAt, now) }), tone: 'ok' };
  if (!v.online) return { text: t('field.sync.offlineNever'), tone: 'warn' };
  return { text: t('field.sync.never'), tone: 'pending' };
}

export interface QueueProgress {
  /** 0–1 for the whole run (photos by bytes, then push and pull). */
  overall: number;
  /** The photo being sent: 0–1, or null when none is. */
  photo: { sha256: string; fraction: number; index: number; total: number } | null;
  phase: SyncProgress['phase'];
}

/**
 * The two bars from one progress event. Photos weigh 80% of the run when there are any (they
 * are what takes time on a weak signal), push 15%, pull 5%. `sizes` gives each waiting photo's
 * size so that the current photo's own share can be told from the cumulative byte count.
 */
export function queueProgress(
  p: SyncProgress,
  sizes: ReadonlyMap<string, number> = new Map(),
  order: readonly string[] = [],
): QueueProgress {
  const frac = (done: number, total: number) =>
    total > 0 ? Math.max(0, Math.min(1, done / total)) : 1;
  if (p.phase === 'upload') {
    const bytes = frac(p.bytesDone ?? 0, p.bytesTotal ?? 0);
    let photo: QueueProgress['photo'] = null;
    if (p.sha256 && p.total > 0) {
      const index = Math.max(0, order.indexOf(p.sha256));
      const before = order.slice(0, index).reduce((s, sha) => s + (sizes.get(sha) ?? 0), 0);
      const size = sizes.get(p.sha256) ?? 0;
      const fraction = size > 0 ? frac((p.bytesDone ?? 0) - before, size) : p.done > index ? 1 : 0;
      // 1-based number of the photo being sent
      const number = order.includes(p.sha256) ? index + 1 : Math.min(p.done + 1, p.total);
      photo = { sha256: p.sha256, fraction, index: number, total: p.total };
    }
    return { overall: p.total > 0 ? 0.8 * bytes : 0, photo, phase: 'upload' };
  }
  if (p.phase === 'push')
    return { overall: 0.8 + 0.15 * frac(p.done, p.total), photo: null, phase: 'push' };
  return { overall: 0.95 + 0.05 * frac(p.done, p.total), photo: null, phase: 'pull' };
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
