/**
 * The office's problem ledger, pure logic: deadline colours (mirroring sync/deadlines.py), the
 * office's moves by state (mirroring sync/machine.py; the server checks again), what each move
 * needs before it is sent, the list's filters in the URL, and how events read in the timeline.
 */
import type {
  DeadlineColour,
  IssueDetail,
  IssueEvent,
  IssueFilters,
  IssueState,
  Slip,
  TransitionBody,
} from '../api/issues';
import type { UnitRef } from '../api/types';

/**
 * Every state, in the order of the loop (发现 → 交办 → 整改 → 复核 → 销号), then the side exits.
 */
export const ISSUE_STATES: readonly IssueState[] = [
  'found',
  'assigned',
  'rectifying',
  'rectified',
  'verified',
  'closed',
  'returned',
  'duplicate',
  'rejected',
];
export const COLOURS: readonly DeadlineColour[] = ['green', 'yellow', 'red'];

/** 0–3 days left is yellow (due today too); overdue is red (sync/deadlines.py YELLOW_DAYS). */
export const YELLOW_DAYS = 3;
/** Only a problem a unit still owes has a colour. */
export const COLOURED_STATES: ReadonlySet<IssueState> = new Set([
  'assigned',
  'rectifying',
  'rectified',
]);

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days from `today` to `deadline` (both YYYY-MM-DD): 0 when due today, negative when overdue.
 */
