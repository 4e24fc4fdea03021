/** What a map point's hover tooltip says (lib/map.ts tooltipLines). */
import { beforeEach, describe, expect, it } from 'vitest';
import { reloadLang } from '../src/i18n';
import { tooltipLines } from '../src/lib/map';

beforeEach(() => {
  localStorage.clear();
  reloadLang();
});

describe('a map point tooltip', () => {
  it('names the project, then its code, status and open problems', () => {
    const lines = tooltipLines({
      name: '东园镇中心小学综合楼新建工程',
      code: 'TS2023-001',
      status_label: '滞后',
      open_problems: 2,
    });
    expect(lines).toEqual(['东园镇中心小学综合楼新建工程', 'TS2023-001 · 滞后 · 未销号问题 2 个']);
  });

  it('leaves out a missing code', () => {
    const [, facts] = tooltipLines({
      name: '长者食堂',
      code: '',
      status_label: '按序时',
      open_problems: 0,
    });
    expect(facts).toBe('按序时 · 未销号问题 0 个');
  });
});
