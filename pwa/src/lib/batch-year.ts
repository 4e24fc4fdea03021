/**
 * Batch years (年度): which year's projects a list or the map shows. A page URL's `batch_year`
 * (or the map's `year`) wins; else the server's default (this year's batch when it has projects,
 * else the latest); `all` is every year's.
 */

export const ALL_YEARS = 'all';

/**
 * The year to ask for: the URL's choice, else the server's default; `null` while the default is
 * still loading (`settled` false). No default (an older server, a failed load) is every year's.
 * A URL value that is no year (nor `all`) counts as none.
 */
export function chosenYear(
  fromUrl: string | null | undefined,
  defaultYear: number | null | undefined,
  settled: boolean,
): string | null {
  if (fromUrl === ALL_YEARS || (fromUrl && /^\d{4}$/.test(fromUrl))) return fromUrl;
  if (defaultYear != null) return String(defaultYear);
  return settled ? ALL_YEARS : null;
}

/** The API's `batch_year` for a chosen year: none for every year's. */
export function yearQuery(year: string | null): number | undefined {
  return year && year !== ALL_YEARS ? Number(year) : undefined;
}

/** The years to offer: every one with projects, and the chosen one even without. */
export function yearOptions(years: readonly number[], chosen: string | null): number[] {
  const all = new Set(years);
  if (chosen && chosen !== ALL_YEARS) all.add(Number(chosen));
  return [...all].sort((a, b) => b - a);
}
