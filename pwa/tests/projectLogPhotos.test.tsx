/** The project log (督查日志): each line's photos counted per stage, and its photos' flags. */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProjectLog as Log } from '../src/api/lists';
import { reloadLang } from '../src/i18n';
import { ProjectLog } from '../src/pages/ProjectLog';
import { waitFor } from './support/wait';

const $$ = (testid: string) => [
  ...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`),
];

const LOG: Log = {
  project: { id: 5, code: 'TS2023-001', name: '东园镇中心小学综合楼新建工程' },
  totals: { entries: 2, inspections: 1, problems: 1, problem_events: 0, progress_reports: 0 },
  entries: [
    {
      at: '2026-12-01T01:00:00Z',
      kind: 'inspection',
      kind_label: '检查',
      ref_id: 'a',
      title: '随机查',
      detail: null,
      who: '陈志强',
      photo_counts: { inspection: 2, found: 0, rectify: 0, verify: 0, report: 0 },
    },
    {
      at: '2026-12-02T01:00:00Z',
      kind: 'problem',
      kind_label: '问题',
      ref_id: 'b',
      title: '校门口围栏倒伏',
      detail: null,
      who: '黄丽娟',
      photo_counts: { found: 1, rectify: 2, verify: 1, report: 1, inspection: 0 },
      warning_flags: [{ code: 'far_from_project', message: '拍摄地点距项目 5.6 公里' }],
    },
  ],
};

let root: HTMLElement;
beforeEach(() => {
  localStorage.clear();
  reloadLang();
  globalThis.fetch = vi.fn(
    async () => new Response(JSON.stringify(LOG), { status: 200 }),
  ) as unknown as typeof fetch;
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('the project log', () => {
  it("counts each line's photos per stage, naming only the stages it has", async () => {
    render(<ProjectLog id="5" />, root);
    await waitFor(() => $$('log-photo-counts').length === 2);
    // newest first
    const [problem, inspection] = $$('log-photo-counts');
    expect(problem!.textContent).toBe('照片 代表 1 · 发现 1 · 整改 2 · 复核 1');
    expect(problem!.dataset.rectify).toBe('2');
    expect(inspection!.textContent).toBe('照片 检查 2');
  });

  it("shows the warning flags of a line's photos", async () => {
    render(<ProjectLog id="5" />, root);
    await waitFor(() => $$('log-flag').length === 1);
    expect($$('log-flag')[0]!.textContent).toBe('拍摄地点距项目 5.6 公里');
    expect($$('log-flag')[0]!.dataset.severity).toBe('warning');
    // folded under a count, so a long history stays readable
    expect($$('log-flags')[0]!.querySelector('summary')!.textContent).toBe('照片疑点 1 条');
  });
});
