/**
 * The office's bulletin page against a fake server: the period asked for, the
 * figures shown, the files' links.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bulletin as BulletinData } from '../src/api/bulletin';
import { reloadLang } from '../src/i18n';
import { Bulletin } from '../src/pages/office/Bulletin';
import { waitFor } from './support/wait';

const zeroStatuses = {
  completed_early: 0,
  completed: 0,
  ahead: 0,
  on_schedule: 0,
  behind: 0,
  postponed: 0,
};
const FIGURES: BulletinData = {
  title: '关于泉州台商投资区2023年1—7月民生实事项目推进情况的督查通报',
  number: null,
  region: { id: 3, name: '泉州台商投资区' },
  from: '2023-01-01',
  to: '2023-07-31',
  issued_on: '2023-07-31',
  projects: {
    levels: [{ level: 'county', level_label: '县(区)级', total: 48, completed: 17, rate: '35.42' }],
    total: { total: 48, completed: 17, rate: '35.42' },
  },
  statuses: {
    levels: [
      {
        level: 'county',
        level_label: '县(区)级',
        ...zeroStatuses,
        completed_early: 17,
        ahead: 4,
        on_schedule: 27,
      },
    ],
    total: { ...zeroStatuses, completed_early: 17, ahead: 4, on_schedule: 27 },
  },
  funds: {
    levels: [
      {
        level: 'county',
        level_label: '县(区)级',
        planned_yuan: 480_470_000,
        released_yuan: 406_000_000,
        spent_yuan: 300_000_000,
        released_share: '84.50',
      },
    ],
    total: {
      planned_yuan: 480_470_000,
      released_yuan: 406_000_000,
      spent_yuan: 300_000_000,
      released_share: '84.50',
    },
  },
  lagging: [
    {
      id: 9,
      code: 'TS-9',
      name: '下宫村防护工程',
      level: 'county',
      level_label: '县(区)级',
      unit_name: '交通局',
      township_name: '张坂镇',
      progress_pct: '45.0',
      reason: '征地未完成',
    },
    {
      id: 10,
      code: 'TS-10',
      name: '文化空间',
      level: 'county',
      level_label: '县(区)级',
      unit_name: null,
      township_name: null,
      progress_pct: '30.0',
      reason: null,
    },
  ],
  postponed: [],
  problems: {
    total: { found: 5, rectified: 3, closed: 2, open: 3, overdue: 1 },
    units: [
      { unit_id: 4, unit_name: '水利局', found: 5, rectified: 3, closed: 2, open: 3, overdue: 1 },
    ],
  },
  inspections: { kinds: { revisit: 2, random: 1, focused: 0, joint: 0, routine: 3 }, total: 6 },
  deputy_reports: {
    received: 4,
    accepted: 3,
    declined: 1,
    replied: 2,
    ratings: {
      grades: { satisfied: 1, basically_satisfied: 1, dissatisfied: 0 },
      total: 2,
      satisfaction_rate: '100.00',
    },
  },
};
const FACETS = {
  counties: [
    { id: 3, name: '泉州台商投资区' },
    { id: 4, name: '青田县' },
  ],
  townships: [],
  units: [],
  series: [],
  levels: [],
  statuses: [],
};

let asked: URL[];
beforeEach(() => {
  localStorage.clear();
  reloadLang();
  asked = [];
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    asked.push(url);
    const body =
      url.pathname === '/api/v1/projects/facets'
        ? FACETS
        : url.pathname === '/api/v1/bulletins/figures'
          ? FIGURES
          : { code: 'not_found' };
    return new Response(JSON.stringify(body), {
      status:
        url.pathname.endsWith('/bulletins/figures') || url.pathname.endsWith('/facets') ? 200 : 404,
    });
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
const CUSTOM = '?period=custom&from=2023-01-01&to=2023-07-31&county=3';

async function open(search: string) {
  render(<Bulletin search={search} />, root);
  await waitFor(() => $('[data-testid=bulletin-figures][data-ready=yes]'));
}

describe('the office bulletin page', () => {
  it('asks the server for the chosen days and county', async () => {
    await open(CUSTOM);
    const call = asked.find((u) => u.pathname === '/api/v1/bulletins/figures')!;
    expect(Object.fromEntries(call.searchParams)).toEqual({
      from: '2023-01-01',
      to: '2023-07-31',
      county: '3',
    });
  });

  it('shows the schedule statuses of each level and the total', async () => {
    await open(CUSTOM);
    expect(
      $('[data-testid=bulletin-statuses] tr[data-level=county] td[data-code=completed_early]')!
        .textContent,
    ).toBe('17');
    expect($('[data-testid=bulletin-status-ahead]')!.textContent).toBe('4');
    expect($('[data-testid=bulletin-statuses] thead')!.textContent).toContain('提前完成');
  });

  it('shows funds in 万元 and the released share as the report writes it', async () => {
    await open(CUSTOM);
    expect($('[data-testid=bulletin-released]')!.textContent).toBe('40,600.00');
    expect($('[data-testid=bulletin-released-share]')!.textContent).toBe('84.50%');
  });

  it('lists lagging projects with their reasons, and says when none was given', async () => {
    await open(CUSTOM);
    const reasons = [
      ...root.querySelectorAll('[data-testid=bulletin-lagging-row] td.col-note'),
    ].map((c) => c.textContent);
    expect(reasons).toEqual(['征地未完成', '未填写']);
    expect($('[data-testid=bulletin-postponed]')!.textContent).toContain('无');
  });

  it('names inspection kinds and rating grades in Chinese', async () => {
    await open(CUSTOM);
    expect($('[data-testid=bulletin-inspections]')!.textContent).toContain('回头看');
    expect($('[data-testid=bulletin-ratings]')!.textContent).toContain('基本满意');
    expect($('[data-testid=bulletin-satisfaction]')!.textContent).toBe('100.00%');
  });

  it('links the PDF and XLSX of the same period and county', async () => {
    await open(CUSTOM);
    for (const format of ['pdf', 'xlsx']) {
      const href = new URL(
        $(`[data-testid=bulletin-${format}]`)!.getAttribute('href')!,
        'http://localhost',
      );
      expect(href.pathname).toBe('/api/v1/bulletins/figures');
      expect(Object.fromEntries(href.searchParams)).toEqual({
        from: '2023-01-01',
        to: '2023-07-31',
        county: '3',
        format,
      });
    }
  });

  it('offers the counties when the office oversees more than one', async () => {
    await open(CUSTOM);
    const county = await waitFor(() =>
      root.querySelector<HTMLSelectElement>('[data-testid=bulletin-county]'),
    );
    expect([...county.options].map((o) => o.textContent)).toEqual([
      '全部（本辖区）',
      '泉州台商投资区',
      '青田县',
    ]);
    expect(county.value).toBe('3');
  });

  it('asks for nothing and says why when the first day is after the last', async () => {
    render(<Bulletin search="?period=custom&from=2023-08-01&to=2023-07-31" />, root);
    const message = await waitFor(() => $('[data-testid=bulletin-no-period]'));
    expect(message.textContent).toBe('开始日期不能晚于截止日期。');
    await new Promise((r) => setTimeout(r, 30));
    expect(asked.some((u) => u.pathname === '/api/v1/bulletins/figures')).toBe(false);
    expect($('[data-testid=bulletin-pdf]')).toBeNull();
  });
});
