/** 项目台账: filters, status counts, the list (table on desktop, cards on phone), paging. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { exportUrl, getFacets, listProjects, type Facets, type ProjectPage, type ProjectSummary, type User } from '../api';
import { t } from '../i18n';
import {
  filtersToSearch,
  hasActiveFilters,
  parseFilters,
  withFilter,
  type ProjectFilters,
} from '../lib/filters';
import { formatPct, todayISO } from '../lib/format';
import { useLoad, useMediaQuery, WIDE_QUERY } from '../lib/hooks';
import { canManageLedger } from '../lib/roles';
import { Link, navigate } from '../lib/router';
import { STATUS_ORDER, statusLabel, statusTone } from '../lib/status';
import { ErrorBanner, Loading, PageTitle, ProgressBar, StatusBadge } from '../components/ui';

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
  const list = useLoad<ProjectPage>((signal) => listProjects(filters, signal), [search]);
  const manager = canManageLedger(user);

  useEffect(() => {
    lastListUrl = '/projects' + filtersToSearch(filters);
  }, [filters]);

  // the debounced search below may fire after other filters changed: always start from the latest
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  function set<K extends keyof ProjectFilters>(key: K, value: ProjectFilters[K], replace = false) {
    navigate('/projects' + filtersToSearch(withFilter(filtersRef.current, key, value)), { replace });
  }
  function applyQ(draft: string) {
    lastApplied.current = draft.trim();
    set('q', draft.trim(), true);
  }

  // Free text: typed into a draft, applied after a pause or on Enter.
  const [qDraft, setQDraft] = useState(filters.q);
  const lastApplied = useRef(filters.q);
  useEffect(() => {
    if (filters.q !== lastApplied.current) {
      lastApplied.current = filters.q;
      setQDraft(filters.q); // changed from outside (Back, reset)
    }
  }, [filters.q]);
  useEffect(() => {
    if (qDraft.trim() === filtersRef.current.q) return;
    const timer = window.setTimeout(() => applyQ(qDraft), 400);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [qDraft]);

  const f = facets.data;
  const townships = useMemo(
    () => (f?.townships ?? []).filter((tw) => !filters.county || String(tw.county_id) === filters.county),
    [f, filters.county],
  );
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
              <a href={exportUrl(filters)} class="btn" download data-testid="export-link">
                {t('projects.export')}
              </a>
            </>
          )
        }
      >
        {t('projects.title')}
      </PageTitle>

      <form
        class="filters card"
        aria-label={t('projects.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          applyQ(qDraft);
        }}
      >
        <div class="field">
          <label for="filter-as-of">{t('projects.asOf')}</label>
          <input
            id="filter-as-of"
            type="date"
            data-testid="filter-as-of"
            value={filters.as_of}
            onChange={(e) => e.currentTarget.value && set('as_of', e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="filter-status">{t('projects.status')}</label>
          <select
            id="filter-status"
            data-testid="filter-status"
            value={filters.status}
            onChange={(e) => set('status', e.currentTarget.value)}
          >
            <option value="">{t('common.all')}</option>
            {statuses.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        {f && f.counties.length > 1 && (
          <div class="field">
            <label for="filter-county">{t('projects.county')}</label>
            <select
              id="filter-county"
              data-testid="filter-county"
              value={filters.county}
              onChange={(e) => set('county', e.currentTarget.value)}
            >
              <option value="">{t('common.all')}</option>
              {f.counties.map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="filter-township">{t('projects.township')}</label>
          <select
            id="filter-township"
            data-testid="filter-township"
            value={filters.township}
            onChange={(e) => set('township', e.currentTarget.value)}
          >
            <option value="">{t('common.all')}</option>
            {townships.map((tw) => (
              <option key={tw.id} value={String(tw.id)}>
                {tw.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-unit">{t('projects.unit')}</label>
          <select
            id="filter-unit"
            data-testid="filter-unit"
            value={filters.unit}
            onChange={(e) => set('unit', e.currentTarget.value)}
          >
            <option value="">{t('common.all')}</option>
            {(f?.units ?? []).map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-level">{t('projects.level')}</label>
          <select
            id="filter-level"
            data-testid="filter-level"
            value={filters.level}
            onChange={(e) => set('level', e.currentTarget.value)}
          >
            <option value="">{t('common.all')}</option>
            {(f?.levels ?? []).map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-series">{t('projects.series')}</label>
          <select
            id="filter-series"
            data-testid="filter-series"
            value={filters.series}
            onChange={(e) => set('series', e.currentTarget.value)}
          >
            <option value="">{t('common.all')}</option>
            {(f?.series ?? []).map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-q">
          <label for="filter-q">{t('projects.q')}</label>
          <div class="input-with-button">
            <input
              id="filter-q"
              type="search"
              data-testid="filter-q"
              placeholder={t('projects.qPlaceholder')}
              value={qDraft}
              enterKeyHint="search"
              onInput={(e) => setQDraft(e.currentTarget.value)}
            />
            <button type="submit" class="btn">
              {t('common.search')}
            </button>
          </div>
        </div>
        {(hasActiveFilters(filters) || filters.as_of !== todayISO()) && (
          <div class="field field-reset">
            <button
              type="button"
              class="btn btn-link"
              data-testid="filter-reset"
              onClick={() => {
                lastApplied.current = '';
                setQDraft('');
                navigate('/projects');
              }}
            >
              {t('common.reset')}
            </button>
          </div>
        )}
      </form>
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
        <thead>
          <tr>
            <th scope="col">{t('projects.code')}</th>
            <th scope="col">{t('projects.name')}</th>
            <th scope="col">{t('projects.township')}</th>
            <th scope="col">{t('projects.unit')}</th>
            <th scope="col" class="col-progress">
              {t('projects.progress')}
            </th>
            <th scope="col" class="num">
              {t('projects.planned')}
            </th>
            <th scope="col">{t('projects.status')}</th>
          </tr>
        </thead>
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
                  <ProgressBar value={p.progress_pct} planned={p.planned_progress_pct} status={p.schedule_status} />
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
            <ProgressBar value={p.progress_pct} planned={p.planned_progress_pct} status={p.schedule_status} />
            <p class="muted small">{t('projects.plannedShort', { pct: formatPct(p.planned_progress_pct) })}</p>
          </li>
        );
      })}
    </ul>
  );
}
