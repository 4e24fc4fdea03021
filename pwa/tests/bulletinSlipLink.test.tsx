/** The office problem page links the slip in force to its one-page PDF (打印交办单). */
import { render } from 'preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { IssueDetail } from '../src/api/issues';
import { reloadLang } from '../src/i18n';
import { IssueDetailView } from '../src/components/office/IssueDetail';

const ID = '11111111-2222-4333-8444-555555555555';
const slip = (id: number, number: number) => ({
  id,
  code: `督交〔2026〕${number}号`,
  issue_id: ID,
  issue_title: '管网铺设后无法供水',
  project: null,
  region: { id: 1, name: '青田县' },
  year: 2026,
  number,
  unit: { id: 3, name: '县水利局' },
  deadline: '2026-03-20',
  requirements: '一周内恢复供水',
  issued_by: { id: 1, display_name: '黄丽娟' },
  issued_at: '2026-03-10T02:00:00Z',
});

function assigned(slips: ReturnType<typeof slip>[]): IssueDetail {
  const last = slips[slips.length - 1]!;
  return {
    id: ID,
    title: '管网铺设后无法供水',
    severity: 'high',
    state: 'assigned',
    state_label: '已交办',
    unit: { id: 3, name: '县水利局' },
    deadline: '2026-03-20',
    days_left: 2,
    colour: 'yellow',
    colour_label: '黄',
    pending_extension_until: null,
    project: { id: 11, code: 'QT-001', name: '农村饮用水提升' },
    slip: { id: last.id, code: last.code },
    created_at: '2026-03-01T02:00:00Z',
    version: 2,
    description: '村东头三户龙头无水',
    suggested_unit: null,
    suggested_deadline: null,
    duplicate_of_id: null,
    inspection_id: null,
    report_id: null,
    lat: null,
    lon: null,
    created_by: { id: 2, display_name: '陈志强' },
    events: [],
    slips,
    photo_ids: [],
    allowed_targets: [],
    can_decide_extension: false,
    can_request_extension: false,
  } as IssueDetail;
}

let root: HTMLElement;
beforeEach(() => {
  localStorage.clear();
  reloadLang();
  globalThis.fetch = vi.fn(
    async () => new Response('{"code":"not_found"}', { status: 404 }),
  ) as unknown as typeof fetch;
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

it('links the latest slip to its PDF', () => {
  render(
    <IssueDetailView issue={assigned([slip(8, 2), slip(9, 3)])} reload={() => undefined} />,
    root,
  );
  const link = root.querySelector<HTMLAnchorElement>('[data-testid=issue-slip-pdf]')!;
  expect(link.textContent).toBe('打印交办单（PDF）');
  expect(link.getAttribute('href')).toBe('/api/v1/slips/9?format=pdf');
});

it('shows no print link before the problem is assigned', () => {
  render(
    <IssueDetailView
      issue={{ ...assigned([slip(9, 3)]), slips: [], slip: null, state: 'found' }}
      reload={() => undefined}
    />,
    root,
  );
  expect(root.querySelector('[data-testid=issue-slip-pdf]')).toBeNull();
});
