/**
 * A problem's photos by stage (issue 12 §2), pure logic shared by every page that judges one:
 * 发现 (found) and 代表 (report) are the "before", 整改 (rectify) and 复核 (verify) the "after".
 * The server stamps each photo's `stage`; a photo without one (taken on this phone and not synced
 * yet, or pulled from an older server) gets the stage the server would give it, by the same rule.
 * Also the rules that enable the deciding buttons: 提交整改 needs a new photo by the unit, 复核通过
 * one by the inspector, 销号 over photos with warning flags a reason.
 */
import type { Lang } from '../i18n';

export type PhotoStage = 'inspection' | 'found' | 'rectify' | 'verify' | 'report';

export const PHOTO_STAGES: readonly PhotoStage[] = [
  'report',
  'found',
  'inspection',
  'rectify',
  'verify',
];
/** The "before" column: what the deputy and the inspector saw. */
export const BEFORE_STAGES: readonly PhotoStage[] = ['report', 'found', 'inspection'];
/** The "after" column: what the unit did and what the inspector found on checking. */
export const AFTER_STAGES: readonly PhotoStage[] = ['rectify', 'verify'];

export interface PhotoFlag {
  code: string;
  severity: 'warning' | 'info' | string;
  message: string;
}

/** One photo as the stage view shows it, whether it came from pull or from the REST API. */
export interface StagePhoto {
  id: string;
  stage: PhotoStage;
  takenAt: string | null;
  receivedAt: string | null;
  clockSkew: boolean;
  flags: PhotoFlag[];
  /** Still on this phone (its attach not acknowledged yet). */
  pending: boolean;
  sha256?: string;
  status?: string;
}

export interface StageGroup {
  stage: PhotoStage;
  photos: StagePhoto[];
}

const isStage = (value: unknown): value is PhotoStage =>
  typeof value === 'string' && (PHOTO_STAGES as readonly string[]).includes(value);

/** An event as far as stages care: its move and the photos it cited. */
export interface CitingEvent {
  from_state?: string | null;
  to_state: string | null;
  data?: Record<string, unknown> | null;
}

