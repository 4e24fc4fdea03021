/**
 * Turning what the user typed or tapped into sync mutations (pure): one checklist answer into
 * `answer.set`, a problem form into `issue.create`, a deputy's report into `report.create`, and
 * the checks the server would make anyway (so the user hears about them before leaving the site).
 */
import type { GeoFix } from '../sync/db';
import { isLatLon } from './geo';
import type {
  AnswerData,
  ChecklistItem,
  InspectionData,
  InspectionKind,
  Severity,
} from './field-records';

export type ParseError =
  'number' | 'choice' | 'yesno' | 'gps' | 'photos' | 'tooLong' | 'integer' | 'range' | 'date';

export type Parsed = { ok: true; value: unknown } | { ok: false; error: ParseError };

type ParseItem = Pick<ChecklistItem, 'kind' | 'options'> &
  Partial<Pick<ChecklistItem, 'minimum' | 'maximum' | 'integer'>>;

/** Why a number does not fit the item's bounds (整数, min/max), or null when it fits. */
export function numberProblem(
  item: Partial<Pick<ChecklistItem, 'minimum' | 'maximum' | 'integer'>>,
  n: number,
): 'integer' | 'range' | null {
  if (item.integer && !Number.isInteger(n)) return 'integer';
  if (item.minimum !== null && item.minimum !== undefined && n < item.minimum) return 'range';
  if (item.maximum !== null && item.maximum !== undefined && n > item.maximum) return 'range';
  return null;
}

/** A real calendar day as YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * The value to send for an item from the control's raw value (a string from an input, a photo
 * id list, a fix). Empty input clears the answer (`null`), as the server allows.
 */
export function parseAnswer(item: ParseItem, raw: unknown): Parsed {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: null };
  switch (item.kind) {
    case 'yes_no_na':
      return raw === 'yes' || raw === 'no' || raw === 'na'
        ? { ok: true, value: raw }
        : { ok: false, error: 'yesno' };
    case 'number': {
      const text = String(raw).trim().replace(/,/g, '').replace(/，/g, '');
      if (text === '') return { ok: true, value: null };
      const n = Number(text);
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) || !Number.isFinite(n))
        return { ok: false, error: 'number' };
      const problem = numberProblem(item, n);
      return problem ? { ok: false, error: problem } : { ok: true, value: n };
    }
    case 'text': {
      const text = String(raw);
      if (text.trim() === '') return { ok: true, value: null };
      return text.length > 5000 ? { ok: false, error: 'tooLong' } : { ok: true, value: text };
    }
    case 'choice':
      return (item.options ?? []).includes(String(raw))
        ? { ok: true, value: String(raw) }
        : { ok: false, error: 'choice' };
    case 'multiple_choice': {
      if (!Array.isArray(raw)) return { ok: false, error: 'choice' };
      const options = item.options ?? [];
      const picked = raw.map(String);
      if (!picked.every((x) => options.includes(x)) || new Set(picked).size !== picked.length)
        return { ok: false, error: 'choice' };
      // in the options' order, so the same choice always reads the same
      return { ok: true, value: picked.length ? options.filter((o) => picked.includes(o)) : null };
    }
    case 'date': {
      const text = String(raw).trim();
      if (text === '') return { ok: true, value: null };
      return isIsoDate(text) ? { ok: true, value: text } : { ok: false, error: 'date' };
    }
    case 'photo':
      if (!Array.isArray(raw) || !raw.every((x) => typeof x === 'string'))
        return { ok: false, error: 'photos' };
      return { ok: true, value: raw.length ? [...raw] : null };
    case 'gps':
      return isLatLon(raw) ? { ok: true, value: raw } : { ok: false, error: 'gps' };
    default:
      return { ok: true, value: raw };
  }
}

