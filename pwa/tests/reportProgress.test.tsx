/** The deputy's step line and notices as rendered from a pulled report (no network, no sync). */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportProgress } from '../src/components/field/ReportProgress';
import { reloadLang } from '../src/i18n';
import type { PulledReport } from '../src/lib/report-steps';

const report: PulledReport = {
  id: 'r1',
  project_id: 7,
  title: '三户无水',
  description: '三户至今没有来水',
  location: null,
  status: 'accepted',
  reply: '已打开阀门',
  rating: 'dissatisfied',
  rating_comment: '还是没水',
  created_at: '2023-07-01T12:00:00Z',
  issue_id: 'i-9',
  issue_state: 'rectifying',
  issue_deadline: '2023-08-16',
  steps: [
    { key: 'accepted', done: true, at: '2023-07-02T12:00:00Z' },
    { key: 'assigned', done: true, at: '2023-07-03T12:00:00Z' },
    { key: 'rectified', done: false, at: null },
    { key: 'replied', done: false, at: null },
  ],
  reopened: { at: '2023-08-01T02:00:00Z', deadline: '2023-08-16' },
};

const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
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

describe('ReportProgress', () => {
  it('after 不满意: the steps reached with dates, the new deadline, the problem back in 整改中', () => {
    render(<ReportProgress report={report} />, root);
    expect($('report-step-assigned')!.dataset.done).toBe('true');
    expect($('report-step-assigned')!.getAttribute('aria-current')).toBe('step');
    expect($('report-step-accepted')!.textContent).toBe('受理07-02');
    expect($('report-step-replied')!.dataset.done).toBe('false');
    expect($('report-reopened')!.textContent).toBe('已重新交办整改，新期限 2023-08-16');
    expect($('report-problem')!.textContent).toBe('问题状态：整改中 · 整改期限 2023-08-16');
  });

  it('a declined report: 不予受理 and the reason, no step line', () => {
    render(
      <ReportProgress
        report={{
          ...report,
          status: 'declined',
          reply: '不属于民生实事范围',
          rating: null,
          reopened: null,
          issue_state: null,
          steps: [],
        }}
      />,
      root,
    );
    expect($('report-steps')).toBeNull();
    expect($('report-declined')!.textContent).toBe('不予受理原因：不属于民生实事范围');
    expect($('report-problem')).toBeNull();
  });
});