/** The ids of the photos a problem's moves cited as evidence (已整改, 复核). */
export function citedPhotoIds(events: readonly CitingEvent[] | null | undefined): Set<string> {
  const ids = new Set<string>();
  for (const e of events ?? []) {
    const cited = e.data?.photo_ids;
    if (Array.isArray(cited)) for (const id of cited) if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/** Who may check a rectification (the office side of sync/machine.py). */
export const VERIFIER_ROLES: ReadonlySet<string> = new Set(['inspector', 'supervisor', 'admin']);

/**
 * The stage the server gives a photo that `role` attaches to a problem now in `state`
 * (server/media: by the uploader's side and the problem's state at attach time).
 */
export function stageForNewPhoto(role: string, state: string): PhotoStage {
  if (role === 'unit') return 'rectify';
  if (role === 'deputy') return 'report';
  if (VERIFIER_ROLES.has(role) && (state === 'rectified' || state === 'verified')) return 'verify';
  return 'found';
}

/**
 * A photo's stage: the server's, else what the record says of it — a report's or an inspection's
 * photo by its owner, a photo a move cited by that move, one still on this phone by `localStage`
 * (what its taker's photos get now), and any other photo of the problem was there before (发现).
 */
export function stageOf(
  photo: { id: string; stage?: unknown; owner_type?: string; pending?: boolean },
  events?: readonly CitingEvent[] | null,
  localStage?: PhotoStage,
): PhotoStage {
  if (isStage(photo.stage)) return photo.stage;
  if (photo.owner_type === 'report') return 'report';
  if (photo.owner_type === 'inspection') return 'inspection';
  const citing = (events ?? []).find(
    (e) => Array.isArray(e.data?.photo_ids) && (e.data!.photo_ids as unknown[]).includes(photo.id),
  );
  if (citing?.to_state === 'rectified') return 'rectify';
  if (citing && (citing.to_state === 'verified' || citing.from_state === 'rectified'))
    return 'verify';
  if (photo.pending && localStage) return localStage;
  return 'found';
}

interface RawFlag {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  message_en?: unknown;
}

/** The flags of a pulled photo's `evidence`, in `lang` (the server writes both languages). */
export function flagsOf(evidence: unknown, lang: Lang): PhotoFlag[] {
  if (!evidence || typeof evidence !== 'object') return [];
  const raw = (evidence as { flags?: unknown }).flags;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((f): f is RawFlag => !!f && typeof f === 'object')
    .map((f) => ({
      code: String(f.code ?? ''),
      severity: String(f.severity ?? 'info'),
      message: String((lang === 'en' && f.message_en) || f.message || f.code || ''),
    }));
}

/** A photo from pull (`photo` record) as the stage view shows it. */
export function fromPulled(
  photo: {
    id: string;
    stage?: unknown;
    owner_type?: string;
    taken_at?: string | null;
    received_at?: string | null;
    clock_skew?: boolean;
    evidence?: unknown;
    sha256?: string;
    status?: string;
    pending?: boolean;
  },
  lang: Lang,
  events?: readonly CitingEvent[] | null,
  localStage?: PhotoStage,
): StagePhoto {
  return {
    id: photo.id,
    stage: stageOf(photo, events, localStage),
    takenAt: photo.taken_at ?? null,
    receivedAt: photo.received_at ?? null,
    clockSkew: !!photo.clock_skew,
    flags: flagsOf(photo.evidence, lang),
    pending: !!photo.pending,
    sha256: photo.sha256,
    status: photo.status,
  };
}

/** A photo from the REST API (issue detail `photos`), its flags already in the reader's language. */
export function fromRest(
  photo: {
    id: string;
    stage?: unknown;
    status?: string;
    taken_at?: string | null;
    received_at?: string | null;
    clock_skew?: boolean;
    flags?: PhotoFlag[] | null;
  },
  events?: readonly CitingEvent[] | null,
): StagePhoto {
  return {
    id: photo.id,
    stage: stageOf(photo, events),
    takenAt: photo.taken_at ?? null,
    receivedAt: photo.received_at ?? null,
    clockSkew: !!photo.clock_skew,
    flags: photo.flags ?? [],
    pending: false,
    status: photo.status,
  };
}

const byTime = (a: StagePhoto, b: StagePhoto) =>
  (a.takenAt ?? a.receivedAt ?? '').localeCompare(b.takenAt ?? b.receivedAt ?? '');

/** The photos in labelled groups, before and after, each in stage order and oldest first. */
export function groupByStage(photos: readonly StagePhoto[]): {
  before: StageGroup[];
  after: StageGroup[];
} {
  const groups = (stages: readonly PhotoStage[]) =>
    stages
      .map((stage) => ({ stage, photos: photos.filter((p) => p.stage === stage).sort(byTime) }))
      .filter((g) => g.photos.length > 0);
  return { before: groups(BEFORE_STAGES), after: groups(AFTER_STAGES) };
}

/** How many photos each stage has (the project log's counts, and the headings). */
export function stageCounts(photos: readonly StagePhoto[]): Record<PhotoStage, number> {
  const counts = { inspection: 0, found: 0, rectify: 0, verify: 0, report: 0 };
  for (const p of photos) counts[p.stage] += 1;
  return counts;
}

/** The warning flags among `photos`, one per distinct message (for the 复核 and 销号 controls). */
export function warningFlags(photos: readonly StagePhoto[]): PhotoFlag[] {
  const seen = new Map<string, PhotoFlag>();
  for (const p of photos)
    for (const f of p.flags)
      if (f.severity === 'warning' && !seen.has(f.message)) seen.set(f.message, f);
  return [...seen.values()];
}

/**
 * The photos that count as evidence for the next move of the one holding `stage`: photos of that
 * stage no earlier move cited. The inspector's found photo is never the unit's evidence.
 */
export function newEvidence(
  photos: readonly StagePhoto[],
  stage: PhotoStage,
  events: readonly CitingEvent[] | null | undefined,
): StagePhoto[] {
  const cited = citedPhotoIds(events);
  return photos.filter((p) => p.stage === stage && !cited.has(p.id));
}

/** 提交整改: at least one new photo by the unit, and what it did in words. */
export function canReportRectification(evidence: readonly unknown[], note: string): boolean {
  return evidence.length > 0 && note.trim().length > 0;
}

/** 复核通过: at least one photo by the one checking. */
export function canPassVerification(evidence: readonly unknown[]): boolean {
  return evidence.length > 0;
}

/** 销号: a problem whose photos carry warning flags is closed only with a reason. */
export function closeProblem(
  issue: { close_needs_reason?: boolean | null },
  reason: string,
): 'photos.close.needReason' | null {
  return issue.close_needs_reason && !reason.trim() ? 'photos.close.needReason' : null;
}

/**
 * The pulled photos of one problem: its own and its events' (owner `issue` / `event`), and the
 * deputy's report photos when it was made from a report.
 */
export function photosOfProblem<P extends { owner_type: string; owner_id: string }>(
  photos: readonly P[],
  issueId: string,
  reportId?: string | null,
): P[] {
  return photos.filter(
    (p) =>
      ((p.owner_type === 'issue' || p.owner_type === 'event') && p.owner_id === issueId) ||
      (!!reportId && p.owner_type === 'report' && p.owner_id === reportId),
  );
}

/**
 * The flags 销号 is judged by: the server's `warning_flags` of the problem's rectification and
 * check photos (codes or {code, message, message_en}); from an older server that sends none, the
 * warnings those photos carry.
 */
export function closeFlags(
  issue: {
    warning_flags?: readonly (string | { code: string; message: string; message_en?: string })[];
  },
  photos: readonly StagePhoto[],
  lang: Lang,
): PhotoFlag[] {
  if (!issue.warning_flags)
    return warningFlags(photos.filter((p) => AFTER_STAGES.includes(p.stage)));
  const seen = new Map<string, PhotoFlag>();
  for (const f of issue.warning_flags) {
    const flag =
      typeof f === 'string'
        ? { code: f, severity: 'warning', message: f }
        : {
            code: f.code,
            severity: 'warning',
            message: (lang === 'en' && f.message_en) || f.message || f.code,
          };
    if (!seen.has(flag.message)) seen.set(flag.message, flag);
  }
  return [...seen.values()];
}
