/**
 * The office's deputies' reports page against a fake server: list, filter, 受理,
 * 不予受理, 答复, ratings.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api';
import type { OfficeReport, ReportPhoto } from '../src/api/reports';
import { reloadLang } from '../src/i18n';
import { Reports } from '../src/pages/office/Reports';
import { waitFor } from './support/wait';

type Req = { method: string; path: string; query: URLSearchParams; body: Record<string, unknown> };
type Handler = (req: Req) => [number, unknown] | undefined;

const report = (over: Partial<OfficeReport>): OfficeReport => ({
  id: 'r1',
  title: '自来水管网铺设后无法供水',
  description: '下曾村管网已铺设,三户至今没有来水',
  status: 'submitted',
  status_label: '待受理',
  reply: null,
  rating: null,
  rating_label: null,
  rating_comment: null,
  rated_at: null,
  created_at: '2023-07-01T02:00:00Z',
  version: 1,
  deputy: { id: 5, display_name: '陈代表' },
  project_id: 7,
  project: { id: 7, code: 'ZLS-01', name: '下曾村自来水管网延伸' },
  location: { lat: 25.0, lon: 118.8, accuracy_m: 20, at: null },
  issue: null,
  ...over,
});
const photo = (id: string, status = 'ready'): ReportPhoto => ({
  id,
  status,
  taken_at: null,
  thumb_url: `/api/v1/photos/${id}/thumb`,
  display_url: `/api/v1/photos/${id}/display`,
});
const ISSUE = { id: 'i-9', state: 'found', state_label: '发现', deadline: null, unit: null };

let requests: Req[];
let items: OfficeReport[];
let photos: Record<string, ReportPhoto[]>;
let extra: Handler;

function installFetch() {
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const req: Req = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : {},
    };
    requests.push(req);
    const [status, json] =
      extra(req) ??
      (req.path === '/api/v1/reports'
        ? [200, { items, photos }]
        : [404, { code: 'not_found', message: '未找到' }]);
    return new Response(JSON.stringify(json), { status });
  }) as unknown as typeof fetch;
}

const $ = (testid: string, scope: ParentNode = document) =>
  scope.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const $$ = (testid: string, scope: ParentNode = document) => [
  ...scope.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`),
];
/** Type into a field and let Preact re-render, as a person's next tap comes after it. */
async function type(el: HTMLElement | null, value: string) {
  (el as HTMLInputElement).value = value;
  el!.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((r) => setTimeout(r, 0));
}
async function click(el: HTMLElement | null) {
  el!.click();
  await new Promise((r) => setTimeout(r, 0));
}
const posts = () => requests.filter((r) => r.method === 'POST');

