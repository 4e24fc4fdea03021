/** The office's problem page: photos by stage with flags, and the 复核 / 销号 controls they govern. */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api';
import type { IssueDetail, IssuePhoto } from '../src/api/issues';
import { reloadLang } from '../src/i18n';
import { IssuePage, Issues } from '../src/pages/office/Issues';
import { waitFor } from './support/wait';

type Req = { method: string; url: URL; body: unknown };
let requests: Req[];
let current: IssueDetail;
let respond: (req: Req) => unknown;

const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const $$ = (testid: string) => [
  ...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`),
];

const ID = '11111111-2222-4333-8444-555555555555';
const FAR = { code: 'far_from_project', severity: 'warning', message: '距项目 2.3 公里' };

function photo(id: string, stage: string, over: Partial<IssuePhoto> = {}): IssuePhoto {
  return {
    id,
    stage,
    status: 'ready',
    taken_at: '2026-12-01T01:07:00Z',
    received_at: '2026-12-01T01:09:00Z',
    flags: [],
    ...over,
  };
}

function issue(over: Partial<IssueDetail> = {}): IssueDetail {
  return {
    id: ID,
    title: '管网铺设后无法供水',
    severity: 'high',
    state: 'rectified',
    state_label: '已整改',
    unit: { id: 3, name: '县水利局' },
    deadline: '2030-12-31',
    days_left: 100,
    colour: 'green',
    colour_label: '绿',
    pending_extension_until: null,
    project: null,
    slip: null,
    created_at: '2026-12-01T01:00:00Z',
    version: 4,
    description: '村东头三户龙头无水',
    suggested_unit: null,
    suggested_deadline: null,
    duplicate_of_id: null,
    inspection_id: null,
    report_id: 'rep-1',
    source_report: { id: 'rep-1', deputy: { id: 9, name: '王代表' } },
    lat: null,
    lon: null,
    created_by: { id: 2, display_name: '陈志强' },
    events: [
      {
        id: 5,
        kind: 'transition',
        from_state: 'rectifying',
        to_state: 'rectified',
        actor: { id: 7, display_name: '水利局' },
        at: '2026-12-02T01:00:00Z',
        reason: '已修复',
        data: { photo_ids: ['u1'] },
      },
    ],
    slips: [],
    photo_ids: ['d1', 'f1', 'u1'],
    photos: [
      photo('d1', 'report'),
      photo('f1', 'found'),
      photo('u1', 'rectify', { flags: [FAR], received_at: '2026-12-05T03:00:00Z' }),
    ],
    allowed_targets: ['verified', 'rectifying'],
    can_decide_extension: false,
    can_request_extension: false,
    ...over,
  };
}

let root: HTMLElement;
beforeEach(() => {
  localStorage.clear();
  reloadLang();
  requests = [];
  respond = () => current;
  api.setCsrfToken('tok');
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    const req = { method: init.method ?? 'GET', url, body };
    requests.push(req);
    return new Response(JSON.stringify(respond(req)), { status: 200 });
  }) as unknown as typeof fetch;
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const posted = () => requests.filter((r) => r.method === 'POST').map((r) => r.body);

describe("the office's problem page", () => {
  it('shows the photos labelled by stage, before beside after, with flags and both times', async () => {
    current = issue();
    render(<IssuePage id={ID} />, root);
    await waitFor(() => $('issue-detail'));
    const before = $('stage-before')!;
    const after = $('stage-after')!;
    const stages = (col: HTMLElement) =>
      [...col.querySelectorAll<HTMLElement>('[data-testid=stage-group]')].map(
        (g) => g.dataset.stage,
      );
    expect(stages(before)).toEqual(['report', 'found']);
    expect(stages(after)).toEqual(['rectify']);
    expect(before.textContent).toContain('代表');
    expect(before.textContent).toContain('发现');
    expect(after.textContent).toContain('整改');
    expect(after.querySelector('[data-testid=photo-flag]')!.textContent).toBe('距项目 2.3 公里');
    // received three days after it was taken: both times
    expect(after.querySelector('[data-testid=stage-photo-time]')!.textContent).toMatch(
      /^现场 .* · 同步 /,
    );
    expect($('source-report')!.textContent).toBe('来自人大代表 王代表 的反映');
  });

  it('keeps 复核通过 disabled until there is a check photo, and says how to take one', async () => {
    current = issue();
    render(<IssuePage id={ID} />, root);
    await waitFor(() => $('issue-action-verify'));
    $('issue-action-verify')!.click();
    await waitFor(() => $('verify-evidence'));
    expect(($('issue-action-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect($('verify-need-photo')).not.toBeNull();
    // the unit's rectification photo is judged with its flag
    expect($('verify-flags')!.textContent).toContain('距项目 2.3 公里');
  });

  it("sends 复核通过 with the checker's photos", async () => {
    current = issue({ photos: [...issue().photos!, photo('v1', 'verify')] });
    render(<IssuePage id={ID} />, root);
    await waitFor(() => $('issue-action-verify'));
    $('issue-action-verify')!.click();
    await waitFor(() => $('verify-evidence'));
    const confirm = $('issue-action-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(false);
    confirm.click();
    await waitFor(() => posted().length === 1);
    expect(posted()[0]).toMatchObject({ to: 'verified', photo_ids: ['v1'] });
  });

  it('asks a reason for 销号 over flagged photos, shows the flags and sends the reason', async () => {
    current = issue({
      state: 'verified',
      state_label: '已复核',
      allowed_targets: ['closed'],
      close_needs_reason: true,
      warning_flags: [
        {
          photo_id: 'u1',
          stage: 'rectify',
          code: FAR.code,
          message: FAR.message,
          message_en: 'far',
        },
      ],
    });
    render(<IssuePage id={ID} />, root);
    await waitFor(() => $('issue-action-close'));
    $('issue-action-close')!.click();
    await waitFor(() => $('close-flags'));
    expect($$('close-flag').map((f) => f.textContent)).toEqual(['距项目 2.3 公里']);
    $('issue-action-confirm')!.click();
    await waitFor(() => $('issue-action-error'));
    expect($('issue-action-error')!.textContent).toContain('须写明理由');
    expect(posted()).toEqual([]);
    const reason = $('issue-reason') as HTMLTextAreaElement;
    reason.value = '已电话核实，照片为补拍';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20)); // let the form render with the reason
    $('issue-action-confirm')!.click();
    await waitFor(() => posted().length === 1);
    expect(posted()[0]).toMatchObject({ to: 'closed', reason: '已电话核实，照片为补拍' });
  });

  it('closes without a reason when no photo raised a doubt', async () => {
    current = issue({
      state: 'verified',
      allowed_targets: ['closed'],
      close_needs_reason: false,
      warning_flags: [],
    });
    render(<IssuePage id={ID} />, root);
    await waitFor(() => $('issue-action-close'));
    $('issue-action-close')!.click();
    await waitFor(() => $('issue-action-form'));
    expect($('close-flags')).toBeNull();
    expect($('issue-reason')).toBeNull();
    $('issue-action-confirm')!.click();
    await waitFor(() => posted().length === 1);
    expect(posted()[0]).toEqual({ to: 'closed', expected_from: 'verified' });
  });
});

describe("the office's ledger", () => {
  it("says which rows came from a deputy's report", async () => {
    window.history.replaceState(null, '', '/office/issues');
    const row = issue();
    respond = (req) =>
      req.url.pathname === '/api/v1/issues'
        ? {
            items: [row, { ...row, id: 'other', source_report: null }],
            total: 2,
            counts: { states: { rectified: 2 }, colours: {} },
          }
        : { items: [], counties: [], townships: [], units: [], series: [], levels: [] };
    render(<Issues search="" />, root);
    await waitFor(() => $$('issue-row').length === 2);
    const [fromReport, other] = $$('issue-row');
    expect(fromReport!.querySelector('[data-testid=source-report]')!.textContent).toBe(
      '来自人大代表 王代表 的反映',
    );
    expect(other!.querySelector('[data-testid=source-report]')).toBeNull();
  });
});
