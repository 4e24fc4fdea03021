/** The office's review API: the queue of submitted inspections, approve, return with a reason. */
import { api } from './index';

export interface ReviewFlag {
  code: string;
  severity: 'warning' | 'info' | string;
  message: string;
}

export interface ReviewPhoto {
  id: string;
  status: string;
  taken_at: string | null;
  thumb_url: string;
  display_url: string;
  distance_to_project_m: number | null;
  flags: ReviewFlag[];
}

export interface ReviewAnswer {
  item_id: string;
  position: number;
  label: string;
  kind: string;
  unit: string | null;
  value: unknown;
  note: string | null;
  /** which answer of the item counts as a problem (its template version's rule) */
  bad_answer?: string | string[] | null;
}

export interface ReviewVersion {
  id: string;
  status: string;
  submitted_at: string | null;
  reviewed_at: string | null;
  review_note: string | null;
}

export interface ReviewItem {
  id: string;
  kind: string;
  kind_label: string;
  status: string;
  status_label: string;
  version: number;
  project: {
    id: number;
    code: string;
    name: string;
    township: { id: number; name: string } | null;
    location: { lat: number; lon: number } | null;
  };
  inspector: { id: number; display_name: string };
  template_name: string | null;
  started_at: string;
  submitted_at: string | null;
  /** when the server got the submission; clock_skew: the phone's time was not trusted */
  received_at?: string;
  clock_skew?: boolean;
  notes: string | null;
  position: {
    lat: number;
    lon: number;
    accuracy_m: number | null;
    at: string | null;
    distance_to_project_m: number | null;
  } | null;
  answers: ReviewAnswer[];
  photos: ReviewPhoto[];
  problems: {
    id: string;
    title: string;
    severity: 'low' | 'medium' | 'high';
    state: string;
    photo_ids: string[];
  }[];
  urgent: boolean;
  urgency: { code: string; label: string }[];
  flag_count: number;
  replaces: ReviewVersion | null;
  corrected_by: ReviewVersion[];
  reviewed_by: { id: number; display_name: string } | null;
  reviewed_at: string | null;
  review_note: string | null;
}

export interface ReviewFilters {
  kind?: string;
  township_id?: number | null;
  flagged?: boolean;
}

export function reviewQueue(
  filters: ReviewFilters,
  signal?: AbortSignal,
): Promise<{ items: ReviewItem[]; total: number }> {
  return api.get('/review/inspections', {
    signal,
    query: {
      kind: filters.kind,
      township_id: filters.township_id,
      flagged: filters.flagged || undefined,
    },
  });
}

export function approveInspection(id: string): Promise<ReviewItem> {
  return api.post<ReviewItem>(`/review/inspections/${id}/approve`, {});
}

export function returnInspection(id: string, reviewNote: string): Promise<ReviewItem> {
  return api.post<ReviewItem>(`/review/inspections/${id}/return`, { review_note: reviewNote });
}
