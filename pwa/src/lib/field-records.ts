/**
 * The records the phone gets from pull (sync/serialize.py), as TypeScript shapes, and pure
 * helpers over them: the schedule status computed on the phone, which kind of inspection a
 * project calls for, the checklist category a project's name points to.
 */
import type { StatusCode } from '../api/types';
import type { GeoFix } from '../sync/db';
import { rules } from './rules';

export interface NamedRef {
  id: number;
  name: string;
}
export interface PersonRef {
  id: number;
  display_name: string;
}

export interface ProjectData {
  id: number;
  code: string;
  name: string;
  level: string;
  series: NamedRef | null;
  county: NamedRef;
  township: NamedRef | null;
  village: NamedRef | null;
  unit: NamedRef | null;
  lead_official?: string | null;
  contact_name?: string | null;
  contact_phone?: string | null;
  progress_pct: number | null;
  planned_investment_yuan: number | null;
  allocated_investment_yuan: number | null;
  spent_investment_yuan: number | null;
  start_date: string | null;
  planned_completion_date: string | null;
  actual_completion_date: string | null;
  postponed_reason: string | null;
  lag_reason: string | null;
  location: GeoFix | null;
}

export type ItemKind =
  'yes_no_na' | 'number' | 'text' | 'choice' | 'multiple_choice' | 'photo' | 'gps' | 'date';

export interface ChecklistItem {
  id: string;
  position: number;
  kind: ItemKind | string;
  label: string;
  required: boolean;
  options: string[] | null;
  unit: string | null;
  hint: string | null;
  /** which answer counts as a problem: "yes"/"no" (yes_no_na), option labels (choices) */
  bad_answer?: string | string[] | null;
  /** a bad answer opens a problem draft on the phone */
  opens_problem?: boolean;
  minimum?: number | null;
  maximum?: number | null;
  integer?: boolean;
  /** photo: how many photos at least (checked on 提交) */
  min_count?: number | null;
}

export interface TemplateData {
  id: string;
  /** stable across versions (the id of version 1) */
  family_id?: string;
  /** null: a shipped default every county may use */
  county_id?: number | null;
  /** assigned series / inspection kinds; empty or null = any */
  series_ids?: number[] | null;
  kinds?: string[] | null;
  category: string;
  name: string;
  version: number;
  active: boolean;
  published_at?: string | null;
  items: ChecklistItem[];
}

export interface AnswerData {
  item_id: string;
  value: unknown;
  note?: string | null;
  answered_at?: string;
}

