/** The bulletin (督查通报) of a period: its figures as JSON, and the PDF and XLSX of the same. */
import { buildUrl } from './client';
import { api } from './index';

/** A percentage with two decimals as text ("84.50"), null when there was nothing to divide. */
export type Rate = string | null;
export type StatusCode = 'completed_early' | 'completed' | 'ahead' | 'on_schedule' | 'behind' | 'postponed';
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
  problems: { total: ProblemCounts; units: (ProblemCounts & { unit_id: number | null; unit_name: string | null })[] };
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

const PATH = '/reports/bulletin';

export function getBulletin(query: BulletinQuery, signal?: AbortSignal): Promise<Bulletin> {
  return api.get<Bulletin>(PATH, { query: { ...query }, signal });
}

/** The same period's bulletin as a file to download. */
export function bulletinFileUrl(query: BulletinQuery, format: 'pdf' | 'xlsx'): string {
  return buildUrl(PATH, { ...query, format });
}
