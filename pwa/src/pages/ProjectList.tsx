/** 项目台账: filters, status counts, the list (table on desktop, cards on phone), paging. */
import { useEffect, useMemo, useRef } from 'preact/hooks';
import {
  exportUrl,
  getFacets,
  listProjects,
  type Facets,
  type ProjectPage,
  type ProjectSummary,
  type User,
} from '../api';
import { rectificationXlsxUrl, responsibilityXlsxUrl } from '../api/lists';
import { t } from '../i18n';
import { filtersToSearch, parseFilters, withFilter, type ProjectFilters } from '../lib/filters';
import { formatPct, todayISO } from '../lib/format';
import { useLoad, useMediaQuery, WIDE_QUERY } from '../lib/hooks';
import { canManageLedger } from '../lib/roles';
import { Link, navigate } from '../lib/router';
import { STATUS_ORDER, statusLabel, statusTone } from '../lib/status';
import {
  ErrorBanner,
  Loading,
  PageTitle,
  ProgressBar,
  StatusBadge,
  TableHead,
} from '../components/ui';
import { FilterPanel } from '../components/FilterPanel';
import { YearSelect } from '../components/YearSelect';
import { chosenYear, yearQuery } from '../lib/batch-year';

/** The last list URL, so the detail page's "back" returns to the same filters and page. */
let lastListUrl = '/projects';
export const projectListUrl = () => lastListUrl;

function detailUrl(p: ProjectSummary, asOf: string): string {
  return `/projects/${p.id}${asOf !== todayISO() ? `?as_of=${asOf}` : ''}`;
}

export function ProjectList({ user, search }: { user: User; search: string }) {
  const filters = useMemo(() => parseFilters(search), [search]);
  const wide = useMediaQuery(WIDE_QUERY);
  const facets = useLoad<Facets>((signal) => getFacets(signal), []);
  // 年度: the URL's batch_year, else the server's default once the facets say it
  const urlYear = new URLSearchParams(search).get('batch_year');
  const year = chosenYear(
    urlYear,
    facets.data?.batch_year,
    facets.data !== undefined || facets.error != null,
  );
  const list = useLoad<ProjectPage>(
    (signal) =>
      year === null
        ? new Promise<ProjectPage>(() => undefined) // the default year is on its way
        : listProjects(filters, signal, yearQuery(year)),
    [search, year],
  );
  const manager = canManageLedger(user);
  const withYear = (qs: string, y: string | null = urlYear) => {
    if (!y) return qs;
    const params = new URLSearchParams(qs);
    params.set('batch_year', y);
    return `?${params.toString()}`;
  };

  useEffect(() => {
    lastListUrl = '/projects' + withYear(filtersToSearch(filters));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, urlYear]);

  // the panel's debounced search may fire after other filters changed: always start from the latest
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  function set<K extends keyof ProjectFilters>(key: K, value: ProjectFilters[K], replace = false) {
    navigate('/projects' + withYear(filtersToSearch(withFilter(filtersRef.current, key, value))), {
      replace,
    });
  }

  const f = facets.data;
  const statuses = f?.statuses?.length
    ? f.statuses
    : STATUS_ORDER.map((code) => ({ code, label: statusLabel(code) }));
  const data = list.data;
  const counts = data?.counts ?? {};
  const countTotal = STATUS_ORDER.reduce((sum, code) => sum + (counts[code] ?? 0), 0);
  const pages = data ? Math.max(1, Math.ceil(data.total / data.per_page)) : 1;

  return (
    <section class="page">
      <PageTitle
        actions={
          manager && (
            <>
              <Link href="/import" class="btn" data-testid="import-link">
                {t('projects.import')}
              </Link>
              <a
                href={exportUrl(filters, yearQuery(year))}
                class="btn"
                download
                data-testid="export-link"
              >
                {t('projects.export')}
              </a>
              <a
                href={responsibilityXlsxUrl()}
                class="btn"
                download
                data-testid="responsibility-link"
              >
                {t('lists.responsibility')}
              </a>
              <a
                href={rectificationXlsxUrl()}
                class="btn"
                download
                data-testid="rectification-link"
              >
                {t('lists.rectification')}
              </a>
            </>
          )
        }
      >
        {t('projects.title')}
      </PageTitle>

      <YearSelect
        years={facets.data?.batch_years ?? []}
        value={year}
        withAll
        onValue={(y) =>
          navigate('/projects' + withYear(filtersToSearch({ ...filters, page: 1 }), y))
        }
      />
      <FilterPanel filters={filters} facets={facets.data} statuses={statuses} set={set} />
      <ErrorBanner error={facets.error} />

      <div class="chips" role="group" aria-label={t('projects.statusCounts')}>
        <button
          type="button"
          class={`chip${filters.status === '' ? ' active' : ''}`}
          aria-pressed={filters.status === ''}
          data-testid="status-count-all"
          onClick={() => set('status', '')}
        >
          {t('common.all')} <b>{data ? countTotal : '…'}</b>
        </button>
        {statuses.map((s) => (
          <button
            key={s.code}
            type="button"
            class={`chip tone-${statusTone(s.code)}${filters.status === s.code ? ' active' : ''}`}
            aria-pressed={filters.status === s.code}
            data-testid={`status-count-${s.code}`}
            data-count={counts[s.code] ?? 0}
            onClick={() => set('status', filters.status === s.code ? '' : s.code)}
          >
            <span class="chip-dot" aria-hidden="true" />
            {s.label} <b>{data ? (counts[s.code] ?? 0) : '…'}</b>
          </button>
        ))}
      </div>

      <ErrorBanner error={list.error} onRetry={list.reload} />
      {!data && list.loading && <Loading />}
      {data && (
        <div class={`results${list.loading ? ' is-loading' : ''}`} aria-busy={list.loading}>
          <p class="muted" data-testid="project-total">
            {t('projects.total', { total: data.total })}
          </p>
          {data.items.length === 0 ? (
            <p class="empty" data-testid="project-empty">
              {t('projects.empty')}
            </p>
          ) : wide ? (
            <ProjectTable items={data.items} asOf={filters.as_of} />
          ) : (
            <ProjectCards items={data.items} asOf={filters.as_of} />
          )}
          {pages > 1 && (
            <nav class="pager" aria-label="pagination">
              <button
                type="button"
                class="btn"
                data-testid="page-prev"
                disabled={filters.page <= 1}
                onClick={() => set('page', filters.page - 1)}
              >
                {t('common.prev')}
              </button>
              <span data-testid="page-info">
                {t('common.page', { page: data.page, pages, total: data.total })}
              </span>
              <button
                type="button"
                class="btn"
                data-testid="page-next"
                disabled={filters.page >= pages}
                onClick={() => set('page', filters.page + 1)}
              >
                {t('common.next')}
              </button>
            </nav>
          )}
        </div>
      )}
    </section>
  );
}

