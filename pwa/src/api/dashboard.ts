/** The office's dashboard figures and map of projects (GET /dashboard, GET /map/projects). */
import { api } from './index';
import type { StatusCode } from './types';

export interface Completion {
  total: number;
  completed: number;
  /** Percent with two decimals as text ("84.50"), null when there is nothing to divide. */
  rate: string | null;
}

export interface LevelCompletion extends Completion {
  level: string;
  level_label: string | null;
}

/** A series or a township; `id` and `name` null for projects outside any. */
export interface GroupCompletion extends Completion {
  id: number | null;
  name: string | null;
}

export interface Funds {
  planned_yuan: number;
  released_yuan: number;
  spent_yuan: number;
  released_share: string | null;
}

export interface LevelFunds extends Funds {
  level: string;
  level_label: string | null;
}

export interface MonthProblems {
  month: string;
  found: number;
  closed: number;
}

export interface UnitCount {
  unit_id: number | null;
  unit_name: string | null;
  count: number;
}

export type RatingGrade = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

export interface Dashboard {
  region: { id: number | null; name: string };
  year: number | null;
  years: number[];
  from: string;
  to: string;
  completion: {
    levels: LevelCompletion[];
    total: Completion;
    series: GroupCompletion[];
    townships: GroupCompletion[];
  };
  statuses: Record<StatusCode, number>;
  funds: { levels: LevelFunds[]; total: Funds };
  problems_by_month: MonthProblems[];
  overdue_by_unit: UnitCount[];
  inspections: Record<string, number>;
  ratings: { grades: Record<RatingGrade, number>; total: number; satisfaction_rate: string | null };
}

export interface TileLayer {
  url: string;
  subdomains: string;
  attribution: string;
}

export interface MapProject {
  id: number;
  code: string;
  name: string;
  level: string;
  level_label: string | null;
  status: StatusCode;
  status_label: string | null;
  lon: number;
  lat: number;
  open_problems: number;
}

export interface ProjectMap {
  region: { id: number | null; name: string };
  as_of: string;
  /** The batch year (年度) shown, and every one with projects, newest first. */
  year?: number;
  years?: number[];
  tiles: { provider: 'none' | 'tianditu' | 'xyz'; layers: TileLayer[]; max_zoom: number };
  projects: MapProject[];
}

export function getDashboard(year: number | null, signal?: AbortSignal): Promise<Dashboard> {
  return api.get<Dashboard>('/dashboard', { signal, query: { year: year ?? undefined } });
}

export function getProjectMap(
  asOf: string | null,
  signal?: AbortSignal,
  year?: number,
): Promise<ProjectMap> {
  return api.get<ProjectMap>('/map/projects', {
    signal,
    query: { as_of: asOf || undefined, year },
  });
}
