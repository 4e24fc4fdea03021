import { describe, expect, it } from 'vitest';
import {
  categoryFor,
  plannedProgress,
  scheduleStatus,
  suggestedKind,
  type ProjectData,
} from '../../src/lib/field-records';
import {
  filterTasks,
  groupTasks,
  openTasksOf,
  sortNearest,
  toTasks,
  townshipsOf,
} from '../../src/lib/field-tasks';
import type { TaskData } from '../../src/lib/field-records';
import { fieldHome, landingFor } from '../../src/lib/roles';

function project(id: number, over: Partial<ProjectData> = {}): ProjectData {
  return {
    id,
    code: `P-${String(id).padStart(3, '0')}`,
    name: `项目${id}`,
    level: 'county',
    series: null,
    county: { id: 1, name: '青田县' },
    township: { id: 10, name: '鹤城街道' },
    village: null,
    unit: { id: 3, name: '县交通运输局' },
    progress_pct: 50,
    planned_investment_yuan: null,
    allocated_investment_yuan: null,
    spent_investment_yuan: null,
    start_date: '2023-01-01',
    planned_completion_date: '2023-12-31',
    actual_completion_date: null,
    postponed_reason: null,
    lag_reason: null,
    location: null,
    ...over,
  };
}

describe('schedule status on the phone (as server/projects/schedule.py)', () => {
  it('computes the planned share', () => {
    expect(plannedProgress('2023-01-01', '2023-12-31', '2022-12-01')).toBe(0);
    expect(plannedProgress('2023-01-01', '2023-12-31', '2024-01-01')).toBe(100);
    expect(plannedProgress('2023-01-01', '2023-01-11', '2023-01-06')).toBe(50);
    expect(plannedProgress(null, '2023-12-31', '2023-06-01')).toBeNull();
  });

  it('classifies like the server', () => {
    const mid = '2023-07-02'; // ≈ 50% planned
    expect(scheduleStatus(project(1, { progress_pct: 50 }), mid)).toBe('on_schedule');
    expect(scheduleStatus(project(1, { progress_pct: 61 }), mid)).toBe('ahead');
    expect(scheduleStatus(project(1, { progress_pct: 30 }), mid)).toBe('behind');
    expect(scheduleStatus(project(1, { progress_pct: 90 }), '2024-01-05')).toBe('behind');
    expect(scheduleStatus(project(1, { postponed_reason: '专项债未到位' }), mid)).toBe('postponed');
    expect(
      scheduleStatus(project(1, { actual_completion_date: '2023-06-30', progress_pct: 100 }), mid),
    ).toBe('completed_early');
    expect(
      scheduleStatus(
        project(1, { actual_completion_date: '2023-12-31', progress_pct: 100 }),
        '2024-01-02',
      ),
    ).toBe('completed');
    expect(scheduleStatus(project(1, { progress_pct: 100 }), mid)).toBe('completed');
    expect(scheduleStatus(project(1, { start_date: null }), mid)).toBe('on_schedule');
  });

  it('suggests the kind of check: 滞后 重点督, 完成 回头看, others 随机查', () => {
    expect(suggestedKind('behind')).toBe('focused');
    expect(suggestedKind('completed_early')).toBe('revisit');
    expect(suggestedKind('completed')).toBe('revisit');
    expect(suggestedKind('on_schedule')).toBe('random');
    expect(suggestedKind('ahead')).toBe('random');
    expect(suggestedKind('postponed')).toBeNull();
  });
});

describe('checklist category', () => {
  it('picks the category from the project name', () => {
    expect(categoryFor('东园镇长者食堂建设')).toBe('elder_canteen');
    expect(categoryFor('仁庄镇孙山村村委办公楼至后山公路硬化')).toBe('road');
    expect(categoryFor('农村生活污水提升治理')).toBe('sewage');
    expect(categoryFor('华侨医院')).toBe('general');
  });
});

describe('tasks', () => {
  const today = '2023-07-02';
  const projects = [
    project(3, {
      name: '瓯南街道南湾村休闲场所',
      progress_pct: 20,
      location: { lat: 28.1, lon: 120.3 },
      village: { id: 5, name: '南湾村' },
    }),
    project(1, {
      name: '长者食堂',
      actual_completion_date: '2023-05-01',
      progress_pct: 100,
      location: { lat: 28.2, lon: 120.3 },
    }),
    project(2, { name: '公厕', township: { id: 11, name: '温溪镇' }, progress_pct: 55 }),
    project(4, { name: '医院', postponed_reason: '资金' }),
  ];
  const tasks = toTasks(projects, today);

  it('groups by the suggested kind, most urgent first, by code within', () => {
    expect(groupTasks(tasks).map((g) => [g.kind, g.tasks.map((t) => t.project.id)])).toEqual([
      ['focused', [3]],
      ['revisit', [1]],
      ['random', [2]],
      ['other', [4]],
    ]);
  });

  it('searches name, code and village, and filters township and status', () => {
    expect(
      filterTasks(tasks, { q: '南湾', township: '', status: '' }).map((t) => t.project.id),
    ).toEqual([3]);
    expect(
      filterTasks(tasks, { q: 'p-002', township: '', status: '' }).map((t) => t.project.id),
    ).toEqual([2]);
    expect(
      filterTasks(tasks, { q: '', township: '11', status: '' }).map((t) => t.project.id),
    ).toEqual([2]);
    expect(
      filterTasks(tasks, { q: '', township: '', status: 'behind' }).map((t) => t.project.id),
    ).toEqual([3]);
    expect(
      filterTasks(tasks, { q: '食堂 鹤城', township: '', status: '' }).map((t) => t.project.id),
    ).toEqual([1]);
  });

  it('sorts nearest first with distances', () => {
    const sorted = sortNearest(tasks, { lat: 28.19, lon: 120.3 });
    expect(sorted.map((t) => t.project.id)).toEqual([1, 3, 2, 4]);
    expect(sorted[0]!.distanceM).toBeGreaterThan(1000);
    expect(sorted[2]!.distanceM).toBeNull();
  });

  it('lists townships once, by name', () => {
    expect(
      townshipsOf(tasks)
        .map((t) => t.id)
        .sort(),
    ).toEqual([10, 11]);
  });
});

describe('assigned tasks', () => {
  const task = (
    id: string,
    assignee: number | null,
    due: string | null,
    status = 'todo',
    code = 'P-1',
  ): TaskData => ({
    id,
    plan: { id: 1, name: '2024年第一季度回头看', kind: 'revisit' },
    kind: 'revisit',
    project_id: 1,
    project: { id: 1, code, name: '项目' },
    assignee_id: assignee,
    due_date: due,
    status,
    schedule_status: 'completed',
    completed_at: null,
    inspection_id: null,
  });
  it('keeps mine still to do, soonest due first, undated last', () => {
    const all = [
      task('a', 7, null),
      task('b', 7, '2024-06-01'),
      task('c', 8, '2024-01-01'),
      task('d', 7, '2024-03-01'),
      task('e', 7, '2024-01-01', 'done'),
    ];
    expect(openTasksOf(all, 7).map((t) => t.id)).toEqual(['d', 'b', 'a']);
  });
});

describe('landing by role', () => {
  it('sends field roles to their field screen and office roles to the ledger', () => {
    expect(landingFor({ role: 'inspector' })).toBe('/field');
    expect(landingFor({ role: 'unit' })).toBe('/field/issues');
    expect(landingFor({ role: 'deputy' })).toBe('/field/reports');
    expect(landingFor({ role: 'supervisor' })).toBe('/projects');
    expect(fieldHome({ role: 'admin' })).toBeNull();
  });
});
