/**
 * What a deputy follows on the phone, from the pulled report alone (readable offline): the step
 * line 已提交 → 受理 → 交办 → 整改 → 答复, the decline, the 不满意 that reopened the problem, and
 * the report as it stands once rated (before the server answers).
 */
import type { ReportData } from './field-records';
import { todayISO } from './format';

export type StepKey = 'submitted' | 'accepted' | 'assigned' | 'rectified' | 'replied';
export type RatingCode = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

/** A step as the server sends it (sync/serialize.py ReportStep). */
export interface PulledStep {
  key: Exclude<StepKey, 'submitted'>;
  done: boolean;
  at: string | null;
}

/** The report as pulled: ReportData plus the linked problem and the steps (sync/serialize.py). */
export interface PulledReport extends ReportData {
  version?: number;
  rated_at?: string | null;
  issue_id?: string | null;
  issue_state?: string | null;
  issue_deadline?: string | null;
  steps?: PulledStep[];
  reopened?: { at: string; deadline: string } | null;
}

export interface StepView {
  key: StepKey;
  done: boolean;
  /** The local day it was reached (YYYY-MM-DD), when known. */
  date: string | null;
  /** The last step reached. */
  current: boolean;
}

export const STEP_KEYS: readonly StepKey[] = [
  'submitted',
  'accepted',
  'assigned',
  'rectified',
  'replied',
];

const ACCEPTED = new Set(['accepted', 'replied', 'rated']);
const REPLIED = new Set(['replied', 'rated']);

/** A timestamp's day in the phone's time zone; null when missing or unreadable. */
export function localDay(at: string | null | undefined): string | null {
  if (!at) return null;
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? null : todayISO(d);
}

/**
 * The step line, or null for a declined report (it shows 不予受理 and the reason instead).
 * Without pulled steps (filed on this phone, not synced yet) it follows the status.
 */
export function reportSteps(report: PulledReport): StepView[] | null {
  if (report.status === 'declined') return null;
  const pulled = new Map((report.steps ?? []).map((s) => [s.key, s]));
  const fallback: Record<StepKey, boolean> = {
    submitted: true,
    accepted: ACCEPTED.has(report.status),
    assigned: false,
    rectified: false,
    replied: REPLIED.has(report.status),
  };
  const views = STEP_KEYS.map((key): StepView => {
    if (key === 'submitted')
      return { key, done: true, date: localDay(report.created_at), current: false };
    const step = pulled.get(key);
    const done = step ? step.done : fallback[key];
    return { key, done, date: done ? localDay(step?.at) : null, current: false };
  });
  const last = views.map((v) => v.done).lastIndexOf(true);
  return views.map((v, i) => (i === last ? { ...v, current: true } : v));
}

export type ReportNotice =
  { kind: 'declined'; reason: string } | { kind: 'reopened'; deadline: string };

/**
 * What the office's answer means for the deputy beyond the steps: a decline with its reason, or,
 * while their latest rating is 不满意, the problem sent back to 整改中 with its new deadline.
 */
export function reportNotice(report: PulledReport): ReportNotice | null {
  if (report.status === 'declined')
    return { kind: 'declined', reason: (report.reply ?? '').trim() };
  if (report.reopened && report.rating === 'dissatisfied')
    return { kind: 'reopened', deadline: report.reopened.deadline };
  return null;
}

/** The deputy may rate (again) whenever the office's latest answer is a reply. */
export function canRate(report: Pick<ReportData, 'status'>): boolean {
  return report.status === 'replied';
}

/** 不满意 needs a reason (the office reassigns with it); the others need none. */
export function ratingNeedsReason(rating: RatingCode, comment: string): boolean {
  return rating === 'dissatisfied' && !comment.trim();
}

/** The report as the server will have it once rated: 不满意 waits for a new reply (accepted). */
export function afterRating(
  report: PulledReport,
  rating: RatingCode,
  comment: string,
  now: string,
): PulledReport {
  const text = comment.trim() || null;
  if (rating !== 'dissatisfied')
    return { ...report, rating, rating_comment: text, rated_at: now, status: 'rated' };
  const steps = report.steps?.map((s) =>
    s.key === 'replied' ? { ...s, done: false, at: null } : s,
  );
  return {
    ...report,
    rating,
    rating_comment: text,
    rated_at: now,
    status: 'accepted',
    ...(steps ? { steps } : {}),
  };
}
