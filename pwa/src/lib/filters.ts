/**
 * The project-list filters: one object, read from and written to the page URL (so Back and a
 * shared link keep them) and turned into the API's query string.
 */
import type { Query } from '../api/client';
import { isIsoDate, todayISO } from './format';

export interface ProjectFilters {
  /** YYYY-MM-DD; schedule status and planned progress are computed as of this day. */
  as_of: string;
  status: string;
  county: string;
  township: string;
  unit: string;
  level: string;
  series: string;
  q: string;
  page: number;
  per_page: number;
}

/** Filters other than as_of and paging, in the order they appear in query strings. */
export const FILTER_FIELDS = [
  'status',
  'county',
  'township',
  'unit',
  'level',
  'series',
  'q',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;

export function defaultFilters(today: string = todayISO()): ProjectFilters {
  return {
    as_of: today,
    status: '',
    county: '',
    township: '',
    unit: '',
    level: '',
    series: '',
    q: '',
    page: 1,
    per_page: DEFAULT_PER_PAGE,
  };
}

function positiveInt(raw: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!raw || !/^\d+$/.test(raw)) return fallback;
  const n = Number(raw);
  return n >= 1 ? Math.min(n, max) : fallback;
}

/** Read filters from a query string (`?status=behind&page=2`); bad values fall back to defaults. */
export function parseFilters(
  search: string | URLSearchParams,
  today: string = todayISO(),
): ProjectFilters {
  const params =
    typeof search === 'string' ? new URLSearchParams(search.replace(/^\?/, '')) : search;
  const f = defaultFilters(today);
  const asOf = params.get('as_of');
  if (isIsoDate(asOf)) f.as_of = asOf;
  for (const field of FILTER_FIELDS) {
    const value = params.get(field);
    if (value !== null) f[field] = field === 'q' ? value : value.trim();
  }
  f.page = positiveInt(params.get('page'), 1);
  f.per_page = positiveInt(params.get('per_page'), DEFAULT_PER_PAGE, MAX_PER_PAGE);
  return f;
}

/** The API query for `GET /api/v1/projects`: every non-empty filter, as_of and paging always. */
export function projectQuery(f: ProjectFilters): Query {
  const query: Query = { as_of: f.as_of };
  for (const field of FILTER_FIELDS) {
    const value = field === 'q' ? f.q.trim() : f[field];
    if (value) query[field] = value;
  }
  query.page = f.page;
  query.per_page = f.per_page;
  return query;
}

/**
 * The page URL's query string for these filters ("" or "?…"), leaving out defaults (today's
 * date, page 1, 50 per page) so the plain list has a plain URL.
 */
export function filtersToSearch(f: ProjectFilters, today: string = todayISO()): string {
  const params = new URLSearchParams();
  if (f.as_of && f.as_of !== today) params.set('as_of', f.as_of);
  for (const field of FILTER_FIELDS) {
    const value = field === 'q' ? f.q.trim() : f[field];
    if (value) params.set(field, value);
  }
  if (f.page > 1) params.set('page', String(f.page));
  if (f.per_page !== DEFAULT_PER_PAGE) params.set('per_page', String(f.per_page));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** Change one filter; any change but paging goes back to page 1. */
export function withFilter<K extends keyof ProjectFilters>(
  f: ProjectFilters,
  key: K,
  value: ProjectFilters[K],
): ProjectFilters {
  const next = { ...f, [key]: value };
  if (key !== 'page') next.page = 1;
  // a township belongs to one county: picking another county clears it
  if (key === 'county' && value !== f.county) next.township = '';
  return next;
}

/** True when any filter other than as_of and paging is set. */
export function hasActiveFilters(f: ProjectFilters): boolean {
  return FILTER_FIELDS.some((field) => (field === 'q' ? f.q.trim() : f[field]) !== '');
}

/**
 * How many filters are set, the as-of day included when it is not today (the count
 * on the phone's filter toggle).
 */
export function activeFilterCount(f: ProjectFilters, today: string = todayISO()): number {
  const set = FILTER_FIELDS.filter(
    (field) => (field === 'q' ? f.q.trim() : f[field]) !== '',
  ).length;
  return set + (f.as_of !== today ? 1 : 0);
}