export const INSPECTION_KINDS = ['revisit', 'random', 'focused', 'joint', 'routine'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export interface InspectionData {
  id: string;
  project_id: number;
  kind: InspectionKind;
  template_id: string | null;
  status: 'draft' | 'submitted' | string;
  inspector?: PersonRef;
  started_at: string;
  submitted_at?: string | null;
  notes?: string | null;
  location?: GeoFix | null;
  answers: AnswerData[];
  /** the inspection this one corrects (a new version after the office returned it) */
  replaces_id?: string | null;
  /** the office's review: status 'approved' or 'returned' with its reason */
  review_note?: string | null;
  reviewed_at?: string | null;
}

export interface PhotoData {
  id: string;
  sha256: string;
  size: number;
  content_type: string;
  owner_type: 'inspection' | 'issue' | 'report' | 'event';
  owner_id: string;
  status: string;
  taken_at?: string | null;
  location?: GeoFix | null;
  evidence?: unknown;
  /** 发现 / 整改 / 复核 / 代表 (lib/stage-photos.ts), stamped by the server */
  stage?: string;
  received_at?: string | null;
  clock_skew?: boolean;
}

export type Severity = 'low' | 'medium' | 'high';

export interface IssueEventData {
  id?: number;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  actor?: PersonRef;
  at: string;
  /** when the server got it; clock_skew: the phone's time was not trusted */
  received_at?: string | null;
  clock_skew?: boolean;
  reason?: string | null;
  data?: Record<string, unknown> | null;
}

export interface IssueData {
  id: string;
  project_id: number | null;
  inspection_id: string | null;
  report_id?: string | null;
  title: string;
  description: string;
  severity: Severity;
  state: string;
  unit: NamedRef | null;
  deadline: string | null;
  /** The finder's proposal; the office decides `unit` and `deadline` when it assigns. */
  suggested_unit?: string | null;
  suggested_deadline?: string | null;
  /** 延期: the deadline the unit asked for, while the office has not decided. */
  pending_extension_until?: string | null;
  location?: GeoFix | null;
  created_by?: PersonRef;
  created_at?: string;
  events?: IssueEventData[];
  /** the deputy's report it was made from */
  source_report?: { id: string; deputy: { id: number; name: string } | null } | null;
  /** what the unit was asked: the slip in force */
  slip?: {
    code: string;
    requirements: string | null;
    deadline: string;
    issued_at: string;
  } | null;
}

export interface ReportData {
  id: string;
  project_id: number | null;
  title: string;
  description: string;
  location: GeoFix | null;
  status: string;
  reply: string | null;
  rating: string | null;
  rating_comment?: string | null;
  created_at: string;
}

/** An inspection task from the office's plan (server/planning; pull type `task`). */
export interface TaskData {
  id: string;
  plan: { id: number; name: string; kind: InspectionKind | string };
  kind: InspectionKind | string;
  project_id: number;
  project: { id: number; code: string; name: string };
  assignee_id: number | null;
  due_date: string | null;
  status: 'todo' | 'done' | string;
  schedule_status: string;
  completed_at: string | null;
  inspection_id: string | null;
}

// --- schedule status on the phone ------------------------------------------------------------

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/** Elapsed share of the planned period, 0–100 with one decimal; null without both dates. */
export function plannedProgress(
  start: string | null,
  end: string | null,
  asOf: string,
): number | null {
  if (!start || !end) return null;
  const s = dayNumber(start);
  const e = dayNumber(end);
  const today = dayNumber(asOf);
  if (today >= e) return 100;
  if (today <= s) return 0;
  return Math.round(((today - s) * 1000) / (e - s)) / 10;
}

/**
 * The schedule status as server/projects/schedule.py computes it, from what pull sends (the
 * latest progress and the actual completion date; the progress history is not on the phone, so
 * a project whose only proof of completion is a 100% report counts as 已完成 without a date).
 */
export function scheduleStatus(
  p: Pick<
    ProjectData,
    | 'start_date'
    | 'planned_completion_date'
    | 'actual_completion_date'
    | 'progress_pct'
    | 'postponed_reason'
  >,
  asOf: string,
  band = rules().schedule_band,
): StatusCode {
  const planned = plannedProgress(p.start_date, p.planned_completion_date, asOf);
  const done = p.actual_completion_date;
  if (done && dayNumber(done) <= dayNumber(asOf)) {
    const early =
      !!p.planned_completion_date && dayNumber(done) < dayNumber(p.planned_completion_date);
    return early ? 'completed_early' : 'completed';
  }
  if (!done && (p.progress_pct ?? 0) >= 100) return 'completed';
  if (p.postponed_reason) return 'postponed';
  if (p.planned_completion_date && dayNumber(asOf) > dayNumber(p.planned_completion_date))
    return 'behind';
  if (planned === null) return 'on_schedule';
  const diff = (p.progress_pct ?? 0) - planned;
  if (diff > band) return 'ahead';
  if (diff < -band) return 'behind';
  return 'on_schedule';
}

/**
 * The inspection a project calls for, as the reports describe the practice: completed projects
 * are revisited (回头看), lagging ones get a focused check (重点督), the rest a random check
 * (随机查); postponed projects get none by default.
 */
export function suggestedKind(status: StatusCode): InspectionKind | null {
  switch (status) {
    case 'completed':
    case 'completed_early':
      return 'revisit';
    case 'behind':
      return 'focused';
    case 'ahead':
    case 'on_schedule':
      return 'random';
    default:
      return null;
  }
}

/** Display order of the task groups on the field home: the most urgent first. */
export const TASK_GROUP_ORDER: readonly (InspectionKind | 'other')[] = [
  'focused',
  'revisit',
  'random',
  'other',
];

/** Which checklist category a project's name points to (keywords from the default checklists). */
const CATEGORY_KEYWORDS: readonly [string, RegExp][] = [
  ['disaster_shelter', /避灾|避险|应急避难/],
  ['elder_canteen', /长者食堂|老年食堂|助餐|幸福食堂/],
  ['rural_toilet', /公厕|厕所/],
  ['sewage', /污水/],
  ['tap_water', /自来水|供水|饮用水|饮水/],
  ['cultural_space', /文化空间|文化礼堂|书房|文化站|图书/],
  ['road', /道路|公路|硬化|路面|桥/],
];

export function categoryFor(projectName: string): string {
  for (const [category, re] of CATEGORY_KEYWORDS) if (re.test(projectName)) return category;
  return 'general';
}
