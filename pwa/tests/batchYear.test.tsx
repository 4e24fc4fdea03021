/** The project list and the map by batch year (年度): the server's default, the URL's choice. */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../src/api';
import { reloadLang } from '../src/i18n';
import { ProjectList } from '../src/pages/ProjectList';
import { ProjectMapPage } from '../src/pages/office/Map';
import { waitFor } from './support/wait';
import { $, ADMIN, choose, installFetch, requests, serve } from './admin/harness';

const FACETS = {
  counties: [],
  townships: [],
  units: [],
  series: [],
  levels: [],
  statuses: [],
  batch_years: [2024, 2023],
  batch_year: 2024,
};
const PAGE = { items: [], total: 0, page: 1, per_page: 50, as_of: '2024-06-30', counts: {} };
let root: HTMLElement;

beforeEach(() => {
  localStorage.clear();
  reloadLang();
  installFetch();
  api.setCsrfToken('t');
  root = document.createElement('div');
  document.body.appendChild(root);
  serve(({ url }) => {
    if (url.pathname === '/api/v1/projects/facets') return [200, FACETS];
    if (url.pathname === '/api/v1/projects') return [200, PAGE];
    if (url.pathname === '/api/v1/map/projects')
      return [
        200,
        {
          region: { id: null, name: '全部' },
          as_of: '2024-06-30',
          year: Number(url.searchParams.get('year') ?? 2024),
          years: [2024, 2023],
          tiles: { provider: 'none', layers: [], max_zoom: 18 },
          projects: [],
        },
      ];
    return undefined;
  });
});

afterEach(() => {
  render(null, root);
  root.remove();
});

const listCalls = () => requests.filter((r) => r.url.pathname === '/api/v1/projects');

describe('年度', () => {
  it('lists the server’s default batch when the URL names none', async () => {
    render(<ProjectList user={ADMIN} search="" />, root);
    await waitFor(() => listCalls().length === 1);
    expect(listCalls()[0]!.url.searchParams.get('batch_year')).toBe('2024');
    await waitFor(() => ($('batch-year') as HTMLSelectElement | null)?.value === '2024');
    const options = [...($('batch-year') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['2024', '2023', 'all']);
  });

  it('lists the URL’s year, or every year for 全部年度', async () => {
    render(<ProjectList user={ADMIN} search="?batch_year=2023" />, root);
    await waitFor(() => listCalls().length === 1);
    expect(listCalls()[0]!.url.searchParams.get('batch_year')).toBe('2023');
    render(<ProjectList user={ADMIN} search="?batch_year=all" />, root);
    await waitFor(() => listCalls().length === 2);
    expect(listCalls()[1]!.url.searchParams.has('batch_year')).toBe(false);
  });

  it('moves to another year from the picker, keeping the other filters', async () => {
    window.history.replaceState(null, '', '/projects?status=behind');
    render(<ProjectList user={ADMIN} search="?status=behind" />, root);
    await waitFor(() => ($('batch-year') as HTMLSelectElement | null)?.options.length === 3);
    choose($('batch-year'), '2023');
    expect(window.location.search).toBe('?status=behind&batch_year=2023');
  });

  it('asks the map for the URL’s year and offers every year with projects', async () => {
    render(<ProjectMapPage search="?year=2023" />, root);
    await waitFor(() => $('map-year'));
    const call = requests.find((r) => r.url.pathname === '/api/v1/map/projects')!;
    expect(call.url.searchParams.get('year')).toBe('2023');
    expect(($('map-year') as HTMLSelectElement).value).toBe('2023');
  });
});
