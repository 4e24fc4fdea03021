/**
 * Drafting and publishing a bulletin against a fake server: 起草通报, the paragraphs saved, the
 * confirm step before 发布, the number and frozen files afterwards, the list, the server's
 * errors.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bulletin as Figures, BulletinRecordDetail } from '../src/api/bulletin';
import { reloadLang } from '../src/i18n';
import { Bulletin } from '../src/pages/office/Bulletin';
import { BulletinDraft } from '../src/pages/office/BulletinDraft';
import { waitFor } from './support/wait';

const zeroStatuses = {
  completed_early: 0,
  completed: 0,
  ahead: 0,
  on_schedule: 0,
  behind: 0,
  postponed: 0,
};
const noFunds = { planned_yuan: 0, released_yuan: 0, spent_yuan: 0, released_share: null };
const FIGURES: Figures = {
  title: '关于泉州台商投资区2023年1—7月民生实事项目推进情况的督查通报',
  number: null,
  region: { id: 3, name: '泉州台商投资区' },
  from: '2023-01-01',
  to: '2023-07-31',
  issued_on: '2023-07-31',
  projects: { levels: [], total: { total: 48, completed: 17, rate: '35.42' } },
  statuses: { levels: [], total: { ...zeroStatuses, completed_early: 17 } },
  funds: { levels: [], total: noFunds },
  lagging: [],
  postponed: [],
  problems: { total: { found: 0, rectified: 0, closed: 0, open: 0, overdue: 0 }, units: [] },
  inspections: { kinds: {}, total: 0 },
  deputy_reports: {
    received: 0,
    accepted: 0,
    declined: 0,
    replied: 0,
    ratings: { grades: {}, total: 0, satisfaction_rate: null },
  },
};
const FACETS = {
  counties: [{ id: 3, name: '泉州台商投资区' }],
  townships: [],
  units: [],
  series: [],
  levels: [],
  statuses: [],
};

type Req = { method: string; path: string; body: Record<string, unknown> };
let requests: Req[];
let records: BulletinRecordDetail[];

function draftOf(id: number, body: Record<string, unknown>): BulletinRecordDetail {
  return {
    id,
    status: 'draft',
    code: null,
    year: null,
    number: null,
    title: null,
    region: { id: 3, name: '泉州台商投资区' },
    from: String(body.from),
    to: String(body.to),
    situation: null,
    problems: null,
    requirements: null,
    created_at: '2026-11-30T02:00:00Z',
    published_at: null,
    figures: FIGURES,
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The server's answer to one request, as publishing_routes.py gives it. */
function answer({ method, path, body }: Req): Response {
  if (path === '/api/v1/projects/facets') return json(FACETS);
  if (path === '/api/v1/bulletins/figures') return json(FIGURES);
  if (path === '/api/v1/bulletins' && method === 'GET') return json([...records].reverse());
  if (path === '/api/v1/bulletins' && method === 'POST') {
    const record = draftOf(records.length + 1, body);
    records.push(record);
    return json(record, 201);
  }
  const match = /^\/api\/v1\/bulletins\/(\d+)(\/publish)?$/.exec(path);
  const record = match && records.find((r) => r.id === Number(match[1]));
  if (!record) return json({ code: 'not_found', message: '未找到' }, 404);
  if (method === 'GET') return json(record);
  if (record.status === 'published')
    return json({ code: 'bulletin_published', message: `${record.code}已发布,不能再修改` }, 409);
  if (method === 'PUT') {
    Object.assign(record, body);
    return json(record);
  }
  Object.assign(record, {
    status: 'published',
    year: 2026,
    number: 1,
    code: '督通〔2026〕1号',
    published_at: '2026-11-30T03:00:00Z',
  });
  return json(record);
}

beforeEach(() => {
  localStorage.clear();
  reloadLang();
  requests = [];
  records = [];
  history.replaceState(null, '', '/office/bulletin');
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const req = {
      method: init.method ?? 'GET',
      path: url.pathname,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : {},
    };
    requests.push(req);
    return answer(req);
  }) as unknown as typeof fetch;
});

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const $ = (selector: string) => root.querySelector<HTMLElement>(selector);
const click = async (testid: string) =>
  (await waitFor(() => $(`[data-testid=${testid}]:not([disabled])`))).click();

