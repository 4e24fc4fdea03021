/**
 * The planning screen's pure logic: the new-plan form and the body it sends, who may take which
 * task, the tally of a plan, a redraw compared with the record, and a problem's 回头看.
 */
import type {
  Candidate,
  PlanBody,
  PlanKind,
  PlanSummary,
  PlanTask,
  Redraw,
  Stratum,
} from '../api/plans';
import type { StatusCode } from '../api/types';
import { t } from '../i18n';
import { isIsoDate } from './format';

export const PLAN_KINDS: readonly PlanKind[] = ['random', 'revisit', 'focused', 'joint'];

/** Days a problem's 回头看 is given by default. */
export const REVISIT_DAYS = 7;

export interface PlanForm {
  kind: PlanKind;
  name: string;
  dueDate: string;
  asOf: string;
  /** 随机查: draw a number of projects or a share of them. */
  sampleBy: 'size' | 'share';
  sampleSize: string;
  sampleShare: string;
  stratify: boolean;
  seed: string;
  /** Empty: the kind's own statuses (联合督导 needs some). */
  statuses: StatusCode[];
}

export const EMPTY_PLAN_FORM: PlanForm = {
  kind: 'random',
  name: '',
  dueDate: '',
  asOf: '',
  sampleBy: 'size',
  sampleSize: '',
  sampleShare: '',
  stratify: false,
  seed: '',
  statuses: [],
};

/** The message key of the first thing wrong with the form, or null when it can be sent. */
export function planFormProblem(form: PlanForm): string | null {
  if (!form.name.trim()) return 'plans.need.name';
  if (form.dueDate && !isIsoDate(form.dueDate)) return 'plans.need.date';
  if (form.asOf && !isIsoDate(form.asOf)) return 'plans.need.date';
  if (form.kind === 'joint' && form.statuses.length === 0) return 'plans.need.statuses';
  if (form.kind !== 'random') return null;
  if (form.sampleBy === 'size') {
    if (!/^\d+$/.test(form.sampleSize.trim()) || Number(form.sampleSize) < 1)
      return 'plans.need.size';
  } else {
    const share = Number(form.sampleShare);
    if (!/^\d+(\.\d)?$/.test(form.sampleShare.trim()) || !(share > 0 && share <= 100))
      return 'plans.need.share';
  }
  if (form.seed.trim() && !/^\d{1,15}$/.test(form.seed.trim())) return 'plans.need.seed';
  return null;
}

/** The body for /plans/preview and /plans; `seed` (the preview's) fixes a random check's sample. */
export function planBody(form: PlanForm, seed?: number | null): PlanBody {
  const body: PlanBody = { name: form.name.trim(), kind: form.kind };
  if (form.asOf) body.as_of = form.asOf;
  if (form.dueDate) body.due_date = form.dueDate;
  if (form.statuses.length) body.statuses = [...form.statuses];
  if (form.kind !== 'random') return body;
  if (form.sampleBy === 'size') body.sample_size = Number(form.sampleSize);
  else body.sample_share = form.sampleShare.trim();
  body.stratify = form.stratify ? 'township' : 'none';
  if (seed != null) body.seed = seed;
  else if (form.seed.trim()) body.seed = Number(form.seed);
  return body;
}

/**
 * Whether a candidate may take a task: an inspector covers its township; a deputy (a
 * region) is checked by the server.
 */
export function covers(candidate: Candidate, task: Pick<PlanTask, 'project'>): boolean {
  if (candidate.role === 'deputy') return true;
  const township = task.project.township?.id;
  return township != null && candidate.townships.some((t) => t.id === township);
}

/** The candidates who may take a task. */
export function candidatesFor(
  candidates: Candidate[],
  task: Pick<PlanTask, 'project'>,
): Candidate[] {
  return candidates.filter((c) => covers(c, task));
}

/** The open tasks nobody has yet. */
export function unassigned(tasks: PlanTask[]): PlanTask[] {
  return tasks.filter((t) => !t.assignee && t.status === 'todo');
}

/** Of the unassigned tasks, those the candidate may take. */
export function unassignedFor(candidate: Candidate, tasks: PlanTask[]): PlanTask[] {
  return unassigned(tasks).filter((t) => covers(candidate, t));
}

/** A plan's tally: done of all, and how many still have nobody. */
export function planTally(
  plan: Pick<PlanSummary, 'task_count' | 'assigned_count' | 'done_count'>,
): { done: number; total: number; unassigned: number } {
  return {
    done: plan.done_count,
    total: plan.task_count,
    unassigned: plan.task_count - plan.assigned_count,
  };
}

/** Tasks with the ones given back by the server put in place. */
export function mergeTasks(tasks: PlanTask[], changed: PlanTask[]): PlanTask[] {
  const byId = new Map(changed.map((t) => [t.id, t]));
  return tasks.map((t) => byId.get(t.id) ?? t);
}

export interface DrawComparison {
  /** The redraw gives the recorded sample and the tasks are its projects. */
  same: boolean;
  /** Projects on record that the redraw does not give. */
  onlyRecorded: number[];
  /** Projects the redraw gives that are not on record. */
  onlyRedrawn: number[];
  /** The recorded sample matches but the tasks do not. */
  tasksDiffer: boolean;
}

export function compareDraw(
  redraw: Pick<Redraw, 'matches' | 'tasks_match' | 'sample' | 'recorded'>,
): DrawComparison {
  const drawn = new Set(redraw.sample);
  const recorded = new Set(redraw.recorded);
  const onlyRecorded = redraw.recorded.filter((id) => !drawn.has(id));
  const onlyRedrawn = redraw.sample.filter((id) => !recorded.has(id));
  const sameSample = redraw.matches && onlyRecorded.length === 0 && onlyRedrawn.length === 0;
  return {
    same: sameSample && redraw.tasks_match,
    onlyRecorded,
    onlyRedrawn,
    tasksDiffer: sameSample && !redraw.tasks_match,
  };
}

/** An ISO date `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The 回头看 plan for one rectified problem: its project only, due in a week. */
export function revisitBody(
  issue: { title: string; project: { id: number } | null },
  today: string,
): PlanBody | null {
  if (!issue.project) return null;
  const name = `回头看：${issue.title}`.slice(0, 200);
  return {
    name,
    kind: 'revisit',
    project_ids: [issue.project.id],
    due_date: addDays(today, REVISIT_DAYS),
  };
}

/** Each stratum with its township's name where a listed project tells it (null: no township). */
export function strataLines(
  strata: Stratum[],
  projects: { township: { id: number; name: string } | null }[],
): { name: string | null; population: number; sample: number }[] {
  const names = new Map<number, string>();
  for (const p of projects) if (p.township) names.set(p.township.id, p.township.name);
  return strata.map((s) => ({
    name: s.township_id == null ? null : (names.get(s.township_id) ?? `#${s.township_id}`),
    population: s.population,
    sample: s.sample,
  }));
}

/** The draw's algorithm as people call it (the recorded code only when the app does not know it). */
export function algorithmName(code: string | null | undefined): string {
  if (!code) return '';
  const key = `plans.algorithm.${code}`;
  const name = t(key);
  return name === key ? code : name;
}
