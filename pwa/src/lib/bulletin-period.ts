/**
 * The bulletin's period as the office picks it: a month, the first (1–15) or second (16–end)
 * half of a month, a quarter, the year to date, or any from/to. Days are the office's local days
 * (Asia/Shanghai), written YYYY-MM-DD; a period is cut at today, since the server refuses a
 * `to` after today. The choice lives in the URL (`?period=month&month=2023-07&county=3`).
 */
import { isIsoDate } from './format';

export const OFFICE_TIME_ZONE = 'Asia/Shanghai';
export const PERIOD_KINDS = [
  'month',
  'first-half',
  'second-half',
  'quarter',
  'ytd',
  'custom',
] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodChoice {
  kind: PeriodKind;
  /** YYYY-MM: the month of `month`, `first-half` and `second-half`. */
  month: string;
  /** YYYY-Qn: the quarter of `quarter`. */
  quarter: string;
  /** YYYY-MM-DD: the days of `custom`. */
  from: string;
  to: string;
  /** A county's id, or '' for the user's whole region. */
  county: string;
}

export type PeriodRange =
  | { ok: true; from: string; to: string; /** `to` was cut back to today */ cut: boolean }
  | { ok: false; reason: 'incomplete' | 'reversed' | 'not-started' };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date in the office's time zone (not the device's), as YYYY-MM-DD. */
export function officeToday(now: Date = new Date(), timeZone: string = OFFICE_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** 28–31: the last day of `month` (1–12) in `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** '2023-08-16' → '2023-Q3'. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The last `count` quarters up to today's, newest first. */
export function recentQuarters(today: string, count = 8): string[] {
  let year = Number(today.slice(0, 4));
  let q = Number(quarterOf(today).slice(-1));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${q}`);
    if (--q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

/** This month, its quarter, the year to date as the custom days, the whole region. */
export function defaultChoice(today: string): PeriodChoice {
  return {
    kind: 'month',
    month: today.slice(0, 7),
    quarter: quarterOf(today),
    from: `${today.slice(0, 4)}-01-01`,
    to: today,
    county: '',
  };
}

/** The first and last day the choice names, before cutting at today; null while incomplete. */
function rawRange(choice: PeriodChoice, today: string): { from: string; to: string } | null {
  if (choice.kind === 'ytd') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  if (choice.kind === 'custom') {
    return isIsoDate(choice.from) && isIsoDate(choice.to)
      ? { from: choice.from, to: choice.to }
      : null;
  }
  if (choice.kind === 'quarter') {
    const m = QUARTER.exec(choice.quarter);
    if (!m) return null;
    const year = Number(m[1]);
    const first = (Number(m[2]) - 1) * 3 + 1;
    return {
      from: `${year}-${pad(first)}-01`,
      to: `${year}-${pad(first + 2)}-${pad(daysInMonth(year, first + 2))}`,
    };
  }
  const m = MONTH.exec(choice.month);
  if (!m) return null;
  const last = daysInMonth(Number(m[1]), Number(m[2]));
  const from = choice.kind === 'second-half' ? 16 : 1;
  const to = choice.kind === 'first-half' ? 15 : last;
  return { from: `${choice.month}-${pad(from)}`, to: `${choice.month}-${pad(to)}` };
}

/** The days to ask the server for, cut at `today`; or why there are none yet. */
export function periodRange(choice: PeriodChoice, today: string): PeriodRange {
  const range = rawRange(choice, today);
  if (!range) return { ok: false, reason: 'incomplete' };
  if (range.from > range.to) return { ok: false, reason: 'reversed' };
  if (range.from > today) return { ok: false, reason: 'not-started' };
  const cut = range.to > today;
  return { ok: true, from: range.from, to: cut ? today : range.to, cut };
}

/** The choice in a URL's query string, anything missing or malformed taken from the defaults. */
export function readChoice(search: string, today: string): PeriodChoice {
  const params = new URLSearchParams(search);
  const base = defaultChoice(today);
  const kind = params.get('period') as PeriodKind | null;
  const month = params.get('month') ?? '';
  const quarter = params.get('quarter') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const county = params.get('county') ?? '';
  return {
    kind: kind && PERIOD_KINDS.includes(kind) ? kind : base.kind,
    month: MONTH.test(month) ? month : base.month,
    quarter: QUARTER.test(quarter) ? quarter : base.quarter,
    from: isIsoDate(from) ? from : base.from,
    to: isIsoDate(to) ? to : base.to,
    county: /^\d+$/.test(county) ? county : '',
  };
}

/** The query string of a choice: only the fields its kind uses, '' for the default. */
export function writeChoice(choice: PeriodChoice, today: string): string {
  const params = new URLSearchParams();
  const base = defaultChoice(today);
  if (choice.kind !== base.kind) params.set('period', choice.kind);
  if (choice.kind === 'month' || choice.kind === 'first-half' || choice.kind === 'second-half') {
    if (choice.month !== base.month) params.set('month', choice.month);
  }
  if (choice.kind === 'quarter') params.set('quarter', choice.quarter);
  if (choice.kind === 'custom') {
    params.set('from', choice.from);
    params.set('to', choice.to);
  }
  if (choice.county) params.set('county', choice.county);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