function type(testid: string, text: string) {
  const area = $(`[data-testid=${testid}]`) as HTMLTextAreaElement;
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

async function openDraft(record: BulletinRecordDetail) {
  records.push(record);
  render(<BulletinDraft id={String(record.id)} />, root);
  await waitFor(() => $('[data-testid=bulletin-paragraphs]'));
}

describe('drafting a bulletin from the bulletin page', () => {
  it('creates a draft of the chosen period and county and opens it', async () => {
    render(<Bulletin search="?period=custom&from=2023-01-01&to=2023-07-31&county=3" />, root);
    await click('bulletin-draft');
    await waitFor(() => location.pathname === '/office/bulletins/1');
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ from: '2023-01-01', to: '2023-07-31', county: 3 });
  });

  it("shows the server's message when the draft is refused", async () => {
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) =>
      init.method === 'POST'
        ? json(
            {
              code: 'region_required',
              message: '请选择通报的地区',
              errors: { county: ['请选择地区'] },
            },
            400,
          )
        : answer({
            method: 'GET',
            path: new URL(String(input), 'http://localhost').pathname,
            body: {},
          }),
    ) as unknown as typeof fetch;
    render(<Bulletin search="?period=custom&from=2023-01-01&to=2023-07-31" />, root);
    await click('bulletin-draft');
    expect((await waitFor(() => $('[data-testid=bulletin-draft-error]'))).textContent).toContain(
      '请选择通报的地区',
    );
    expect(location.pathname).toBe('/office/bulletin');
  });

  it('lists the bulletins with their number, or 草稿, and period, each linked', async () => {
    records.push({
      ...draftOf(1, { from: '2023-01-01', to: '2023-06-30' }),
      status: 'published',
      code: '督通〔2026〕1号',
      published_at: '2026-11-30T03:00:00Z',
    });
    records.push(draftOf(2, { from: '2023-07-01', to: '2023-07-31' }));
    render(<Bulletin search="?period=custom&from=2023-01-01&to=2023-07-31" />, root);
    await waitFor(() => root.querySelectorAll('[data-testid=bulletin-row]').length === 2);
    const rows = [...root.querySelectorAll('[data-testid=bulletin-row]')];
    expect(
      rows.map((r) => r.querySelector('[data-testid=bulletin-row-code]')!.textContent),
    ).toEqual(['草稿', '督通〔2026〕1号']);
    expect(rows[1]!.querySelector('[data-testid=bulletin-row-period]')!.textContent).toBe(
      '2023-01-01 至 2023-06-30',
    );
    expect(rows[1]!.querySelector('a')!.getAttribute('href')).toBe('/office/bulletins/1');
  });
});

describe('a draft bulletin', () => {
  it('saves the three paragraphs with PUT', async () => {
    await openDraft(draftOf(7, { from: '2023-01-01', to: '2023-07-31' }));
    type('bulletin-text-situation', '总体推进有序');
    type('bulletin-text-problems', '个别项目滞后');
    type('bulletin-text-requirements', '加快进度');
    await click('bulletin-save');
    await waitFor(
      () =>
        $('[data-testid=bulletin-save-state][data-changed=no]') &&
        requests.some((r) => r.method === 'PUT'),
    );
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/api/v1/bulletins/7');
    expect(put.body).toEqual({
      situation: '总体推进有序',
      problems: '个别项目滞后',
      requirements: '加快进度',
    });
  });

  it('asks to confirm before publishing, and cancelling sends nothing', async () => {
    await openDraft(draftOf(7, { from: '2023-01-01', to: '2023-07-31' }));
    await click('bulletin-publish');
    expect(
      (await waitFor(() => $('[data-testid=bulletin-publish-confirm]'))).textContent,
    ).toContain('发布后数字将冻结，不能再修改');
    await click('bulletin-publish-cancel');
    await waitFor(() => $('[data-testid=bulletin-publish]'));
    expect(requests.some((r) => r.path.endsWith('/publish'))).toBe(false);
  });

  it('once published shows its number, read-only paragraphs and the frozen files', async () => {
    await openDraft(draftOf(7, { from: '2023-01-01', to: '2023-07-31' }));
    type('bulletin-text-situation', '总体推进有序');
    await click('bulletin-publish');
    await click('bulletin-publish-yes');
    expect((await waitFor(() => $('[data-testid=bulletin-code]'))).textContent).toBe(
      '督通〔2026〕1号',
    );
    const sent = requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(sent).toEqual(['PUT /api/v1/bulletins/7', 'POST /api/v1/bulletins/7/publish']);
    expect(($('[data-testid=bulletin-text-situation]') as HTMLTextAreaElement).readOnly).toBe(true);
    expect(($('[data-testid=bulletin-text-situation]') as HTMLTextAreaElement).value).toBe(
      '总体推进有序',
    );
    expect($('[data-testid=bulletin-save]')).toBeNull();
    const pdf = new URL(
      $('[data-testid=bulletin-record-pdf]')!.getAttribute('href')!,
      'http://localhost',
    );
    expect(`${pdf.pathname}${pdf.search}`).toBe('/api/v1/bulletins/7?format=pdf');
  });

  it("shows the server's message when the bulletin was published elsewhere", async () => {
    await openDraft(draftOf(7, { from: '2023-01-01', to: '2023-07-31' }));
    Object.assign(records[0]!, { status: 'published', code: '督通〔2026〕1号' });
    type('bulletin-text-problems', '新问题');
    await click('bulletin-save');
    expect((await waitFor(() => $('[data-testid=bulletin-error]'))).textContent).toContain(
      '督通〔2026〕1号已发布,不能再修改',
    );
    expect($('[data-testid=bulletin-save-state]')!.dataset.changed).toBe('yes');
  });
});
