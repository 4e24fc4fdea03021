/**
 * The planning screen's pure logic: the form's body and checks, who may take a task,
 * a redraw compared, a problem's 回头看.
 */
import { describe, expect, it } from 'vitest';
import type { Candidate, PlanTask } from '../src/api/plans';
import {
  addDays,
  candidatesFor,
  compareDraw,
  EMPTY_PLAN_FORM,
  mergeTasks,
  planBody,
  planFormProblem,
  planTally,
  revisitBody,
  strataLines,
  unassigned,
  unassignedFor,
  type PlanForm,
} from '../src/lib/plans';

const form = (over: Partial<PlanForm> = {}): PlanForm => ({
  ...EMPTY_PLAN_FORM,
  name: '7月随机查',
  sampleSize: '5',
  ...over,
});

function task(
  id: number,
  township: { id: number; name: string } | null,
  over: Partial<PlanTask> = {},
): PlanTask {
  return {
    id,
    plan_id: 1,
    project: { id: 100 + id, code: `TS-${id}`, name: `项目${id}`, township },
    schedule_status: 'on_schedule',
    schedule_status_label: '按序时',
    assignee: null,
    due_date: null,
    status: 'todo',
    status_label: '待办',
    completed_at: null,
    ...over,
  };
}

const LUOYANG = { id: 4, name: '洛阳镇' };
const DONGYUAN = { id: 15, name: '东园镇' };
const ZHANGBAN = { id: 24, name: '张坂镇' };
const chen: Candidate = {
  id: 7,
  display_name: '陈志强',
  role: 'inspector',
  townships: [LUOYANG, DONGYUAN],
  region: null,
};
const guo: Candidate = {
  id: 8,
  display_name: '郭雅芳',
  role: 'inspector',
  townships: [ZHANGBAN],
  region: null,
};
const deputy: Candidate = {
  id: 9,
  display_name: '骆清泉',
  role: 'deputy',
  townships: [],
  region: { id: 3, name: '泉州台商投资区' },
};

describe('the new-plan form', () => {
  it('sends a random check by size with township strata and the given seed', () => {
    expect(
      planBody(
        form({ stratify: true, seed: '20230731', asOf: '2023-07-31', dueDate: '2023-08-15' }),
      ),
    ).toEqual({
      name: '7月随机查',
      kind: 'random',
      as_of: '2023-07-31',
      due_date: '2023-08-15',
      sample_size: 5,
      stratify: 'township',
      seed: 20230731,
    });
  });

  it('sends the share as text and no size when drawing by share', () => {
    const body = planBody(form({ sampleBy: 'share', sampleShare: '12.5', sampleSize: '5' }));
    expect(body.sample_share).toBe('12.5');
    expect(body).not.toHaveProperty('sample_size');
    expect(body.stratify).toBe('none');
  });

  it("creates with the preview's seed, over a seed typed before", () => {
    expect(planBody(form({ seed: '1' }), 424242).seed).toBe(424242);
  });

  it('sends no sampling settings for other kinds', () => {
    const body = planBody(form({ kind: 'focused', stratify: true, seed: '3' }));
    expect(body).toEqual({ name: '7月随机查', kind: 'focused' });
  });

  it('says what is missing, in order', () => {
    expect(planFormProblem(form({ name: '  ' }))).toBe('plans.need.name');
    expect(planFormProblem(form({ sampleSize: '0' }))).toBe('plans.need.size');
    expect(planFormProblem(form({ sampleSize: '2.5' }))).toBe('plans.need.size');
    expect(planFormProblem(form({ sampleBy: 'share', sampleShare: '0' }))).toBe('plans.need.share');
    expect(planFormProblem(form({ sampleBy: 'share', sampleShare: '100.1' }))).toBe(
      'plans.need.share',
    );
    expect(planFormProblem(form({ sampleBy: 'share', sampleShare: '12.55' }))).toBe(
      'plans.need.share',
    );
    expect(planFormProblem(form({ seed: '-4' }))).toBe('plans.need.seed');
    expect(planFormProblem(form({ dueDate: '2023-02-30' }))).toBe('plans.need.date');
    expect(planFormProblem(form({ kind: 'joint', sampleSize: '' }))).toBe('plans.need.statuses');
    expect(planFormProblem(form({ kind: 'joint', statuses: ['behind'] }))).toBeNull();
    expect(planFormProblem(form({ sampleBy: 'share', sampleShare: '100' }))).toBeNull();
  });
});

