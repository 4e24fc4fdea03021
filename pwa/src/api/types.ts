/** Shapes of the JSON the server sends (see the API contract in the PWA README). */

import type { Rules } from '../lib/rules';

export type Role = 'admin' | 'supervisor' | 'inspector' | 'unit' | 'deputy';
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'inspector', 'unit', 'deputy'];

export type StatusCode =
  'completed_early' | 'completed' | 'ahead' | 'on_schedule' | 'behind' | 'postponed';

export interface Ref {
  id: number;
  name: string;
}
export interface UnitRef extends Ref {
  code: string;
}

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  role_label: string;
  unit: UnitRef | null;
  region: Ref | null;
  townships: Ref[];
  active: boolean;
  locale: string | null;
  /** A one-time password (new account, reset): the app asks for a new one first. */
  must_change_password?: boolean;
}

export interface Session {
  user: User;
  csrf_token: string;
  /** The thresholds the phone applies too (lib/rules.ts). */
  rules?: Partial<Rules>;
}

export interface Facets {
  counties: Ref[];
  townships: (Ref & { county_id: number })[];
  units: UnitRef[];
  series: Ref[];
  levels: { code: string; label: string }[];
  statuses: { code: StatusCode; label: string }[];
  /** The batch years (年度) with projects, newest first, and the one to show first. */
  batch_years?: number[];
  batch_year?: number;
}

export interface ProjectSummary {
  id: number;
  code: string;
  name: string;
  level: string;
  level_label: string;
  series: Ref | null;
  county: Ref;
  township: Ref | null;
  village: Ref | null;
  unit: UnitRef | null;
  progress_pct: number | null;
  planned_progress_pct: number | null;
  schedule_status: StatusCode | null;
  schedule_status_label: string | null;
  start_date: string | null;
  planned_completion_date: string | null;
  actual_completion_date: string | null;
  planned_investment: number | null;
  allocated_investment: number | null;
  spent_investment: number | null;
}

export interface ProgressReport {
  id: number;
  report_date: string;
  progress_pct: number | null;
  allocated_investment: number | null;
  spent_investment: number | null;
  note: string | null;
  author: { id: number; display_name: string } | null;
  source: 'manual' | 'import';
  created_at: string;
}

export interface ProjectDetail extends ProjectSummary {
  lead_official: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  postponed_reason: string | null;
  lag_reason: string | null;
  location: { lat: number; lon: number } | null;
  progress_reports: ProgressReport[];
}

export type StatusCounts = Partial<Record<StatusCode, number>>;

export interface ProjectPage {
  items: ProjectSummary[];
  total: number;
  page: number;
  per_page: number;
  as_of: string;
  counts: StatusCounts;
}

export interface NewProgressReport {
  report_date: string;
  progress_pct: number;
  allocated_investment?: number | null;
  spent_investment?: number | null;
  note?: string;
}

export interface ImportRowError {
  row: number | null;
  column: string | null;
  code?: string;
  message: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged?: number;
  errors: ImportRowError[];
  dry_run: boolean;
}

export interface NewUser {
  username: string;
  display_name: string;
  /** None: the server answers a one-time password (`one_time_password`). */
  password?: string;
  role: Role;
  unit_id?: number;
  township_ids?: number[];
  region_id?: number;
}

export interface UserPatch {
  active?: boolean;
  display_name?: string;
  password?: string;
  unit_id?: number | null;
  township_ids?: number[];
  role?: Role;
  region_id?: number | null;
}

/** The error body every failing API call returns. */
export interface ErrorBody {
  code: string;
  message: string;
  errors?: Record<string, string[]>;
  retry_after?: number;
  [extra: string]: unknown;
}
