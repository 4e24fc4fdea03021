import { describe, expect, it } from 'vitest';
import { toSearchParams } from '../src/api/client';
import {
  activeFilterCount,
  defaultFilters,
  filtersToSearch,
  hasActiveFilters,
  parseFilters,
  projectQuery,
  withFilter,
} from '../src/lib/filters';
import { exportUrl } from '../src/api';

const TODAY = '2024-06-15';

describe('parseFilters', () => {
  it('defaults to today, page 1, 50 per page and no filters', () => {
    expect(parseFilters('', TODAY)).toEqual(defaultFilters(TODAY));
    expect(defaultFilters(TODAY)).toMatchObject({
      as_of: TODAY,
      page: 1,
      per_page: 50,
      status: '',
      q: '',
    });
  });

  it('reads every filter', () => {
    const f = parseFilters(
      '?as_of=2024-03-31&status=behind&county=1&township=7&unit=3&level=county&series=2&q=%E9%81%93%E8%B7%AF&page=3&per_page=20',
      TODAY,
    );
    expect(f).toEqual({
      as_of: '2024-03-31',
      status: 'behind',
      county: '1',
      township: '7',
      unit: '3',
      level: 'county',
      series: '2',
      q: '道路',
      page: 3,
      per_page: 20,
    });
  });

  it('drops bad dates and pages', () => {
    const f = parseFilters('as_of=2024-02-30&page=-2&per_page=abc', TODAY);
    expect(f.as_of).toBe(TODAY);
    expect(f.page).toBe(1);
    expect(f.per_page).toBe(50);
    expect(parseFilters('per_page=100000', TODAY).per_page).toBe(200);
  });
});

describe('projectQuery (the API query)', () => {
  it('always sends as_of and paging, and only the filters that are set', () => {
    const f = { ...defaultFilters(TODAY), status: 'behind', township: '7', q: '  公厕 ' };
    expect(projectQuery(f)).toEqual({
      as_of: TODAY,
      status: 'behind',
      township: '7',
      q: '公厕',
      page: 1,
      per_page: 50,
    });
    expect(toSearchParams(projectQuery(f)).toString()).toBe(
      'as_of=2024-06-15&status=behind&township=7&q=%E5%85%AC%E5%8E%95&page=1&per_page=50',
    );
  });

  it('leaves out empty filters', () => {
    expect(toSearchParams(projectQuery(defaultFilters(TODAY))).toString()).toBe(
      'as_of=2024-06-15&page=1&per_page=50',
    );
  });
});

describe('filtersToSearch (the page URL)', () => {
  it('is empty for the defaults', () => {
    expect(filtersToSearch(defaultFilters(TODAY), TODAY)).toBe('');
  });

  it('keeps a past date, filters and page, and round-trips', () => {
    const f = {
      ...defaultFilters(TODAY),
      as_of: '2023-12-31',
      unit: '4',
      level: 'city',
      series: '9',
      page: 2,
    };
    const search = filtersToSearch(f, TODAY);
    expect(search).toBe('?as_of=2023-12-31&unit=4&level=city&series=9&page=2');
    expect(parseFilters(search, TODAY)).toEqual(f);
  });
});

describe('withFilter', () => {
  it('goes back to page 1 when a filter changes', () => {
    const f = { ...defaultFilters(TODAY), page: 4 };
    expect(withFilter(f, 'status', 'ahead')).toMatchObject({ status: 'ahead', page: 1 });
    expect(withFilter(f, 'page', 5).page).toBe(5);
  });

  it('clears the township when the county changes', () => {
    const f = { ...defaultFilters(TODAY), county: '1', township: '7' };
    expect(withFilter(f, 'county', '2')).toMatchObject({ county: '2', township: '' });
    expect(withFilter(f, 'county', '1').township).toBe('7');
  });

  it('knows when filters are active', () => {
    expect(hasActiveFilters(defaultFilters(TODAY))).toBe(false);
    expect(hasActiveFilters({ ...defaultFilters(TODAY), q: '  ' })).toBe(false);
    expect(hasActiveFilters({ ...defaultFilters(TODAY), level: 'province' })).toBe(true);
  });
});

describe('exportUrl', () => {
  it('carries the same filters as the list, without paging', () => {
    const f = { ...defaultFilters(TODAY), status: 'behind', unit: '3', page: 3 };
    expect(exportUrl(f)).toBe('/api/v1/projects/export?as_of=2024-06-15&status=behind&unit=3');
  });
});

describe('activeFilterCount', () => {
  it('counts every set filter and an as-of day other than today', () => {
    expect(activeFilterCount(parseFilters('', TODAY), TODAY)).toBe(0);
    expect(activeFilterCount(parseFilters('?status=behind&q=%20%20', TODAY), TODAY)).toBe(1);
    expect(
      activeFilterCount(parseFilters('?as_of=2023-07-31&county=1&level=county&q=x', TODAY), TODAY),
    ).toBe(4);
    expect(activeFilterCount(parseFilters('?page=3&per_page=100', TODAY), TODAY)).toBe(0);
  });
});
