/**
 * When a thing was done in the field and when the server got it (server/clock.py): the office
 * sees both when they are more than an hour apart, "现场 12-01 09:07 · 同步 12-07 09:15".
 */
import { t } from '../i18n';
import { formatDateTime } from './format';
import { rules } from './rules';

/** "2026-12-01 09:07" → "12-01 09:07" (the year is the record's own, rarely in doubt). */
function short(value: string): string {
  return formatDateTime(value).slice(5);
}

/** Apart by more than an hour (unreadable times are not). */
export function timesDiffer(at: string | null | undefined, receivedAt: string | null | undefined) {
  if (!at || !receivedAt) return false;
  const gap = Math.abs(new Date(receivedAt).getTime() - new Date(at).getTime());
  return gap > rules().times_apart_minutes * 60 * 1000;
}

/**
 * The action time, with the server's when they differ by more than an hour; a phone time the
 * server did not trust (clock_skew) says so.
 */
export function fieldTime(
  at: string | null | undefined,
  receivedAt?: string | null,
  clockSkew?: boolean,
): string {
  const shown = timesDiffer(at, receivedAt)
    ? t('common.fieldTime', { at: short(at as string), received: short(receivedAt as string) })
    : formatDateTime(at ?? receivedAt);
  return clockSkew ? `${shown} · ${t('common.clockSkew')}` : shown;
}
