/**
 * The problem ledger API (问题台账) for the office: the list with counts, one problem with its
 * events and slips, its moves through the state machine, and extension decisions.
 */
import { api } from './index';

export type IssueState =
  | 'found'
  | 'assigned'
  | 'rectifying'
  | 'rectified'
  | 'verified'
  | 'closed'
  | 'returned'
  | 'duplicate'
  | 'rejected';
export type DeadlineColour = 'green' | 'yellow' | 'red';

export interface IssueRef {
  id: number;
  name: string;
}

export interface IssuePerson {
  id: number;
  display_name: string;
}

/** The deputy's report a problem was made from (来自人大代表 X 的反映). */
export interface SourceReport {
  id: string;
  deputy: { id: number; name: string } | null;
}

/** A photo of the problem as its page shows it: its stage, times and evidence flags. */
export interface IssuePhoto {
  id: string;
  status?: string;
  stage?: string;
  taken_at?: string | null;
  received_at?: string | null;
  clock_skew?: boolean;
  thumb_url?: string;
  display_url?: string;
  flags?: { code: string; severity: string; message: string }[];
}

/** A warning flag of a rectification or check photo, which makes 销号 need a reason. */
export type WarningFlag =
  | string
  | { photo_id?: string; stage?: string; code: string; message: string; message_en?: string };

export interface IssueItem {
  id: string;
  title: string;
  severity: 'low' | 'medium' | 'high';
  state: IssueState;
  state_label: string;
  unit: IssueRef | null;
  deadline: string | null;
  days_left: number | null;
  colour: DeadlineColour | null;
  colour_label: string | null;
  pending_extension_until: string | null;
  project: { id: number; code: string; name: string } | null;
  slip: { id: number; code: string } | null;
  created_at: string;
  version: number;
  source_report?: SourceReport | null;
  /** Found in an inspection the office returned (退回), not yet resubmitted: 所属检查已退回. */
  inspection_returned?: boolean;
}

export interface IssueCounts {
  states: Partial<Record<IssueState, number>>;
  colours: Partial<Record<DeadlineColour, number>>;
}

export interface IssueList {
  items: IssueItem[];
  total: number;
  counts: IssueCounts;
}

export interface IssueEvent {
  id: number;
  kind:
    | 'created'
    | 'transition'
    | 'comment'
    | 'conflict'
    | 'extension_requested'
    | 'extension_approved'
    | 'extension_refused'
    | 'evidence_waiting'
    | 'evidence_refused';
  from_state: IssueState | null;
  to_state: IssueState | null;
  actor: IssuePerson;
  /** when it was done (the phone's time unless not trusted), and when the server got it */
  at: string;
  received_at?: string;
  clock_skew?: boolean;
  /** a rectification received after its deadline */
  late?: boolean;
  reason: string | null;
  data: Record<string, unknown> | null;
}

export interface Slip {
  id: number;
  code: string;
  issue_id: string;
  issue_title: string;
  project: { id: number; code: string; name: string } | null;
  region: IssueRef;
  year: number;
  number: number;
  unit: IssueRef;
  deadline: string;
  requirements: string | null;
  issued_by: IssuePerson;
  issued_at: string;
  /** 改派: a later slip replaced this one. */
  voided_at?: string | null;
}

export interface IssueDetail extends IssueItem {
  description: string;
  suggested_unit: string | null;
  suggested_deadline: string | null;
  duplicate_of_id: string | null;
  inspection_id: string | null;
  report_id: string | null;
  lat: number | null;
  lon: number | null;
  created_by: IssuePerson;
  /** The latest events only; `events_more` when older ones can be read with listEvents. */
  events: IssueEvent[];
  events_more?: boolean;
  slips: Slip[];
  photo_ids: string[];
  /** the photos with stage, times and flags (photo_ids alone from an older server) */
  photos?: IssuePhoto[];
  /** 销号 needs a reason: a rectification or check photo carries a warning flag */
  close_needs_reason?: boolean;
  warning_flags?: WarningFlag[];
  allowed_targets: IssueState[];
  can_decide_extension: boolean;
  can_request_extension: boolean;
}

export interface IssueFilters {
  state?: IssueState | '';
  township_id?: number | null;
  unit_id?: number | null;
  project_id?: number | null;
  colour?: DeadlineColour | '';
  extension_pending?: boolean;
  q?: string;
}

/** A move through the state machine; the server checks it again (409 when the problem moved on). */
export interface TransitionBody {
  to: IssueState;
  expected_from: IssueState;
  unit_id?: number;
  deadline?: string;
  requirements?: string;
  reason?: string;
  duplicate_of?: string;
  /** the photos a move cites as evidence (复核: the checker's) */
  photo_ids?: string[];
}

export function listIssues(filters: IssueFilters, signal?: AbortSignal): Promise<IssueList> {
  return api.get<IssueList>('/issues', {
    signal,
    query: {
      state: filters.state || undefined,
      township_id: filters.township_id ?? undefined,
      unit_id: filters.unit_id ?? undefined,
      project_id: filters.project_id ?? undefined,
      colour: filters.colour || undefined,
      extension_pending: filters.extension_pending || undefined,
      q: filters.q?.trim() || undefined,
      limit: 200,
    },
  });
}

export function getIssue(id: string, signal?: AbortSignal): Promise<IssueDetail> {
  return api.get<IssueDetail>(`/issues/${encodeURIComponent(id)}`, { signal });
}

/** Older history of a problem: events before event `before`, oldest first. */
export function listEvents(
  id: string,
  before: number,
  limit = 50,
): Promise<{ items: IssueEvent[]; has_more: boolean }> {
  return api.get<{ items: IssueEvent[]; has_more: boolean }>(
    `/issues/${encodeURIComponent(id)}/events`,
    { query: { before, limit } },
  );
}

export function transitionIssue(id: string, body: TransitionBody): Promise<IssueDetail> {
  return api.post<IssueDetail>(`/issues/${encodeURIComponent(id)}/transitions`, body);
}

export function decideExtension(
  id: string,
  body: { approve: boolean; deadline?: string; reason?: string },
): Promise<IssueDetail> {
  return api.post<IssueDetail>(`/issues/${encodeURIComponent(id)}/extensions/decision`, body);
}

export const photoUrl = (id: string, variant: 'thumb' | 'display' = 'thumb'): string =>
  `/api/v1/photos/${encodeURIComponent(id)}/${variant}`;