let root: HTMLElement;
beforeEach(() => {
  localStorage.clear();
  reloadLang();
  requests = [];
  items = [];
  photos = {};
  extra = () => undefined;
  installFetch();
  api.setCsrfToken('tok');
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function open(): Promise<void> {
  render(<Reports />, root);
  await waitFor(() => $('reports-empty') || $$('report-item').length);
}

describe('the office reports page', () => {
  it('lists each report with deputy, place, words, thumbnails and the linked problem', async () => {
    items = [
      report({
        id: 'r2',
        title: '文化空间闲置',
        status: 'accepted',
        status_label: '已受理',
        issue: { ...ISSUE, deadline: '2023-08-15', unit: { id: 3, name: '区农林水局' } },
      }),
      report({}),
    ];
    photos = { r2: [], r1: [photo('p1'), photo('p2', 'pending')] };
    await open();
    const cards = $$('report-item');
    expect(cards.map((c) => c.dataset.id)).toEqual(['r2', 'r1']);
    const first = cards[1]!;
    expect(first.textContent).toContain('陈代表');
    expect($('report-place', first)!.textContent).toContain('25.00000, 118.80000');
    expect($('report-description', first)!.textContent).toBe('下曾村管网已铺设,三户至今没有来水');
    expect(first.querySelector('img')!.getAttribute('src')).toBe('/api/v1/photos/p1/thumb');
    expect($$('report-photo', first)[1]!.textContent).toBe('照片尚未上传');
    const linked = $('report-issue', cards[0]!)!;
    expect(linked.textContent).toContain('整改期限 2023-08-15');
    expect(linked.textContent).toContain('区农林水局');
    expect($('report-issue-link', linked)!.getAttribute('href')).toBe('/office/issues/i-9');
  });

  it('filters by status on the server', async () => {
    await open();
    const select = $('reports-filter-status') as HTMLSelectElement;
    select.value = 'replied';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => requests.some((r) => r.query.get('status') === 'replied'));
  });

  it('受理 sends the title and severity and links the problem it made', async () => {
    items = [report({})];
    extra = (req) => {
      if (req.path !== '/api/v1/reports/r1/accept') return undefined;
      items = [report({ status: 'accepted', status_label: '已受理', version: 2, issue: ISSUE })];
      return [200, items[0]];
    };
    await open();
    $('report-accept')!.click();
    await type(await waitFor(() => $('report-accept-title')), '下曾村三户无水');
    await click($('report-severity-high'));
    $('report-accept-confirm')!.click();
    const done = await waitFor(() => $('report-done'));
    expect(posts()[0]!.body).toEqual({ title: '下曾村三户无水', severity: 'high' });
    expect($('report-done-issue', done)!.getAttribute('href')).toBe('/office/issues/i-9');
    await waitFor(() => $('report-item')?.dataset.status === 'accepted');
    expect($('report-reply')).not.toBeNull();
  });

  it('不予受理 needs a reason before anything is sent', async () => {
    items = [report({})];
    extra = (req) =>
      req.path === '/api/v1/reports/r1/decline'
        ? [200, report({ status: 'declined', reply: String(req.body.reason) })]
        : undefined;
    await open();
    $('report-decline')!.click();
    (await waitFor(() => $('report-decline-confirm')))!.click();
    expect((await waitFor(() => $('report-action-error'))).textContent).toBe(
      '请填写不予受理的原因',
    );
    expect(posts()).toEqual([]);
    await type($('report-decline-reason'), '不属于民生实事范围');
    $('report-decline-confirm')!.click();
    await waitFor(() => $('report-done'));
    expect(posts()[0]!.body).toEqual({ reason: '不属于民生实事范围' });
  });

  it("a refused action shows the server's Chinese message", async () => {
    items = [report({ status: 'accepted', status_label: '已受理', issue: ISSUE })];
    extra = (req) =>
      req.path === '/api/v1/reports/r1/reply'
        ? [409, { code: 'report_status', message: '该反映当前为「已评价」,不能答复' }]
        : undefined;
    await open();
    $('report-reply')!.click();
    await type(await waitFor(() => $('report-reply-text')), '管网已接通');
    $('report-reply-confirm')!.click();
    expect((await waitFor(() => $('report-action-error'))).textContent).toBe(
      '该反映当前为「已评价」,不能答复',
    );
    expect($('report-done')).toBeNull();
  });

  it('答复 again starts from the current reply', async () => {
    items = [
      report({ status: 'replied', status_label: '已答复', reply: '管网已接通', issue: ISSUE }),
    ];
    await open();
    expect($('report-reply-shown')!.textContent).toBe('答复：管网已接通');
    expect($('report-reply')!.textContent).toBe('修改答复');
    $('report-reply')!.click();
    expect(((await waitFor(() => $('report-reply-text'))) as HTMLTextAreaElement).value).toBe(
      '管网已接通',
    );
  });

  it("shows the deputy's rating; 不满意 says the problem went back and a new reply is due", async () => {
    items = [
      report({
        id: 'ok',
        status: 'rated',
        status_label: '已评价',
        reply: '已修复',
        rating: 'satisfied',
        rating_label: '满意',
        rating_comment: '来水了',
      }),
      report({
        id: 'bad',
        status: 'accepted',
        status_label: '已受理',
        reply: '已修复',
        rating: 'dissatisfied',
        rating_label: '不满意',
        rating_comment: '还是没水',
        issue: ISSUE,
      }),
    ];
    await open();
    const [ok, bad] = $$('report-rating');
    expect(ok!.textContent).toBe('代表评价：满意评价意见：来水了');
    expect(bad!.textContent).toContain('还是没水');
    expect(bad!.textContent).toContain('问题已退回整改');
    // the reopened one waits for a new reply; a rated one has no action
    expect($$('report-reply').length).toBe(1);
  });
});
