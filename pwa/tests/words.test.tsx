/**
 * Each screen tells the truth (issue 14, "Words"): the draw's algorithm by its Chinese name, a
 * problem of a returned inspection marked 所属检查已退回, and 交办 starting from the finder's
 * suggested unit and deadline.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api';
import type { IssueDetail, IssueItem } from '../src/api/issues';
import { IssueRow } from '../src/components/office/IssueRow';
import { reloadLang, setLang } from '../src/i18n';
import { todayISO } from '../src/lib/format';
import { suggestedDeadline } from '../src/lib/issues';
import { algorithmName } from '../src/lib/plans';
import { IssuePage } from '../src/pages/office/Issues';
import { waitFor } from './support/wait';

const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const inDays = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return todayISO(d);
};
const ID = '11111111-2222-4333-8444-555555555555';

function item(over: Partial<IssueItem> = {}): IssueItem {
  return {
    id: ID,
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

function detail(over: Partial<IssueDetail> = {}): IssueDetail {
  return {
    ...item(),
    description: '村东头三户龙头无水',
    suggested_unit: '水利局',
    suggested_deadline: inDays(9),
    duplicate_of_id: null,
    inspection_id: null,
    report_id: null,
    lat: null,
    lon: null,
    created_by: { id: 2, display_name: '陈志强' },
    events: [],
    slips: [],
    photo_ids: [],
    allowed_targets: ['assigned', 'duplicate', 'rejected'],
    can_decide_extension: false,
    can_request_extension: false,
    ...over,
  } as IssueDetail;
}

let root: HTMLElement;
beforeEach(() => {
  localStorage.clear();
  reloadLang();
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('the draw of a 随机查', () => {
  it('names its algorithm in Chinese, and in English when asked', () => {
    expect(algorithmName('strata-random-sample-v1')).toBe('分层随机抽样（第 1 版）');
    setLang('en', { persist: false });
    expect(algorithmName('strata-random-sample-v1')).toBe('Stratified random sample (v1)');
    setLang('zh-CN', { persist: false });
  });

  it('shows an algorithm the app does not know by its recorded code', () => {
    expect(algorithmName('strata-random-sample-v9')).toBe('strata-random-sample-v9');
    expect(algorithmName(null)).toBe('');
  });
});

describe('a problem of a returned inspection', () => {
  it('is marked 所属检查已退回 in the ledger', () => {
    render(<IssueRow issue={item({ inspection_returned: true })} />, root);
    expect($('issue-inspection-returned')!.textContent).toBe('所属检查已退回');
  });

  it('carries no mark once its inspection is resubmitted', () => {
    render(<IssueRow issue={item({ inspection_returned: false })} />, root);
    expect($('issue-inspection-returned')).toBeNull();
  });
});

describe('交办 from the finder’s suggestion', () => {
  it('keeps a suggested deadline still ahead and drops a past one', () => {
    expect(suggestedDeadline('2026-12-20', '2026-12-07')).toBe('2026-12-20');
    expect(suggestedDeadline('2026-12-07', '2026-12-07')).toBe('2026-12-07');
    expect(suggestedDeadline('2026-12-01', '2026-12-07')).toBe('');
    expect(suggestedDeadline(null, '2026-12-07')).toBe('');
  });

  it('preselects the suggested unit and deadline in the form', async () => {
    api.setCsrfToken('tok');
    const units = [
      { id: 3, code: 'SL', name: '县水利局' },
      { id: 4, code: 'JT', name: '县交通运输局' },
    ];
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      const body = url.pathname === '/api/v1/units' ? { items: units } : detail();
      return new Response(JSON.stringify(body), { status: 200 });
    }) as unknown as typeof fetch;
    render(<IssuePage id={ID} />, root);
    await waitFor(() => $('issue-action-assign'));
    $('issue-action-assign')!.click();
    await waitFor(() => ($('issue-unit') as HTMLSelectElement | null)?.value === '3');
    expect(($('issue-deadline') as HTMLInputElement).value).toBe(inDays(9));
  });
});