/** True when the value counts as an answer for a required item (as inspection.submit checks). */
export function isAnswered(value: unknown): boolean {
  return !(
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** `answer.set` arguments. */
export function answerArgs(
  inspectionId: string,
  itemId: string,
  value: unknown,
  note?: string | null,
): Record<string, unknown> {
  const args: Record<string, unknown> = { inspection_id: inspectionId, item_id: itemId, value };
  if (note) args.note = note;
  return args;
}

/** The inspection with one answer replaced (or added), for the local draft. */
export function withAnswer(
  inspection: InspectionData,
  itemId: string,
  value: unknown,
  at: string,
  note?: string | null,
): InspectionData {
  const answers = inspection.answers.filter((a) => a.item_id !== itemId);
  const answer: AnswerData = { item_id: itemId, value, note: note ?? null, answered_at: at };
  answers.push(answer);
  return { ...inspection, answers };
}

export function answerOf(
  inspection: Pick<InspectionData, 'answers'>,
  itemId: string,
): AnswerData | undefined {
  return inspection.answers.find((a) => a.item_id === itemId);
}

/** Labels of required items still unanswered, in checklist order. */
export function missingRequired(
  items: readonly ChecklistItem[],
  inspection: Pick<InspectionData, 'answers'>,
): string[] {
  return [...items]
    .sort((a, b) => a.position - b.position)
    .filter((item) => item.required && !isAnswered(answerOf(inspection, item.id)?.value))
    .map((item) => item.label);
}

export type SubmitProblem =
  | { code: 'minCount'; label: string; count: number; min: number }
  | {
      code: 'range' | 'integer';
      label: string;
      value: number;
      min: number | null;
      max: number | null;
    };

/**
 * What still stops 提交 beyond the required items: a photo item with fewer than its 最少张数
 * (the server checks it on submit, `photo_min_count`), a number outside its bounds.
 */
export function submitProblems(
  items: readonly ChecklistItem[],
  inspection: Pick<InspectionData, 'answers'>,
): SubmitProblem[] {
  const out: SubmitProblem[] = [];
  for (const item of [...items].sort((a, b) => a.position - b.position)) {
    const value = answerOf(inspection, item.id)?.value;
    if (item.kind === 'photo' && item.min_count) {
      const count = Array.isArray(value) ? value.length : 0;
      // an optional photo item left empty is fine; one started must reach the count
      if ((item.required || count > 0) && count < item.min_count)
        out.push({ code: 'minCount', label: item.label, count, min: item.min_count });
    }
    if (item.kind === 'number' && typeof value === 'number') {
      const problem = numberProblem(item, value);
      if (problem)
        out.push({
          code: problem,
          label: item.label,
          value,
          min: item.minimum ?? null,
          max: item.maximum ?? null,
        });
    }
  }
  return out;
}

/** `inspection.create` arguments and the draft shown until the server confirms it. */
export function newInspection(opts: {
  id: string;
  projectId: number;
  kind: InspectionKind;
  templateId: string | null;
  startedAt: string;
  location: GeoFix | null;
}): { args: Record<string, unknown>; draft: InspectionData } {
  const args = {
    id: opts.id,
    project_id: opts.projectId,
    kind: opts.kind,
    started_at: opts.startedAt,
    template_id: opts.templateId,
    location: opts.location,
  };
  const draft: InspectionData = {
    id: opts.id,
    project_id: opts.projectId,
    kind: opts.kind,
    template_id: opts.templateId,
    status: 'draft',
    started_at: opts.startedAt,
    submitted_at: null,
    location: opts.location,
    answers: [],
  };
  return { args, draft };
}

// --- problems found ------------------------------------------------------------------------------

export interface ProblemForm {
  description: string;
  severity: Severity | '';
  /** A unit the inspector suggests (the office assigns). */
  suggestedUnit: string;
  /** YYYY-MM-DD, suggested. */
  suggestedDeadline: string;
}

export type ProblemErrors = Partial<Record<keyof ProblemForm, 'required' | 'tooLong' | 'date'>>;

export function validateProblem(form: ProblemForm, today: string): ProblemErrors {
  const errors: ProblemErrors = {};
  const text = form.description.trim();
  if (!text) errors.description = 'required';
  else if (text.length > 4000) errors.description = 'tooLong';
  if (!form.severity) errors.severity = 'required';
  if (
    form.suggestedDeadline &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(form.suggestedDeadline) || form.suggestedDeadline < today)
  ) {
    errors.suggestedDeadline = 'date';
  }
  return errors;
}

/** A title from the first line / clause of the description (≤ 30 characters). */
export function titleFrom(description: string, max = 30): string {
  const first =
    description
      .trim()
      .split(/[\n。；;！!？?]/)[0]!
      .trim() || description.trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/** `issue.create` arguments; the suggested unit and deadline are the finder's proposal (the
 * office decides both when it assigns the problem). */
export function issueArgs(
  id: string,
  form: ProblemForm,
  ctx: { projectId: number | null; inspectionId: string | null; location: GeoFix | null },
): Record<string, unknown> {
  return {
    id,
    title: titleFrom(form.description),
    description: form.description.trim(),
    severity: form.severity || 'medium',
    project_id: ctx.projectId,
    inspection_id: ctx.inspectionId,
    location: ctx.location,
    suggested_unit: form.suggestedUnit.trim() || null,
    suggested_deadline: form.suggestedDeadline || null,
  };
}

// --- a deputy's report ---------------------------------------------------------------------------

export interface ReportForm {
  description: string;
  title: string;
  projectId: string;
}

export function reportArgs(
  id: string,
  form: ReportForm,
  location: GeoFix | null,
): Record<string, unknown> {
  const description = form.description.trim();
  return {
    id,
    title: form.title.trim() || titleFrom(description),
    description,
    project_id: form.projectId ? Number(form.projectId) : null,
    location,
  };
}

// --- a unit's answer to a problem ---------------------------------------------------------------

/**
 * The transitions a unit queues to report a rectification: `assigned → rectifying` first when
 * the problem is still only assigned, then `rectifying → rectified` with the note and photos.
 */
export function rectificationTransitions(
  issueId: string,
  state: string,
  note: string,
  photoIds: string[],
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (state === 'assigned')
    out.push({ issue_id: issueId, to: 'rectifying', expected_from: 'assigned' });
  if (state === 'assigned' || state === 'rectifying') {
    out.push({
      issue_id: issueId,
      to: 'rectified',
      expected_from: 'rectifying',
      reason: note.trim() || null,
      photo_ids: photoIds,
    });
  }
  return out;
}

/**
 * The issue.transition args of an on-site verification (复核): passed, or back to
 * 整改中 with a reason.
 */
export function verificationArgs(
  issueId: string,
  passed: boolean,
  reason: string,
  photoIds: string[],
): Record<string, unknown> {
  const base = { issue_id: issueId, expected_from: 'rectified', photo_ids: photoIds };
  const note = reason.trim() || null;
  return passed
    ? { ...base, to: 'verified', reason: note }
    : { ...base, to: 'rectifying', reason: note };
}

/** Why a 延期 request cannot be sent yet (the server says the same), or null when it can. */
export function extensionProblem(
  current: string | null,
  asked: string,
  reason: string,
): 'noDate' | 'notLater' | 'noReason' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asked)) return 'noDate';
  if (current && asked <= current) return 'notLater';
  if (!reason.trim()) return 'noReason';
  return null;
}
