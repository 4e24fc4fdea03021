/** Formatting helpers: dates, percentages, money in 万元, waits. */
import { getLang, t } from '../i18n';

/** Today's date as YYYY-MM-DD in the device's local time zone (not UTC). */
export function todayISO(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string | null | undefined): value is string {
  if (!value || !ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const DASH = '—';

function numberFormat(maxDigits: number): Intl.NumberFormat {
  return new Intl.NumberFormat(getLang() === 'en' ? 'en-US' : 'zh-CN', {
    maximumFractionDigits: maxDigits,
    minimumFractionDigits: 0,
  });
}

/** 42.5 → "42.5%"; null → "—". */
export function formatPct(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  return `${numberFormat(1).format(value)}%`;
}

/** Money in 万元: 1234.5 → "1,234.5"; null → "—". */
export function formatMoney(value: number | null | undefined, withUnit = false): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  const text = numberFormat(2).format(value);
  return withUnit ? `${text} ${t('common.wan')}` : text;
}

export function formatDate(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : DASH;
}

/** A timestamp "2024-05-01T08:30:00+08:00" → "2024-05-01 08:30" in local time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return DASH;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `${todayISO(d)} ${hh}:${mm}`;
}

/** A wait in seconds as "45 秒" / "3 分钟" (rounded up). */
export function formatWait(seconds: number): string {
  if (seconds < 60) return t('common.seconds', { n: Math.max(1, Math.ceil(seconds)) });
  return t('common.minutes', { n: Math.ceil(seconds / 60) });
}

export function text(value: string | null | undefined): string {
  return value && value.trim() ? value : DASH;
}
