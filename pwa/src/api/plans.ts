/**
 * The planning API (任务清单) for the office: plans of 回头看 / 随机查 / 重点督 / 联合督导,
 * a preview before saving, one plan with its tasks, redrawing a random check, candidates and
 * assignments.
 */
import { api } from './index';
import type { StatusCode } from './types';

export type PlanKind = 'revisit' | 'random' | 'focused' | 'joint';
export type TaskStatus = 'todo' | 'done';

export interface NamedRef {
  id: number;
  name: string;
}

export interface PlanPerson {
  id: number;
  display_name: string;
  role?: string;
}

interface PlanFields {
  name: string;
  kind: PlanKind;
  kind_label: string;
  region: NamedRef | null;
  as_of: string;
  statuses: StatusCode[];
  due_date: string | null;
  seed: number | null;
  sample_size: number | null;
  /** Percent with one decimal, as a string ("30.0"). */
  sample_share: string | null;
  stratify: 'none' | 'township';
  population_size: number;
}

export interface PlanSummary extends PlanFields {
  id: number;
  algorithm: string | null;
  created_by: PlanPerson;
  created_at: string;
  task_count: number;
  assigned_count: number;
  done_count: number;
}

export interface PlanTask {
  id: number;
  plan_id: number;
  project: { id: number; code: string; name: string; township: NamedRef | null };
  schedule_status: StatusCode;
  schedule_status_label: string;
  assignee: PlanPerson | null;
  due_date: string | null;
  status: TaskStatus;
  status_label: string;
  completed_at: string | null;
}

export interface PlanDetail extends PlanSummary {
  population: number[];
  population_townships: (number | null)[] | null;
  sample: number[];
  tasks: PlanTask[];
}

export interface Stratum {
  township_id: number | null;
  population: number;
  sample: number;
}

export interface PreviewProject {
  id: number;
  code: string;
  name: string;
  township: NamedRef | null;
  schedule_status: StatusCode;
  schedule_status_label: string;
}

export interface PlanPreview extends PlanFields {
  projects: PreviewProject[];
  strata: Stratum[];
}

export interface Redraw {
  matches: boolean;
  tasks_match: boolean;
  seed: number;
  algorithm: string;
  population_size: number;
  sample: number[];
  recorded: number[];
  strata: Stratum[];
}

export interface Candidate extends PlanPerson {
  role: 'inspector' | 'deputy';
  townships: NamedRef[];
  region: NamedRef | null;
}

/** What the office sends to preview or create a plan. */
export interface PlanBody {
  name: string;
  kind: PlanKind;
  as_of?: string;
  due_date?: string;
  statuses?: StatusCode[];
  project_ids?: number[];
  seed?: number;
  sample_size?: number;
  sample_share?: string;
  stratify?: 'none' | 'township';
}

export function listPlans(signal?: AbortSignal): Promise<{ items: PlanSummary[] }> {
  return api.get<{ items: PlanSummary[] }>('/plans', { signal });
}

export function previewPlan(body: PlanBody): Promise<PlanPreview> {
  return api.post<PlanPreview>('/plans/preview', body);
}

export function createPlan(body: PlanBody): Promise<PlanDetail> {
  return api.post<PlanDetail>('/plans', body);
}

export function getPlan(id: number | string, signal?: AbortSignal): Promise<PlanDetail> {
  return api.get<PlanDetail>(`/plans/${encodeURIComponent(String(id))}`, { signal });
}

export function redrawPlan(id: number): Promise<Redraw> {
  return api.get<Redraw>(`/plans/${id}/redraw`);
}

export function planCandidates(id: number, signal?: AbortSignal): Promise<{ items: Candidate[] }> {
  return api.get<{ items: Candidate[] }>(`/plans/${id}/candidates`, { signal });
}

export function assignTasks(
  id: number,
  body: { task_ids: number[]; assignee_id: number; due_date?: string },
): Promise<{ items: PlanTask[] }> {
  return api.post<{ items: PlanTask[] }>(`/plans/${id}/assignments`, body);
}