function ProjectTable({ items, asOf }: { items: ProjectSummary[]; asOf: string }) {
  return (
    <div class="table-wrap card">
      <table class="table projects-table">
        <TableHead
          columns={[
            t('projects.code'),
            t('projects.name'),
            t('projects.township'),
            t('projects.unit'),
            { label: t('projects.progress'), class: 'col-progress' },
            { label: t('projects.planned'), class: 'num' },
            t('projects.status'),
          ]}
        />
        <tbody>
          {items.map((p) => {
            const href = detailUrl(p, asOf);
            return (
              <tr
                key={p.id}
                data-testid="project-row"
                data-code={p.code}
                class="clickable"
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('a')) return;
                  navigate(href);
                }}
              >
                <td class="mono">{p.code}</td>
                <td>
                  <Link href={href} class="row-link">
                    {p.name}
                  </Link>
                </td>
                <td>{p.township?.name ?? '—'}</td>
                <td>{p.unit?.name ?? '—'}</td>
                <td>
                  <ProgressBar
                    value={p.progress_pct}
                    planned={p.planned_progress_pct}
                    status={p.schedule_status}
                  />
                </td>
                <td class="num">{formatPct(p.planned_progress_pct)}</td>
                <td>
                  <StatusBadge code={p.schedule_status} label={p.schedule_status_label} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ProjectCards({ items, asOf }: { items: ProjectSummary[]; asOf: string }) {
  return (
    <ul class="cards">
      {items.map((p) => {
        const href = detailUrl(p, asOf);
        return (
          <li key={p.id} class="card project-card" data-testid="project-row" data-code={p.code}>
            <div class="project-card-head">
              <span class="mono muted">{p.code}</span>
              <StatusBadge code={p.schedule_status} label={p.schedule_status_label} />
            </div>
            <Link href={href} class="project-card-name">
              {p.name}
            </Link>
            <p class="muted">
              {[p.township?.name, p.unit?.name].filter(Boolean).join(' · ') || '—'}
            </p>
            <ProgressBar
              value={p.progress_pct}
              planned={p.planned_progress_pct}
              status={p.schedule_status}
            />
            <p class="muted small">
              {t('projects.plannedShort', { pct: formatPct(p.planned_progress_pct) })}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
