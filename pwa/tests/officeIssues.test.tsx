/** The office's problem ledger against a fake server: list, filters, assign (交办), a 409. */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api';
import type { IssueDetail, IssueItem } from '../src/api/issues';
import { reloadLang } from '../src/i18n';
import { todayISO } from '../src/lib/format';
import { IssuePage, Issues } from '../src/pages/office/Issues';
import { waitFor } from './support/wait';

type Req = { method: string; url: URL; body: unknown };
let requests: Req[];
let handler: (req: Req) => [number, unknown];

const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const $$ = (testid: string) => [
  ...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`),
];

function type(el: HTMLElement | null, value: string) {
  (el as HTMLInputElement).value = value;
  el!.dispatchEvent(new Event('input', { bubbles: true }));
}
function choose(el: HTMLElement | null, value: string) {
  (el as HTMLSelectElement).value = value;
  el!.dispatchEvent(new Event('change', { bubbles: true }));
}

const inDays = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return todayISO(d);
};

const UNITS = [
  { id: 3, code: 'SL', name: '县水利局' },
  { id: 4, code: 'JT', name: '县交通运输局' },
];

function item(id: string, over: Partial<IssueItem> = {}): IssueItem {
  return {
    id,
    title: '管网铺设后无法供水',
    severity: 'high',
    state: 'found',
    state_label: '发现',
    unit: null,
    deadline: null,
    days_left: null,
    colour: null,
    colour_label: null,
    pending_extension_until: null,
    project: { id: 11, code: 'QT-001', name: '农村饮用水提升' },
    slip: null,
    created_at: '2026-03-01T02:00:00Z',
    version: 1,
    ...over,
  };
}

const FOUND_ID = '11111111-2222-4333-8444-555555555555';

function detail(over: Partial<IssueDetail> = {}): IssueDetail {
  return {
    ...item(FOUND_ID),
    description: '村东头三户龙头无水',
    suggested_unit: '水利局',
    suggested_deadline: null,
    duplicate_of_id: null,
    inspection_id: null,
    report_id: null,
    lat: null,
    lon: null,
    created_by: { id: 2, display_name: '陈志强' },
    events: [
      {
        id: 1,
        kind: 'created',
        from_state: null,
        to_state: 'found',
        actor: { id: 2, display_name: '陈志强' },
        at: '2026-03-01T02:00:00Z',
        reason: null,
        data: null,
      },
    ],
    slips: [],
    photo_ids: ['aaaaaaaa-0000-4000-8000-000000000001'],
    allowed_targets: ['assigned', 'duplicate', 'rejected'],
    can_decide_extension: false,
    can_request_extension: false,
    ...over,
  };
}

function assigned(deadline: string): IssueDetail {
  const slip = { id: 9, code: '督交〔2026〕3号' };
  return detail({
    state: 'assigned',
    state_label: '已交办',
    unit: { id: 3, name: '县水利局' },
    deadline,
    days_left: 2,
    colour: 'yellow',
    colour_label: '黄',
    slip,
    version: 2,
    allowed_targets: [],
    slips: [
      {
        ...slip,
        issue_id: FOUND_ID,
        issue_title: '管网铺设后无法供水',
        project: null,
        region: { id: 1, name: '青田县' },
        year: 2026,
        number: 3,
        unit: { id: 3, name: '县水利局' },
        deadline,
        requirements: '一周内恢复供水',
        issued_by: { id: 1, display_name: '黄丽娟' },
        issued_at: '2026-03-10T02:00:00Z',
      },
    ],
  });
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

function common(req: Req): [number, unknown] | null {
  if (req.url.pathname === '/api/v1/units') return [200, { items: UNITS }];
  if (req.url.pathname === '/api/v1/projects/facets')
    return [
      200,
      {
        counties: [],
        townships: [{ id: 7, name: '城关镇', county_id: 1 }],
        units: [],
        series: [],
        levels: [],
        statuses: [],
      },
    ];
  return null;
}

describe('the ledger list', () => {
  it('shows counts, colour chips and a row per problem, and filters by overdue', async () => {
    window.history.replaceState(null, '', '/office/issues');
    handler = (req) =>
      common(req) ?? [
        200,
        {
          items: [
            item('a', {
              state: 'assigned',
              state_label: '已交办',
              unit: { id: 3, name: '县水利局' },
              deadline: inDays(-2),
              days_left: -2,
              colour: 'red',
              slip: { id: 1, code: '督交〔2026〕1号' },
            }),
            item('b'),
          ],
          total: 2,
          counts: { states: { found: 1, assigned: 1 }, colours: { green: 0, yellow: 0, red: 1 } },
        },
      ];
    render(<Issues search="" />, root);
    await waitFor(() => $$('issue-row').length === 2);
    expect($('issue-count-all')!.textContent).toContain('2');
    expect($('issue-count-found')!.dataset.count).toBe('1');
    expect($('issue-count-rectified')).toBeNull(); // no empty states
    expect($('colour-count-red')!.dataset.count).toBe('1');
    const red = $$('issue-row')[0]!;
    expect(red.querySelector('[data-testid=deadline-chip]')!.getAttribute('data-colour')).toBe(
      'red',
    );
    expect(red.textContent).toContain('逾期 2 天');
    expect(red.textContent).toContain('督交〔2026〕1号');
    expect(red.querySelector('[data-testid=issue-state]')!.textContent).toBe('已交办');
    expect($$('issue-row')[1]!.querySelector('[data-testid=deadline-chip]')).toBeNull();
    expect($$('issue-row')[1]!.textContent).toContain('未交办');

    ($('issues-filter-overdue') as HTMLInputElement).click();
    expect(window.location.search).toBe('?colour=red');
    await waitFor(() => $('issues-filter-township')!.querySelectorAll('option').length === 2);
    choose($('issues-filter-township'), '7');
    expect(window.location.search).toBe('?township=7');
  });

  it('asks the server with the filters of the URL', async () => {
    handler = (req) =>
      common(req) ?? [200, { items: [], total: 0, counts: { states: {}, colours: {} } }];
    render(<Issues search="?state=returned&township=7&extension=1" />, root);
    await waitFor(() => $('issues-empty'));
    const asked = requests.find((r) => r.url.pathname === '/api/v1/issues')!.url.searchParams;
    expect(asked.get('state')).toBe('returned');
    expect(asked.get('township_id')).toBe('7');
    expect(asked.get('extension_pending')).toBe('true');
  });
});

describe('one problem', () => {
  it('assigns it to a unit with a deadline and shows the slip number', async () => {
    const deadline = inDays(2);
    let current = detail();
    handler = (req) => {
      if (req.url.pathname === '/api/v1/units') return [200, { items: UNITS }];
      if (req.method === 'POST') {
        current = assigned(deadline);
        return [200, current];
      }
      return [200, current];
    };
    render(<IssuePage id={FOUND_ID} />, root);
    await waitFor(() => $('issue-detail'));
    expect($('issue-description')!.textContent).toBe('村东头三户龙头无水');
    expect($$('stage-photo')[0]!.querySelector('img')!.getAttribute('src')).toBe(
      '/api/v1/photos/aaaaaaaa-0000-4000-8000-000000000001/thumb',
    );
    expect($$('issue-event')[0]!.textContent).toContain('陈志强');
    expect($('issue-action-verify')).toBeNull();

    $('issue-action-assign')!.click();
    // the finder suggested 水利局: preselected
    await waitFor(() => ($('issue-unit') as HTMLSelectElement | null)?.value === '3');
    $('issue-action-confirm')!.click();
    expect((await waitFor(() => $('issue-action-error'))).textContent).toBe('请填写整改期限');
    type($('issue-deadline'), deadline);
    type($('issue-requirements'), '一周内恢复供水');
    await new Promise((r) => setTimeout(r, 0));
    $('issue-action-confirm')!.click();
    await waitFor(() => $('issue-done'));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe(`/api/v1/issues/${FOUND_ID}/transitions`);
    expect(post.body).toEqual({
      to: 'assigned',
      expected_from: 'found',
      unit_id: 3,
      deadline,
      requirements: '一周内恢复供水',
    });
    expect($('issue-done')!.textContent).toBe('已交办，交办单号 督交〔2026〕3号');
    expect($('issue-slip-code')!.textContent).toBe('督交〔2026〕3号');
    expect($('issue-slip-requirements')!.textContent).toBe('一周内恢复供水');
    expect($('issue-state')!.textContent).toBe('已交办');
    expect($('deadline-chip')!.dataset.colour).toBe('yellow');
    expect($('issue-no-actions')).not.toBeNull();
  });

  it("says the server's 409 and shows the problem as it is now", async () => {
    let current = detail();
    let gets = 0;
    handler = (req) => {
      if (req.method === 'POST') {
        current = detail({
          state: 'rejected',
          state_label: '不予处理',
          version: 3,
          allowed_targets: [],
        });
        return [
          409,
          {
            code: 'state_changed',
            message: '问题已是「不予处理」,您的操作(改为「已交办」)未生效,请刷新后重试',
          },
        ];
      }
      if (req.url.pathname === `/api/v1/issues/${FOUND_ID}`) gets += 1;
      return common(req) ?? [200, current];
    };
    render(<IssuePage id={FOUND_ID} />, root);
    await waitFor(() => $('issue-action-reject'));
    $('issue-action-reject')!.click();
    await waitFor(() => $('issue-reason'));
    type($('issue-reason'), '不属于民生实事');
    await new Promise((r) => setTimeout(r, 0));
    $('issue-action-confirm')!.click();
    const conflict = await waitFor(() => $('issue-conflict'));
    expect(conflict.textContent).toContain('问题已是「不予处理」');
    await waitFor(() => $('issue-detail')?.dataset.state === 'rejected');
    expect(gets).toBe(2);
    expect($('issue-no-actions')).not.toBeNull();
  });

  it('approves a waiting extension with the date asked for', async () => {
    const asked = inDays(30);
    let current = detail({
      state: 'rectifying',
      state_label: '整改中',
      unit: { id: 3, name: '县水利局' },
      deadline: inDays(5),
      pending_extension_until: asked,
      can_decide_extension: true,
      allowed_targets: [],
      events: [
        {
          id: 2,
          kind: 'extension_requested',
          from_state: null,
          to_state: null,
          actor: { id: 5, display_name: '水利局王工' },
          at: '2026-03-09T02:00:00Z',
          reason: '管材到货延迟',
          data: { proposed_deadline: asked },
        },
      ],
    });
    handler = (req) => {
      if (req.method === 'POST') {
        current = {
          ...current,
          deadline: asked,
          pending_extension_until: null,
          can_decide_extension: false,
          version: 5,
        };
        return [200, current];
      }
      return common(req) ?? [200, current];
    };
    render(<IssuePage id={FOUND_ID} />, root);
    const box = await waitFor(() => $('issue-extension-pending'));
    expect(box.textContent).toContain('水利局王工');
    expect(box.textContent).toContain('管材到货延迟');
    expect(($('ext-deadline') as HTMLInputElement).value).toBe(asked);
    $('ext-approve')!.click();
    await waitFor(() => $('issue-done'));
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
      approve: true,
      deadline: asked,
    });
    expect($('issue-extension-pending')).toBeNull();
    expect($('issue-deadline-value')!.textContent).toBe(asked);
  });
});

describe('改派 and the unit picker', () => {
  const PICKED = [
    { id: 4, code: 'JT', name: '县交通运输局', region_id: 1, assignable: true },
    { id: 3, code: 'SL', name: '县水利局', region_id: 1, assignable: true },
    { id: 8, code: 'GD', name: '供电公司', region_id: null, assignable: true },
    { id: 9, code: 'LX', name: '邻县水利局', region_id: 2, assignable: false },
  ];

  it("offers only the units that may take the problem, its county's first", async () => {
    handler = (req) =>
      req.url.pathname === '/api/v1/units' ? [200, { items: PICKED }] : [200, detail()];
    render(<IssuePage id={FOUND_ID} />, root);
    await waitFor(() => $('issue-action-assign'));
    $('issue-action-assign')!.click();
    const select = await waitFor(() =>
      ($('issue-unit') as HTMLSelectElement | null)?.options.length === 4 ? $('issue-unit') : null,
    );
    const names = [...(select as HTMLSelectElement).options].slice(1).map((o) => o.textContent);
    expect(names).toEqual(['县交通运输局', '县水利局', '供电公司']);
    const asked = requests.find((r) => r.url.pathname === '/api/v1/units')!;
    expect(asked.url.searchParams.get('issue_id')).toBe(FOUND_ID);
  });

  it('transfers a problem a unit holds to another unit, with a reason', async () => {
    const deadline = inDays(9);
    const held = {
      ...assigned(inDays(2)),
      allowed_targets: ['assigned'] as IssueDetail['allowed_targets'],
    };
    let current: IssueDetail = held;
    handler = (req) => {
      if (req.url.pathname === '/api/v1/units') return [200, { items: PICKED }];
      if (req.method === 'POST') {
        const old = { ...held.slips[0]!, voided_at: '2026-03-11T02:00:00Z' };
        const slip = {
          ...old,
          id: 10,
          code: '督交〔2026〕4号',
          number: 4,
          unit: { id: 4, name: '县交通运输局' },
          voided_at: null,
        };
        current = {
          ...held,
          version: 3,
          unit: { id: 4, name: '县交通运输局' },
          slip: { id: 10, code: slip.code },
          slips: [old, slip],
          allowed_targets: ['assigned'],
        };
        return [200, current];
      }
      return [200, current];
    };
    render(<IssuePage id={FOUND_ID} />, root);
    await waitFor(() => $('issue-action-transfer'));
    expect($('issue-action-transfer')!.textContent).toBe('改派');
    $('issue-action-transfer')!.click();
    await waitFor(() => (($('issue-unit') as HTMLSelectElement | null)?.options.length ?? 0) > 1);
    choose($('issue-unit'), '4');
    type($('issue-deadline'), deadline);
    await new Promise((r) => setTimeout(r, 0));
    $('issue-action-confirm')!.click();
    expect((await waitFor(() => $('issue-action-error'))).textContent).toBe('请填写原因');
    type($('issue-reason'), '水利局无权处理');
    await new Promise((r) => setTimeout(r, 0));
    $('issue-action-confirm')!.click();
    await waitFor(() => $('issue-done'));
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
      to: 'assigned',
      expected_from: 'assigned',
      unit_id: 4,
      deadline,
      reason: '水利局无权处理',
    });
    expect($('issue-slip-code')!.textContent).toBe('督交〔2026〕4号');
    expect($('issue-slip')!.textContent).toContain('此前的交办单（已作废）：督交〔2026〕3号');
  });

  it('cuts requirements at what one slip holds', async () => {
    handler = (req) =>
      req.url.pathname === '/api/v1/units' ? [200, { items: PICKED }] : [200, detail()];
    render(<IssuePage id={FOUND_ID} />, root);
    await waitFor(() => $('issue-action-assign'));
    $('issue-action-assign')!.click();
    const box = await waitFor(() => $('issue-requirements'));
    expect((box as HTMLTextAreaElement).maxLength).toBe(1000);
  });
});

describe('the history', () => {
  const event = (id: number) => ({
    id,
    kind: 'comment' as const,
    from_state: null,
    to_state: null,
    actor: { id: 2, display_name: '陈志强' },
    at: '2026-03-01T02:00:00Z',
    reason: `意见${id}`,
    data: null,
  });

  it('shows the latest events and reads older ones on request', async () => {
    const latest = detail({ events: [event(60), event(61)], events_more: true });
    handler = (req) => {
      if (req.url.pathname === `/api/v1/issues/${FOUND_ID}/events`) {
        const before = Number(req.url.searchParams.get('before'));
        return [
          200,
          before === 60
            ? { items: [event(58), event(59)], has_more: true }
            : { items: [event(57)], has_more: false },
        ];
      }
      return common(req) ?? [200, latest];
    };
    render(<IssuePage id={FOUND_ID} />, root);
    await waitFor(() => $$('issue-event').length === 2);
    $('issue-timeline-older')!.click();
    await waitFor(() => $$('issue-event').length === 4);
    expect(
      $$('issue-event').map((e) => e.querySelector('.issue-event-reason')!.textContent),
    ).toEqual(['原因：意见58', '原因：意见59', '原因：意见60', '原因：意见61']);
    $('issue-timeline-older')!.click();
    await waitFor(() => $$('issue-event').length === 5);
    expect($('issue-timeline-older')).toBeNull();
  });

  it('names a rectification waiting for its photos, and one refused when they arrived', async () => {
    const move = (id: number, kind: 'evidence_waiting' | 'evidence_refused') => ({
      ...event(id),
      kind,
      from_state: 'rectifying' as const,
      to_state: 'rectified' as const,
    });
    handler = (req) =>
      common(req) ?? [
        200,
        detail({ events: [move(70, 'evidence_waiting'), move(71, 'evidence_refused')] }),
      ];
    render(<IssuePage id={FOUND_ID} />, root);
    await waitFor(() => $$('issue-event').length === 2);
    const text = $$('issue-event').map((e) => e.textContent ?? '');
    expect(text[0]).toContain('待照片：整改中 → 已整改');
    expect(text[1]).toContain('未生效：整改中 → 已整改（待复核）（整改照片未通过核验）');
  });

  it('offers no older entries when the problem came whole', async () => {
    handler = (req) => common(req) ?? [200, detail()];
    render(<IssuePage id={FOUND_ID} />, root);
    await waitFor(() => $$('issue-event').length === 1);
    expect($('issue-timeline-older')).toBeNull();
  });
});
