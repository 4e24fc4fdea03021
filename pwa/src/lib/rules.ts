/**
 * The thresholds the phone applies as the server does (server/config.py PHONE_RULES): served
 * with the session (`/auth/me`, login), kept on the device for offline starts, and
 * `rules.json` (the server's defaults; tests/test_rules.py holds them equal) until then.
 */
import DEFAULTS from './rules.json';

export interface Rules {
  far_from_site_m: number;
  time_gap_s: number;
  poor_accuracy_m: number;
  similar_phash_bits: number;
  schedule_band: number;
  times_apart_minutes: number;
}

export const DEFAULT_RULES: Readonly<Rules> = Object.freeze({ ...DEFAULTS });
export const RULES_KEY = 'xianchang.rules';

let current: Rules = { ...DEFAULT_RULES, ...stored() };

function stored(): Partial<Rules> {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(RULES_KEY);
    return raw ? clean(JSON.parse(raw)) : {};
  } catch {
    return {};
  }
}

/** Only the known names with finite numbers (a stale or foreign value is dropped). */
function clean(value: unknown): Partial<Rules> {
  const out: Partial<Rules> = {};
  if (!value || typeof value !== 'object') return out;
  for (const key of Object.keys(DEFAULT_RULES) as (keyof Rules)[]) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  return out;
}

/** The rules in force on this device. */
export function rules(): Readonly<Rules> {
  return current;
}

/** Take the server's rules (a session's `rules`) and keep them for the next offline start. */
export function applyRules(served: unknown): void {
  current = { ...DEFAULT_RULES, ...clean(served) };
  try {
    if (typeof localStorage !== 'undefined')
      localStorage.setItem(RULES_KEY, JSON.stringify(current));
  } catch {
    /* storage full or disabled: the defaults apply on the next offline start */
  }
}
