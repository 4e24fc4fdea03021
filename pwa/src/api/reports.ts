/** The office's side of deputies' reports (代表随手拍): list, 受理, 不予受理, 答复. */
import { api } from './index';

export type ReportStatus = 'submitted' | 'accepted' | 'declined' | 'replied' | 'rated';
export type ReportRating = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

export interface ReportPhoto {
  id: string;
  status: string;
  taken_at: string | null;
  thumb_url: string;
  display_url: string;
  stage?: string;
  /** evidence flags in the reader's language (the review queue's shape) */
  flags?: { code: string; severity: string; message: string }[];
}

export interface LinkedIssue {
  id: string;
  state: string;
  state_label: string | null;
  deadline: string | null;
  unit: { id: number; name: string } | null;
}

export interface OfficeReport {
  id: string;
  title: string;
  description: string;
  status: ReportStatus;
  status_label: string;
  reply: string | null;
  rating: ReportRating | null;
  rating_label: string | null;
  rating_comment: string | null;
  rated_at: string | null;
  /** filed, by the deputy's phone; received_at when the server got it */
  created_at: string;
  received_at?: string;
  clock_skew?: boolean;
  version: number;
  deputy: { id: number; display_name: string };
  project_id: number | null;
  project: { id: number; code: string; name: string } | null;
  location: { lat: number; lon: number; accuracy_m: number | null; at: string | null } | null;
  issue: LinkedIssue | null;
}

export interface ReportList {
  items: OfficeReport[];
  /** Each listed report's photos, by report id. */
  photos: Record<string, ReportPhoto[]>;
}

export interface AcceptArgs {
  title?: string;
  severity?: 'low' | 'medium' | 'high';
  note?: string;
}

export function listReports(status: ReportStatus | '', signal?: AbortSignal): Promise<ReportList> {
  return api.get<ReportList>('/reports', { signal, query: { status: status || undefined } });
}

export function acceptReport(id: string, args: AcceptArgs = {}): Promise<OfficeReport> {
  return api.post<OfficeReport>(`/reports/${encodeURIComponent(id)}/accept`, args);
}

export function declineReport(id: string, reason: string): Promise<OfficeReport> {
  return api.post<OfficeReport>(`/reports/${encodeURIComponent(id)}/decline`, { reason });
}

export function replyReport(id: string, text: string): Promise<OfficeReport> {
  return api.post<OfficeReport>(`/reports/${encodeURIComponent(id)}/reply`, { text });
}