export function daysLeft(deadline: string, today: string): number {
  return Math.round(
    (Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS,
  );
}

/** 绿 / 黄 / 红 for a problem a unit still owes, else null. */
export function deadlineColour(
  state: IssueState,
  deadline: string | null,
  today: string,
): DeadlineColour | null {
  if (!deadline || !COLOURED_STATES.has(state)) return null;
  const left = daysLeft(deadline, today);
  if (left < 0) return 'red';
  if (left <= YELLOW_DAYS) return 'yellow';
  return 'green';
}

/** The colour and days left of a problem: the server's when it sent them, else worked out here. */
export function deadlineStatus(
  issue: {
    state: IssueState;
    deadline: string | null;
    colour?: DeadlineColour | null;
    days_left?: number | null;
  },
  today: string,
): { colour: DeadlineColour | null; days: number | null } {
  const days = issue.days_left ?? (issue.deadline ? daysLeft(issue.deadline, today) : null);
  const colour =
    issue.colour !== undefined ? issue.colour : deadlineColour(issue.state, issue.deadline, today);
  return { colour, days };
}

/** The chip's words: "剩 5 天", "今天到期", "逾期 2 天" as i18n keys with the day count. */
export function daysKey(days: number): {
  key: 'issues.days.left' | 'issues.days.today' | 'issues.days.over';
  n: number;
} {
  if (days > 0) return { key: 'issues.days.left', n: days };
  if (days === 0) return { key: 'issues.days.today', n: 0 };
  return { key: 'issues.days.over', n: -days };
}

// ---------- the office's moves ----------

export type ActionKind =
  'assign' | 'reassign' | 'transfer' | 'reject' | 'duplicate' | 'verify' | 'sendBack' | 'close';

export interface OfficeAction {
  kind: ActionKind;
  to: IssueState;
  needs: { unitAndDeadline?: boolean; reason?: boolean; duplicateOf?: boolean };
}

/** The office's rules of sync/machine.py, keyed "from→to". */
const OFFICE_RULES: Record<string, OfficeAction> = {
  'found→assigned': { kind: 'assign', to: 'assigned', needs: { unitAndDeadline: true } },
  'found→duplicate': { kind: 'duplicate', to: 'duplicate', needs: { duplicateOf: true } },
  'found→rejected': { kind: 'reject', to: 'rejected', needs: { reason: true } },
  'returned→assigned': { kind: 'reassign', to: 'assigned', needs: { unitAndDeadline: true } },
  // 改派: a problem a unit holds goes to another unit, with a reason (a new slip voids the old)
  'assigned→assigned': {
    kind: 'transfer',
    to: 'assigned',
    needs: { unitAndDeadline: true, reason: true },
  },
  'rectifying→assigned': {
    kind: 'transfer',
    to: 'assigned',
    needs: { unitAndDeadline: true, reason: true },
  },
  'rectified→verified': { kind: 'verify', to: 'verified', needs: {} },
  'rectified→rectifying': { kind: 'sendBack', to: 'rectifying', needs: { reason: true } },
  'verified→closed': { kind: 'close', to: 'closed', needs: {} },
};

/**
 * The office's moves from `state`; when the server listed the targets open to the user
 * (`allowed`), only those (it knows the area and the role).
 */
export function officeActions(
  state: IssueState,
  allowed?: readonly IssueState[] | null,
): OfficeAction[] {
  return Object.entries(OFFICE_RULES)
    .filter(
      ([key, action]) => key.startsWith(`${state}→`) && (!allowed || allowed.includes(action.to)),
    )
    .map(([, action]) => action);
}

export interface ActionForm {
  unitId: string;
  deadline: string;
  requirements: string;
  reason: string;
  duplicateOf: string;
}

export const EMPTY_FORM: ActionForm = {
  unitId: '',
  deadline: '',
  requirements: '',
  reason: '',
  duplicateOf: '',
};

const UUID = /^[0-9a-fA-F-]{8,36}$/;

/** What is missing before `action` can be sent (an i18n key), or null when it is complete. */
export function actionProblem(
  action: OfficeAction,
  form: ActionForm,
  today: string,
  selfId?: string,
): string | null {
  if (action.needs.unitAndDeadline) {
    if (!form.unitId) return 'issues.need.unit';
    if (!form.deadline) return 'issues.need.deadline';
    if (form.deadline < today) return 'issues.need.futureDeadline';
  }
  if (action.needs.reason && !form.reason.trim()) return 'issues.need.reason';
  if (action.needs.duplicateOf) {
    const other = form.duplicateOf.trim();
    if (!other) return 'issues.need.duplicateOf';
    if (!UUID.test(other)) return 'issues.need.duplicateId';
    if (selfId && other.toLowerCase() === selfId.toLowerCase()) return 'issues.need.notSelf';
  }
  return null;
}

/**
 * The request body of `action` on a problem now in `from`, with only what the move uses; 复核
 * cites `photoIds` (the checker's photos).
 */
export function transitionBody(
  action: OfficeAction,
  from: IssueState,
  form: ActionForm,
  photoIds?: readonly string[],
): TransitionBody {
  const body: TransitionBody = { to: action.to, expected_from: from };
  if (action.needs.unitAndDeadline) {
    body.unit_id = Number(form.unitId);
    body.deadline = form.deadline;
    if (form.requirements.trim()) body.requirements = form.requirements.trim();
  }
  if (action.needs.duplicateOf) body.duplicate_of = form.duplicateOf.trim();
  // a reason where the move needs one; 复核 may carry an optional note, 销号 its reason when
  // the photos raised doubts
  if (
    form.reason.trim() &&
    (action.needs.reason || action.kind === 'verify' || action.kind === 'close')
  )
    body.reason = form.reason.trim();
  if (action.kind === 'verify' && photoIds?.length) body.photo_ids = [...photoIds];
  return body;
}

/** The unit whose name matches the finder's suggestion (exactly, else contained either way). */
export function suggestedUnit(
  units: readonly UnitRef[],
  suggestion: string | null | undefined,
): UnitRef | undefined {
  const s = suggestion?.trim();
  if (!s) return undefined;
  return (
    units.find((u) => u.name === s) ?? units.find((u) => u.name.includes(s) || s.includes(u.name))
  );
}

/** The finder's suggested deadline when it is still ahead (a past one is no deadline to set). */
export function suggestedDeadline(suggestion: string | null | undefined, today: string): string {
  return suggestion && suggestion >= today ? suggestion : '';
}

/** The slip in force: the newest one (a re-assignment issues another). */
export function latestSlip(issue: Pick<IssueDetail, 'slips'>): Slip | undefined {
  return issue.slips[issue.slips.length - 1];
}

// ---------- the list's filters in the URL ----------

export interface ListFilters {
  state: IssueState | '';
  township: string;
  unit: string;
  colour: DeadlineColour | '';
  extension: boolean;
  q: string;
}

export const NO_FILTERS: ListFilters = {
  state: '',
  township: '',
  unit: '',
  colour: '',
  extension: false,
  q: '',
};

const isState = (v: string | null): v is IssueState =>
  !!v && (ISSUE_STATES as readonly string[]).includes(v);
const isColour = (v: string | null): v is DeadlineColour =>
  !!v && (COLOURS as readonly string[]).includes(v);
const isId = (v: string | null): v is string => !!v && /^\d{1,9}$/.test(v);

/** Filters from the page's query string; anything unknown is dropped. */
export function readFilters(search: string): ListFilters {
  const p = new URLSearchParams(search);
  return {
    state: isState(p.get('state')) ? (p.get('state') as IssueState) : '',
    township: isId(p.get('township')) ? p.get('township')! : '',
    unit: isId(p.get('unit')) ? p.get('unit')! : '',
    colour: isColour(p.get('colour')) ? (p.get('colour') as DeadlineColour) : '',
    extension: p.get('extension') === '1',
    q: (p.get('q') ?? '').slice(0, 100),
  };
}

/** The query string of `filters` ("" when none), for the page URL. */
export function writeFilters(filters: ListFilters): string {
  const p = new URLSearchParams();
  if (filters.state) p.set('state', filters.state);
  if (filters.township) p.set('township', filters.township);
  if (filters.unit) p.set('unit', filters.unit);
  if (filters.colour) p.set('colour', filters.colour);
  if (filters.extension) p.set('extension', '1');
  if (filters.q.trim()) p.set('q', filters.q.trim());
  const qs = p.toString();
  return qs ? `?${qs}` : '';
}

/** The API's filters for `filters`. */
export function apiFilters(filters: ListFilters): IssueFilters {
  return {
    state: filters.state,
    township_id: filters.township ? Number(filters.township) : null,
    unit_id: filters.unit ? Number(filters.unit) : null,
    colour: filters.colour,
    extension_pending: filters.extension,
    q: filters.q,
  };
}

// ---------- the timeline ----------

/**
 * What an event's data adds to its line: the slip number, unit, deadlines, the problem merged into.
 */
export interface EventFacts {
  slip?: string;
  deadline?: string;
  proposed?: string;
  previous?: string;
  duplicateOf?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function eventFacts(event: Pick<IssueEvent, 'kind' | 'data' | 'to_state'>): EventFacts {
  const d = event.data ?? {};
  const facts: EventFacts = {};
  if (str(d.slip_number)) facts.slip = str(d.slip_number);
  if (event.kind === 'transition' && event.to_state === 'assigned' && str(d.deadline))
    facts.deadline = str(d.deadline);
  if (event.kind === 'extension_approved' && str(d.deadline)) facts.deadline = str(d.deadline);
  if (event.kind.startsWith('extension_')) {
    if (str(d.proposed_deadline)) facts.proposed = str(d.proposed_deadline);
    if (str(d.previous_deadline)) facts.previous = str(d.previous_deadline);
  }
  if (str(d.duplicate_of)) facts.duplicateOf = str(d.duplicate_of);
  return facts;
}

/** The waiting extension request: the date asked for and the unit's reason (the newest request). */
export function pendingExtension(
  issue: Pick<IssueDetail, 'pending_extension_until' | 'events'>,
): { until: string; reason: string | null; by: string } | null {
  if (!issue.pending_extension_until) return null;
  const asked = [...issue.events].reverse().find((e) => e.kind === 'extension_requested');
  return {
    until: issue.pending_extension_until,
    reason: asked?.reason ?? null,
    by: asked?.actor.display_name ?? '',
  };
}
