/**
 * The office's planning screens against a fake server: the list, a new random check,
 * one plan (redraw, assign), a problem's 回头看.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api';
import type { IssueDetail } from '../src/api/issues';
import type { Candidate, PlanDetail, PlanTask } from '../src/api/plans';
import { reloadLang } from '../src/i18n';
import { todayISO } from '../src/lib/format';
import { addDays } from '../src/lib/plans';
import { IssuePage } from '../src/pages/office/Issues';
import { PlanPage, Plans } from '../src/pages/office/Plans';
import { waitFor } from './support/wait';

type Req = { method: string; url: URL; body: unknown };
let requests: Req[];
let handler: (req: Req) => [number, unknown];

const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const $$ = (testid: string) => [
  ...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`),
];
const tick = () => new Promise((r) => setTimeout(r, 0));

function type(el: HTMLElement | null, value: string) {
  (el as HTMLInputElement).value = value;
  el!.dispatchEvent(new Event('input', { bubbles: true }));
}
function choose(el: HTMLElement | null, value: string) {
  (el as HTMLSelectElement).value = value;
  el!.dispatchEvent(new Event('change', { bubbles: true }));
}

const LUOYANG = { id: 4, name: '洛阳镇' };
const ZHANGBAN = { id: 24, name: '张坂镇' };
const CHEN: Candidate = {
  id: 7,
  display_name: '陈志强(督查员)',
  role: 'inspector',
  townships: [LUOYANG, { id: 15, name: '东园镇' }],
  region: null,
};
const GUO: Candidate = {
  id: 8,
  display_name: '郭雅芳(督查员)',
  role: 'inspector',
  townships: [ZHANGBAN],
  region: null,
};

function task(
  id: number,
  township: { id: number; name: string },
  over: Partial<PlanTask> = {},
): PlanTask {
  return {
    id,
    plan_id: 5,
    project: { id: 100 + id, code: `TS2023-0${id}`, name: `${township.name}项目${id}`, township },
    schedule_status: 'on_schedule',
    schedule_status_label: '按序时',
    assignee: null,
    due_date: '2023-08-15',
    status: 'todo',
    status_label: '待办',
    completed_at: null,
    ...over,
  };
}

function plan(over: Partial<PlanDetail> = {}): PlanDetail {
  const tasks = [task(1, LUOYANG), task(2, ZHANGBAN)];
  return {
    id: 5,
    name: '7月随机查',
    kind: 'random',
    kind_label: '随机查',
    region: { id: 3, name: '泉州台商投资区' },
    as_of: '2023-07-31',
    statuses: ['on_schedule', 'ahead'],
    due_date: '2023-08-15',
    seed: 20230731,
    sample_size: 2,
    sample_share: null,
    stratify: 'township',
    population_size: 45,
    algorithm: 'strata-random-sample-v1',
    created_by: { id: 1, display_name: '黄丽娟' },
    created_at: '2023-07-31T02:00:00Z',
    task_count: 2,
    assigned_count: 0,
    done_count: 0,
    population: [],
    population_townships: null,
    sample: [101, 102],
    tasks,
    ...over,
  };
}

let root: HTMLElement;
beforeEach(() => {
  localStorage.clear();
  reloadLang();
  requests = [];
  api.setCsrfToken('tok');
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const req = {
      method: init.method ?? 'GET',
      url,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    };
    requests.push(req);
    const [status, json] = handler(req);
    return new Response(JSON.stringify(json), { status });
  }) as unknown as typeof fetch;
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('the plans list', () => {
  it('shows each plan with its kind, due date and tally', async () => {
    handler = () => [
      200,
      { items: [{ ...plan(), task_count: 5, assigned_count: 3, done_count: 2 }] },
    ];
    render(<Plans />, root);
    const row = await waitFor(() => $('plan-row'));
    expect(row.textContent).toContain('随机查');
    expect(row.textContent).toContain('7月随机查');
    expect(row.textContent).toContain('2023-08-15 前完成');
    expect($('plan-row-tally')!.textContent).toBe('已完成 2/5 · 2 项未派');
    expect(row.querySelector('a')!.getAttribute('href')).toBe('/office/plans/5');
  });

  it('previews a stratified random check of 5, then creates it with the previewed seed', async () => {
    const projects = [1, 2, 3, 4, 5].map((i) => ({
      id: 100 + i,
      code: `TS-${i}`,
      name: `项目${i}`,
      township: i < 3 ? LUOYANG : ZHANGBAN,
      schedule_status: 'on_schedule',
      schedule_status_label: '按序时',
    }));
    handler = (req) => {
      if (req.url.pathname === '/api/v1/plans/preview')
        return [
          200,
          {
            ...plan(),
            seed: 987654,
            sample_size: 5,
            projects,
            strata: [
              { township_id: 4, population: 20, sample: 2 },
              { township_id: 24, population: 25, sample: 3 },
            ],
          },
        ];
      if (req.method === 'POST') return [201, { ...plan(), id: 12, seed: 987654 }];
      return [200, { items: [] }];
    };
    window.history.replaceState(null, '', '/office/plans');
    render(<Plans />, root);
    await waitFor(() => $('plans-empty'));
    $('plan-new')!.click();
    await waitFor(() => $('plan-form'));
    $('plan-preview-submit')!.click();
    expect((await waitFor(() => $('plan-form-error'))).textContent).toBe('请填写清单名称');
    type($('plan-name'), '7月随机查');
    type($('plan-size'), '5');
    type($('plan-as-of'), '2023-07-31');
    $('plan-stratify')!.click();
    await tick();
    $('plan-preview-submit')!.click();
    await waitFor(() => $$('plan-preview-project').length === 5);
    expect(requests.find((r) => r.url.pathname === '/api/v1/plans/preview')!.body).toEqual({
      name: '7月随机查',
      kind: 'random',
      as_of: '2023-07-31',
      sample_size: 5,
      stratify: 'township',
    });
    expect($('plan-preview-summary')!.textContent).toContain('种子 987654');
    expect($('plan-preview-strata')!.textContent).toBe('各乡镇抽取/总数：洛阳镇 2/20；张坂镇 3/25');
    $('plan-create')!.click();
    await waitFor(() => window.location.pathname === '/office/plans/12');
    expect(window.location.search).toBe('?created=1');
    const created = requests.find(
      (r) => r.method === 'POST' && r.url.pathname === '/api/v1/plans',
    )!;
    expect(created.body).toMatchObject({ sample_size: 5, stratify: 'township', seed: 987654 });
  });

  it("shows the server's message under the field it refuses", async () => {
    handler = (req) =>
      req.method === 'POST'
        ? [422, { code: 'sample_too_large', message: '抽取数量(60)大于符合条件的项目数(45)' }]
        : [200, { items: [] }];
    render(<Plans />, root);
    await waitFor(() => $('plans-empty'));
    $('plan-new')!.click();
    await waitFor(() => $('plan-form'));
    type($('plan-name'), '抽查');
    type($('plan-size'), '60');
    await tick();
    $('plan-preview-submit')!.click();
    expect((await waitFor(() => $('plan-form-error'))).textContent).toBe(
      '抽取数量(60)大于符合条件的项目数(45)',
    );
    expect($('plan-preview')).toBeNull();
  });
});

describe('one plan', () => {
  function serve(current: PlanDetail, extra: (req: Req) => [number, unknown] | null = () => null) {
    handler = (req) =>
      extra(req) ??
      (req.url.pathname.endsWith('/candidates') ? [200, { items: [CHEN, GUO] }] : [200, current]);
  }

  it('shows the seed and population, and redraws identically', async () => {
    serve(plan(), (req) =>
      req.url.pathname.endsWith('/redraw')
        ? [
            200,
            {
              matches: true,
              tasks_match: true,
              seed: 20230731,
              algorithm: 'x',
              population_size: 45,
              sample: [101, 102],
              recorded: [101, 102],
              strata: [],
            },
          ]
        : null,
    );
    render(<PlanPage id="5" search="?created=1" />, root);
    await waitFor(() => $('plan-detail'));
    expect($('plan-seed')!.textContent).toBe('20230731');
    expect($('plan-population')!.textContent).toBe('45 个项目');
    expect($('plan-created')!.textContent).toContain('随机种子 20230731');
    expect($$('plan-task-status').map((s) => s.textContent)).toEqual(['待检查', '待检查']);
    $('plan-redraw')!.click();
    const result = await waitFor(() => $('plan-redraw-result'));
    expect(result.dataset.same).toBe('true');
    expect(result.textContent).toContain('重抽结果一致');
  });

  it('says how a redraw differs from the record', async () => {
    serve(plan(), (req) =>
      req.url.pathname.endsWith('/redraw')
        ? [
            200,
            {
              matches: false,
              tasks_match: true,
              seed: 1,
              algorithm: 'x',
              population_size: 45,
              sample: [101, 130],
              recorded: [101, 102],
              strata: [],
            },
          ]
        : null,
    );
    render(<PlanPage id="5" />, root);
    await waitFor(() => $('plan-redraw'));
    $('plan-redraw')!.click();
    const result = await waitFor(() => $('plan-redraw-result'));
    expect(result.dataset.same).toBe('false');
    expect(result.textContent).toContain('记录中有、重抽没有：张坂镇项目2');
    expect(result.textContent).toContain('重抽有、记录中没有：#130');
  });

  it('offers each task only the inspectors of its township and assigns it', async () => {
    serve(plan(), (req) =>
      req.url.pathname.endsWith('/assignments')
        ? [
            200,
            { items: [task(1, LUOYANG, { assignee: { id: 7, display_name: '陈志强(督查员)' } })] },
          ]
        : null,
    );
    render(<PlanPage id="5" />, root);
    await waitFor(() => $$('plan-task-pick').length === 2);
    const [first, second] = $$('plan-task');
    expect([...first!.querySelectorAll('option')].map((o) => o.value)).toEqual(['', '7']);
    expect([...second!.querySelectorAll('option')].map((o) => o.value)).toEqual(['', '8']);
    choose(first!.querySelector('select'), '7');
    await tick();
    (first!.querySelector('[data-testid=plan-task-assign]') as HTMLElement).click();
    await waitFor(() => $('plan-assign-done'));
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
      task_ids: [1],
      assignee_id: 7,
    });
    expect($$('plan-task-assignee')[0]!.textContent).toBe('督查人：陈志强(督查员)');
    expect($$('plan-task-assignee')[1]!.textContent).toBe('未派');
    expect($('plan-assign-all')!.textContent).toContain('1 项');
  });

  it('assigns every unassigned task a person covers at once', async () => {
    const three = plan({
      tasks: [task(1, LUOYANG), task(2, ZHANGBAN), task(3, LUOYANG)],
      task_count: 3,
    });
    serve(three, (req) =>
      req.url.pathname.endsWith('/assignments')
        ? [
            200,
            {
              items: [1, 3].map((id) =>
                task(id, LUOYANG, { assignee: { id: 7, display_name: '陈志强(督查员)' } }),
              ),
            },
          ]
        : null,
    );
    render(<PlanPage id="5" />, root);
    await waitFor(() => $('plan-assign-all-pick'));
    choose($('plan-assign-all-pick'), '7');
    await tick();
    expect($('plan-assign-all-submit')!.textContent).toBe('派给所选人员（2 项）');
    $('plan-assign-all-submit')!.click();
    await waitFor(() => $('plan-assign-done'));
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
      task_ids: [1, 3],
      assignee_id: 7,
    });
    expect($('plan-assign-done')!.textContent).toContain('已派给 陈志强(督查员)：2 项任务');
  });

  it("shows the server's Chinese message when it refuses an assignment", async () => {
    serve(plan(), (req) =>
      req.url.pathname.endsWith('/assignments')
        ? [409, { code: 'task_done', message: '任务已完成,不能改派:洛阳镇项目1' }]
        : null,
    );
    render(<PlanPage id="5" />, root);
    await waitFor(() => $$('plan-task-pick').length === 2);
    choose($$('plan-task-pick')[0]!, '7');
    await tick();
    $$('plan-task-assign')[0]!.click();
    expect((await waitFor(() => $('plan-task-error'))).textContent).toBe(
      '任务已完成,不能改派:洛阳镇项目1',
    );
  });
});

describe("a problem's 回头看", () => {
  const ISSUE = '11111111-2222-4333-8444-555555555555';
  const rectified = {
    id: ISSUE,
    title: '管网铺设后无法供水',
    severity: 'high',
    state: 'rectified',
    state_label: '已整改',
    unit: { id: 3, name: '农林水局' },
    deadline: null,
    days_left: null,
    colour: null,
    colour_label: null,
    pending_extension_until: null,
    project: { id: 101, code: 'TS2023-01', name: '洛阳镇项目1' },
    slip: null,
    created_at: '2026-03-01T02:00:00Z',
    version: 4,
    description: '',
    suggested_unit: null,
    suggested_deadline: null,
    duplicate_of_id: null,
    inspection_id: null,
    report_id: null,
    lat: null,
    lon: null,
    created_by: { id: 2, display_name: '骆清泉' },
    events: [],
    slips: [],
    photo_ids: [],
    allowed_targets: ['verified', 'rectifying'],
    can_decide_extension: false,
    can_request_extension: false,
  } as IssueDetail;

  it('makes a plan of its project due in a week and sends the chosen inspector', async () => {
    const made = plan({
      id: 31,
      kind: 'revisit',
      kind_label: '回头看',
      name: '回头看：管网铺设后无法供水',
      seed: null,
      tasks: [task(1, LUOYANG, { due_date: addDays(todayISO(), 7) })],
    });
    handler = (req) => {
      if (req.url.pathname === '/api/v1/plans') return [201, made];
      if (req.url.pathname === '/api/v1/plans/31/candidates') return [200, { items: [CHEN, GUO] }];
      if (req.url.pathname === '/api/v1/plans/31/assignments')
        return [
          200,
          { items: [{ ...made.tasks[0], assignee: { id: 7, display_name: '陈志强(督查员)' } }] },
        ];
      return [200, rectified];
    };
    render(<IssuePage id={ISSUE} />, root);
    await waitFor(() => $('issue-revisit-start'));
    $('issue-revisit-start')!.click();
    await waitFor(() => $('issue-revisit-pick'));
    expect(requests.find((r) => r.url.pathname === '/api/v1/plans')!.body).toEqual({
      name: '回头看：管网铺设后无法供水',
      kind: 'revisit',
      project_ids: [101],
      due_date: addDays(todayISO(), 7),
    });
    expect([...$('issue-revisit-pick')!.querySelectorAll('option')].map((o) => o.value)).toEqual([
      '',
      '7',
    ]); // 郭 does not cover 洛阳镇
    $('issue-revisit-send')!.click();
    expect((await waitFor(() => $('issue-revisit-error'))).textContent).toBe('请先选择督查人');
    choose($('issue-revisit-pick'), '7');
    await tick();
    $('issue-revisit-send')!.click();
    const done = await waitFor(() => $('issue-revisit-done'));
    expect(done.textContent).toContain(
      `已派 陈志强(督查员) 回头看，${addDays(todayISO(), 7)} 前完成`,
    );
    expect($('issue-revisit-plan')!.getAttribute('href')).toBe('/office/plans/31');
    expect(requests.find((r) => r.url.pathname.endsWith('/assignments'))!.body).toEqual({
      task_ids: [1],
      assignee_id: 7,
    });
  });

  it('is not offered before the problem is rectified', async () => {
    handler = () => [
      200,
      { ...rectified, state: 'rectifying', state_label: '整改中', allowed_targets: [] },
    ];
    render(<IssuePage id={ISSUE} />, root);
    await waitFor(() => $('issue-detail'));
    expect($('issue-revisit')).toBeNull();
  });
});
