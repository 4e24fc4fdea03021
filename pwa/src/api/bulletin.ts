/** The bulletin (督查通报) of a period: its figures as JSON, and the PDF and XLSX of the same. */
import { buildUrl } from './client';
import { api } from './index';

/** A percentage with two decimals as text ("84.50"), null when there was nothing to divide. */
export type Rate = string | null;
export type StatusCode =
  'completed_early' | 'completed' | 'ahead' | 'on_schedule' | 'behind' | 'postponed';
export type StatusCounts = Record<StatusCode, number>;

interface LevelRow {
  level: string;
  level_label: string;
}

export interface Completion {
  total: number;
  completed: number;
  rate: Rate;
}

export interface Funds {
  planned_yuan: number;
  released_yuan: number;
  spent_yuan: number;
  released_share: Rate;
}

export interface ListedProject extends LevelRow {
  id: number;
  code: string;
  name: string;
  unit_name: string | null;
  township_name: string | null;
  progress_pct: string;
  reason: string | null;
}

export interface ProblemCounts {
  found: number;
  rectified: number;
  closed: number;
  open: number;
  overdue: number;
}

export interface Bulletin {
  title: string;
  number: number | null;
  region: { id: number | null; name: string };
  from: string;
  to: string;
  issued_on: string;
  projects: { levels: (LevelRow & Completion)[]; total: Completion };
  statuses: { levels: (LevelRow & StatusCounts)[]; total: StatusCounts };
  funds: { levels: (LevelRow & Funds)[]; total: Funds };
  lagging: ListedProject[];
  postponed: ListedProject[];
  problems: {
    total: ProblemCounts;
    units: (ProblemCounts & { unit_id: number | null; unit_name: string | null })[];
  };
  inspections: { kinds: Record<string, number>; total: number };
  deputy_reports: {
    received: number;
    accepted: number;
    declined: number;
    replied: number;
    ratings: { grades: Record<string, number>; total: number; satisfaction_rate: Rate };
  };
}

export interface BulletinQuery {
  from: string;
  to: string;
  /** A county's id; '' or absent for the user's whole region. */
  county?: string;
}

const PATH = '/bulletins/figures';

export function getBulletin(query: BulletinQuery, signal?: AbortSignal): Promise<Bulletin> {
  return api.get<Bulletin>(PATH, { query: { ...query }, signal });
}

/** The same period's bulletin as a file to download. */
export function bulletinFileUrl(query: BulletinQuery, format: 'pdf' | 'xlsx'): string {
  return buildUrl(PATH, { ...query, format });
}

// ---- published bulletins (/bulletins): drafts with the office's paragraphs, numbered once
// published

/** The office's three paragraphs: 情况, 存在的问题, 下步工作要求. */
export interface BulletinParagraphs {
  situation: string | null;
  problems: string | null;
  requirements: string | null;
}
export const PARAGRAPH_FIELDS: (keyof BulletinParagraphs)[] = [
  'situation',
  'problems',
  'requirements',
];

/** One bulletin of the list: ``code`` (督通〔2023〕3号) and ``published_at`` once published. */
export interface BulletinRecord extends BulletinParagraphs {
  id: number;
  status: 'draft' | 'published';
  code: string | null;
  year: number | null;
  number: number | null;
  title: string | null;
  region: { id: number; name: string };
  from: string;
  to: string;
  created_at: string;
  published_at: string | null;
}

/** With the figures: frozen once published, as of now for a draft. */
export interface BulletinRecordDetail extends BulletinRecord {
  figures: Bulletin;
}

const RECORDS = '/bulletins';
const recordPath = (id: number | string) => `${RECORDS}/${encodeURIComponent(String(id))}`;

export function listBulletinRecords(signal?: AbortSignal): Promise<BulletinRecord[]> {
  return api.get<BulletinRecord[]>(RECORDS, { signal });
}

export function getBulletinRecord(
  id: number | string,
  signal?: AbortSignal,
): Promise<BulletinRecordDetail> {
  return api.get<BulletinRecordDetail>(recordPath(id), { signal });
}

/** A draft for the period and county of `query` (no county: the user's whole region). */
export function createBulletinDraft(query: BulletinQuery): Promise<BulletinRecord> {
  const county = query.county ? Number(query.county) : null;
  return api.post<BulletinRecord>(RECORDS, { from: query.from, to: query.to, county });
}

export function saveBulletinDraft(
  id: number,
  paragraphs: BulletinParagraphs,
): Promise<BulletinRecord> {
  return api.put<BulletinRecord>(recordPath(id), paragraphs);
}

/** Number the draft (督通〔年〕N号) and freeze its figures. */
export function publishBulletin(id: number): Promise<BulletinRecordDetail> {
  return api.post<BulletinRecordDetail>(`${recordPath(id)}/publish`);
}

/** The bulletin (frozen once published) as a file to download. */
export function bulletinRecordFileUrl(id: number, format: 'pdf' | 'xlsx'): string {
  return buildUrl(recordPath(id), { format });
}
