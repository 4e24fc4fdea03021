/** Lists a clerk prints: 责任清单, 整改清单 (XLSX) and a project's 督查日志 (JSON and XLSX). */
import { buildUrl } from './client';
import { api } from './index';

export interface LogEntry {
  at: string;
  kind: 'inspection' | 'problem' | 'progress';
  kind_label: string;
  ref_id: string;
  title: string;
  detail: string | null;
  who: string | null;
  /** when the server got it (phone records); shown when an hour or more after ``at`` */
  received_at?: string | null;
  /** photos of the row by stage (issue 12 §2) */
  photo_counts?: Partial<Record<'found' | 'rectify' | 'verify' | 'report' | 'inspection', number>>;
  /** warning flags of the row's photos */
  warning_flags?: { code: string; severity?: string; message: string }[];
  /** an inspection's checklist version and answers (against that version; issue 14) */
  checklist?: {
    template: { id: string; name: string; version: number } | null;
    answers: {
      item_id: string;
      position: number;
      label: string;
      kind: string;
      unit: string | null;
      value: unknown;
      note: string | null;
      bad: boolean;
    }[];
  } | null;
  /** the row's photos, thumbnails by stage */
  photos?:
    { id: string; stage: string; status: string; thumb_url: string; display_url: string }[] | null;
}

export interface ProjectLog {
  project: { id: number; code: string; name: string };
  totals: {
    entries: number;
    inspections: number;
    problems: number;
    problem_events: number;
    progress_reports: number;
  };
  entries: LogEntry[];
}

export function getProjectLog(id: number | string, signal?: AbortSignal): Promise<ProjectLog> {
  return api.get<ProjectLog>(`/projects/${id}/log`, { signal });
}

export const projectLogXlsxUrl = (id: number | string) =>
  buildUrl(`/projects/${id}/log`, { format: 'xlsx' });
export const responsibilityXlsxUrl = () => buildUrl('/lists/responsibility');
export const rectificationXlsxUrl = (unitId?: number | null) =>
  buildUrl('/lists/rectification', { unit_id: unitId ?? undefined });
