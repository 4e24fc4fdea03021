/**
 * The list's filter panel: the "筛选" toggle on a narrow screen, the active-filter
 * count, the remembered fold.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Facets } from '../src/api';
import { FILTERS_COLLAPSED_KEY, FilterPanel } from '../src/components/FilterPanel';
import { reloadLang, setLang } from '../src/i18n';
import { parseFilters } from '../src/lib/filters';

const FACETS: Facets = {
  counties: [
    { id: 1, name: '台商区' },
    { id: 2, name: '青田县' },
  ],
  townships: [
    { id: 7, name: '城关镇', county_id: 1 },
    { id: 8, name: '鹤城街道', county_id: 2 },
  ],
  units: [{ id: 3, code: 'JT', name: '县交通运输局' }],
  series: [{ id: 2, name: '农村公厕' }],
  levels: [{ code: 'county', label: '县(区)级' }],
  statuses: [{ code: 'behind', label: '滞后' }],
};

type Happy = { happyDOM: { setViewport: (v: { width: number; height: number }) => void } };
const viewport = (width: number) =>
  (window as unknown as Happy).happyDOM.setViewport({ width, height: 740 });

const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const form = () => document.getElementById('project-filters') as HTMLFormElement;
const flush = () => new Promise((r) => setTimeout(r, 0));

let root: HTMLElement;

function show(search = '') {
  const set = vi.fn();
  render(
    <FilterPanel
      filters={parseFilters(search)}
      facets={FACETS}
      statuses={FACETS.statuses}
      set={set}
    />,
    root,
  );
  return set;
}

beforeEach(() => {
  localStorage.clear();
  reloadLang();
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  localStorage.clear();
  reloadLang();
  viewport(1024);
});

describe('on a 360 px phone', () => {
  beforeEach(() => viewport(360));

  it('starts open, so every filter can be reached, and shows a 筛选 toggle', () => {
    show();
    const toggle = $('filter-toggle')!;
    expect(toggle.textContent).toContain('筛选');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-controls')).toBe('project-filters');
    expect(form().hidden).toBe(false);
    for (const id of ['filter-as-of', 'filter-county', 'filter-level', 'filter-q'])
      expect($(id), id).not.toBeNull();
    expect($('filter-count')).toBeNull(); // nothing is filtered
    expect(toggle.getAttribute('aria-label')).toBeNull();
  });

  it('counts the active filters, the as-of day included', () => {
    show('?as_of=2023-07-31&county=1&level=county&q=%E5%8D%97%E6%B9%BE');
    expect($('filter-count')!.textContent).toBe('4');
    expect($('filter-toggle')!.getAttribute('aria-label')).toBe('筛选，已设 4 项');
  });

  it('folds and unfolds, and remembers the fold on this device', async () => {
    show('?status=behind');
    $('filter-toggle')!.click();
    await flush();
    expect(form().hidden).toBe(true);
    expect($('filter-toggle')!.getAttribute('aria-expanded')).toBe('false');
    expect($('filter-count')!.textContent).toBe('1'); // still visible while folded
    expect(localStorage.getItem(FILTERS_COLLAPSED_KEY)).toBe('1');

    $('filter-toggle')!.click();
    await flush();
    expect(form().hidden).toBe(false);
    expect(localStorage.getItem(FILTERS_COLLAPSED_KEY)).toBeNull();
  });

  it('starts folded once the person folded it before', () => {
    localStorage.setItem(FILTERS_COLLAPSED_KEY, '1');
    show();
    expect(form().hidden).toBe(true);
    expect($('filter-toggle')!.getAttribute('aria-expanded')).toBe('false');
  });

  it('says "Filters" in English', () => {
    setLang('en');
    show('?unit=3');
    expect($('filter-toggle')!.textContent).toContain('Filters');
    expect($('filter-toggle')!.getAttribute('aria-label')).toBe('Filters, 1 set');
  });
});

describe('on a wider screen', () => {
  it('always shows the panel and no toggle, even after a fold on the phone', () => {
    viewport(600);
    localStorage.setItem(FILTERS_COLLAPSED_KEY, '1');
    show('?status=behind');
    expect($('filter-toggle')).toBeNull();
    expect(form().hidden).toBe(false);
  });
});

describe('the selects', () => {
  it('offer 全部 first and change one filter', () => {
    viewport(1024);
    const set = show('?county=2');
    const county = $('filter-county') as HTMLSelectElement;
    expect([...county.options].map((o) => [o.value, o.text])).toEqual([
      ['', '全部'],
      ['1', '台商区'],
      ['2', '青田县'],
    ]);
    expect(county.value).toBe('2');
    // townships of the chosen county only
    expect([...($('filter-township') as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      '全部',
      '鹤城街道',
    ]);
    const level = $('filter-level') as HTMLSelectElement;
    level.value = 'county';
    level.dispatchEvent(new Event('change', { bubbles: true }));
    expect(set).toHaveBeenCalledWith('level', 'county');
  });
});