describe('who may take a task', () => {
  const tasks = [
    task(1, LUOYANG),
    task(2, ZHANGBAN),
    task(3, null),
    task(4, DONGYUAN, { assignee: { id: 7, display_name: '陈志强' } }),
    task(5, LUOYANG, { status: 'done' }),
  ];

  it('an inspector covers the tasks of their townships; a deputy is left to the server', () => {
    expect(candidatesFor([chen, guo, deputy], tasks[0]!).map((c) => c.id)).toEqual([7, 9]);
    expect(candidatesFor([chen, guo], tasks[2]!)).toEqual([]);
  });

  it('the unassigned open tasks, and those one person covers', () => {
    expect(unassigned(tasks).map((t) => t.id)).toEqual([1, 2, 3]);
    expect(unassignedFor(chen, tasks).map((t) => t.id)).toEqual([1]);
    expect(unassignedFor(deputy, tasks).map((t) => t.id)).toEqual([1, 2, 3]);
  });

  it('puts the tasks the server gave back in place', () => {
    const changed = { ...tasks[0]!, assignee: { id: 7, display_name: '陈志强' } };
    const merged = mergeTasks(tasks, [changed]);
    expect(merged[0]!.assignee?.id).toBe(7);
    expect(merged.slice(1)).toEqual(tasks.slice(1));
  });

  it('tallies done of all and the unassigned', () => {
    expect(planTally({ task_count: 5, assigned_count: 2, done_count: 1 })).toEqual({
      done: 1,
      total: 5,
      unassigned: 3,
    });
  });
});

describe('a redraw against the record', () => {
  it('is the same when the sample and the tasks match', () => {
    expect(
      compareDraw({ matches: true, tasks_match: true, sample: [1, 2, 3], recorded: [1, 2, 3] }),
    ).toEqual({ same: true, onlyRecorded: [], onlyRedrawn: [], tasksDiffer: false });
  });

  it('lists what differs when the record was changed', () => {
    const result = compareDraw({
      matches: false,
      tasks_match: true,
      sample: [1, 2, 3],
      recorded: [2, 3, 9],
    });
    expect(result).toEqual({
      same: false,
      onlyRecorded: [9],
      onlyRedrawn: [1],
      tasksDiffer: false,
    });
  });

  it('says so when the sample matches but the tasks do not', () => {
    const result = compareDraw({
      matches: true,
      tasks_match: false,
      sample: [1, 2],
      recorded: [1, 2],
    });
    expect(result.same).toBe(false);
    expect(result.tasksDiffer).toBe(true);
  });

  it('names each stratum by a listed project of its township', () => {
    const lines = strataLines(
      [
        { township_id: 4, population: 11, sample: 1 },
        { township_id: 99, population: 3, sample: 0 },
        { township_id: null, population: 2, sample: 1 },
      ],
      [{ township: LUOYANG }, { township: null }],
    );
    expect(lines).toEqual([
      { name: '洛阳镇', population: 11, sample: 1 },
      { name: '#99', population: 3, sample: 0 },
      { name: null, population: 2, sample: 1 },
    ]);
  });
});

describe("a problem's 回头看", () => {
  it('takes only its project, due in seven days', () => {
    expect(revisitBody({ title: '管网无水', project: { id: 11 } }, '2026-02-25')).toEqual({
      name: '回头看：管网无水',
      kind: 'revisit',
      project_ids: [11],
      due_date: '2026-03-04',
    });
  });

  it('cannot be made for a problem without a project', () => {
    expect(revisitBody({ title: '管网无水', project: null }, '2026-02-25')).toBeNull();
  });

  it('adds days across months and years', () => {
    expect(addDays('2023-12-28', 7)).toBe('2024-01-04');
    expect(addDays('2024-02-27', 2)).toBe('2024-02-29');
  });
});
