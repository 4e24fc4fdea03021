/**
 * The office's review, pure logic shared by the office page and the phone:
 * what a reviewed inspection says to its inspector, how a correction starts (a new inspection
 * pointing at the returned one, its answers copied as drafts), and how the office page shows
 * answers and distances.
 */
import type { GeoFix } from '../sync/db';
import type { InspectionData } from './field-records';
import { newInspection } from './inspection-form';

/**
 * What the review said, for the inspector: returned with the office's reason, approved, or nothing.
 */
export type ReviewState = { kind: 'returned'; note: string } | { kind: 'approved' } | null;

export function reviewStateOf(
  inspection: Pick<InspectionData, 'status'> & { review_note?: string | null },
): ReviewState {
  if (inspection.status === 'returned')
    return { kind: 'returned', note: (inspection.review_note ?? '').trim() };
  if (inspection.status === 'approved') return { kind: 'approved' };
  return null;
}

/** Drafts and submitted ones can be reviewed no further by the phone: only drafts are editable. */
export function isEditable(inspection: Pick<InspectionData, 'status'>): boolean {
  return inspection.status === 'draft';
}

/** The newest local correction of an inspection (one whose replaces_id points at it), if any. */
export function latestCorrection<T extends { replaces_id?: string | null; started_at: string }>(
  id: string,
  all: T[],
): T | undefined {
  return all
    .filter((i) => i.replaces_id === id)
    .sort((a, b) => b.started_at.localeCompare(a.started_at))[0];
}

/**
 * A correction of `old`: the `inspection.create` args (with `replaces_id`), its local draft, and
 * the answers to queue again as `answer.set` (photo answers are left out: those photos belong to
 * the old inspection; the inspector takes them again).
 */
export function correctionDraft(
  old: InspectionData,
  opts: {
    id: string;
    startedAt: string;
    location: GeoFix | null;
    photoItemIds: ReadonlySet<string>;
  },
): {
  args: Record<string, unknown>;
  draft: InspectionData;
  answers: { item_id: string; value: unknown; note: string | null }[];
} {
  const { args, draft } = newInspection({
    id: opts.id,
    projectId: old.project_id,
    kind: old.kind,
    templateId: old.template_id,
    startedAt: opts.startedAt,
    location: opts.location,
  });
  const answers = (old.answers ?? [])
    .filter((a) => !opts.photoItemIds.has(a.item_id) && a.value !== null && a.value !== undefined)
    .map((a) => ({ item_id: a.item_id, value: a.value, note: a.note ?? null }));
  const notes = old.notes ?? null;
  return {
    args: { ...args, replaces_id: old.id, ...(notes ? { notes } : {}) },
    draft: {
      ...draft,
      replaces_id: old.id,
      notes,
      answers: answers.map((a) => ({ ...a, answered_at: opts.startedAt })),
    },
    answers,
  };
}

/** 850 米 under a kilometre, 12.3 公里 from there on (the server's wording for flags). */
export function distanceText(metres: number, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const whole = Math.floor(metres + 0.5);
  if (whole < 1000) return lang === 'en' ? `${whole} m` : `${whole} 米`;
  const km = (metres / 1000).toFixed(1);
  return lang === 'en' ? `${km} km` : `${km} 公里`;
}

/** How many photos a queue item raised warnings on, for the badge. */
export function warningCount(photos: { flags: { severity: string }[] }[]): number {
  return photos.reduce((n, p) => n + p.flags.filter((f) => f.severity === 'warning').length, 0);
}

/** An answer as the reviewer reads it: 是 / 否 / 不适用, a number with its unit, photos counted. */
export function answerText(
  answer: { kind: string; value: unknown; unit?: string | null },
  words: { yes: string; no: string; na: string; photos: (n: number) => string },
): string {
  const v = answer.value;
  if (v === null || v === undefined || v === '') return '—';
  if (answer.kind === 'yes_no_na')
    return v === 'yes' ? words.yes : v === 'no' ? words.no : v === 'na' ? words.na : String(v);
  if (answer.kind === 'photo' && Array.isArray(v)) return words.photos(v.length);
  if (answer.kind === 'gps' && typeof v === 'object' && v && 'lat' in v && 'lon' in v) {
    const p = v as { lat: number; lon: number };
    return `${Number(p.lat).toFixed(5)}, ${Number(p.lon).toFixed(5)}`;
  }
  if (answer.kind === 'number') return answer.unit ? `${v} ${answer.unit}` : String(v);
  if (Array.isArray(v)) return v.join('、');
  return String(v);
}
