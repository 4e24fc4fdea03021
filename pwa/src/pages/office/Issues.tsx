/**
 * The supervision office's problem ledger (/office/issues): counts per state and colour, filters
 * kept in the URL, soonest deadline first; and one problem (/office/issues/<id>) with its
 * evidence, slip, history and the moves open to the office.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getFacets, listUnits } from '../../api';
import { getIssue, listIssues } from '../../api/issues';
import { t } from '../../i18n';
import { FILTERS_OPEN_QUERY, useLoad, useMediaQuery } from '../../lib/hooks';
import {
  apiFilters,
  COLOURS,
  ISSUE_STATES,
  NO_FILTERS,
  readFilters,
  writeFilters,
  type ListFilters,
} from '../../lib/issues';
import { Link, navigate } from '../../lib/router';
import { ErrorBanner, Loading, PageTitle } from '../../components/ui';
import { IssueRow } from '../../components/office/IssueRow';
import { IssueDetailView } from '../../components/office/IssueDetail';
import '../../styles/issues.css';

/** The last list URL, so a problem's "back" returns to the same filters. */
let lastListUrl = '/office/issues';

export function Issues({ search }: { search: string }) {
  const filters = useMemo(() => readFilters(search), [search]);
  const facets = useLoad((signal) => getFacets(signal), []);
  const units = useLoad(() => listUnits(), []);
  const list = useLoad((signal) => listIssues(apiFilters(filters), signal), [search]);
  const [q, setQ] = useState(filters.q);
  const roomy = useMediaQuery(FILTERS_OPEN_QUERY);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  useEffect(() => {
    lastListUrl = '/office/issues' + writeFilters(filters);
  }, [filters]);

  function set(patch: Partial<ListFilters>) {
    navigate('/office/issues' + writeFilters({ ...filtersRef.current, ...patch }), {
      replace: true,
    });
  }

  const data = list.data;
  const states = data?.counts.states ?? {};
  const colours = data?.counts.colours ?? {};
  const allCount = ISSUE_STATES.reduce((sum, s) => sum + (states[s] ?? 0), 0);
  const filtered = writeFilters(filters) !== '';

  return (
    <section class="page issues-page" data-testid="issues-page">
      <PageTitle>{t('issues.title')}</PageTitle>
      <p class="hint">{t('issues.intro')}</p>

      <div class="chips" role="group" aria-label={t('issues.filter.states')}>
        <button
          type="button"
          class={`chip${filters.state === '' ? ' active' : ''}`}
          aria-pressed={filters.state === ''}
          data-testid="issue-count-all"
          onClick={() => set({ state: '' })}
        >
          {t('issues.allStates')} <b>{data ? allCount : '…'}</b>
        </button>
        {ISSUE_STATES.filter((s) => (states[s] ?? 0) > 0 || filters.state === s).map((s) => (
          <button
            key={s}
            type="button"
            class={`chip${filters.state === s ? ' active' : ''}`}
            aria-pressed={filters.state === s}
            data-testid={`issue-count-${s}`}
            data-count={states[s] ?? 0}
            onClick={() => set({ state: filters.state === s ? '' : s })}
          >
            {t(`issues.state.${s}`)} <b>{states[s] ?? 0}</b>
          </button>
        ))}
      </div>
      <div class="chips" role="group" aria-label={t('issues.deadlineLabel')}>
        {COLOURS.map((c) => (
          <button
            key={c}
            type="button"
            class={`chip deadline-${c}${filters.colour === c ? ' active' : ''}`}
            aria-pressed={filters.colour === c}
            data-testid={`colour-count-${c}`}
            data-count={colours[c] ?? 0}
            onClick={() => set({ colour: filters.colour === c ? '' : c })}
          >
            <span class="chip-dot" aria-hidden="true" />
            {t(`issues.colour.${c}`)} <b>{data ? (colours[c] ?? 0) : '…'}</b>
          </button>
        ))}
      </div>

      {/* on a phone the filters fold away (open while one is set) so the list comes first */}
      <details
        class="issues-filter-panel"
        open={roomy || !!(filters.township || filters.unit || filters.extension || filters.q)}
      >
        <summary data-testid="issues-filter-toggle">{t('issues.filter.more')}</summary>
        <form
          class="issues-filters"
          onSubmit={(e) => {
            e.preventDefault();
            set({ q });
          }}
        >
          <label>
            {t('issues.filter.township')}
            <select
              value={filters.township}
              onChange={(e) => set({ township: e.currentTarget.value })}
              data-testid="issues-filter-township"
            >
              <option value="">{t('common.all')}</option>
              {(facets.data?.townships ?? []).map((tw) => (
                <option key={tw.id} value={String(tw.id)}>
                  {tw.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('issues.filter.unit')}
            <select
              value={filters.unit}
              onChange={(e) => set({ unit: e.currentTarget.value })}
              data-testid="issues-filter-unit"
            >
              <option value="">{t('common.all')}</option>
              {(units.data?.items ?? []).map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={filters.colour === 'red'}
              onChange={(e) => set({ colour: e.currentTarget.checked ? 'red' : '' })}
              data-testid="issues-filter-overdue"
            />
            {t('issues.filter.overdue')}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={filters.extension}
              onChange={(e) => set({ extension: e.currentTarget.checked })}
              data-testid="issues-filter-extension"
            />
            {t('issues.filter.extension')}
          </label>
          <label class="issues-search">
            {t('issues.filter.q')}
            <input
              type="search"
              value={q}
              maxLength={100}
              onInput={(e) => setQ(e.currentTarget.value)}
              onBlur={() => q !== filters.q && set({ q })}
              data-testid="issues-filter-q"
            />
          </label>
          {filtered && (
            <button
              type="button"
              class="btn"
              onClick={() => {
                setQ('');
                set(NO_FILTERS);
              }}
              data-testid="issues-filter-clear"
            >
              {t('issues.filter.clear')}
            </button>
          )}
        </form>
      </details>

      <ErrorBanner error={facets.error ?? units.error} />
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {!data && list.loading && <Loading />}
      {data && (
        <div class={list.loading ? 'is-loading' : undefined} aria-busy={list.loading}>
          <p class="muted" data-testid="issues-total">
            {t('issues.count', { n: data.total })}
          </p>
          {data.items.length ? (
            <ul class="issue-list">
              {data.items.map((issue) => (
                <IssueRow key={`${issue.id}:${issue.version}`} issue={issue} />
              ))}
            </ul>
          ) : (
            <p class="empty" data-testid="issues-empty">
              {t('issues.empty')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** One problem at /office/issues/<id>. */
export function IssuePage({ id }: { id: string }) {
  const issue = useLoad((signal) => getIssue(id, signal), [id]);
  return (
    <section class="page issues-page" data-testid="issue-page">
      <p>
        <Link href={lastListUrl} data-testid="issues-back">
          {t('issues.back')}
        </Link>
      </p>
      <ErrorBanner error={issue.error} onRetry={issue.reload} />
      {!issue.data && issue.loading && <Loading />}
      {issue.data && <IssueDetailView issue={issue.data} reload={issue.reload} />}
    </section>
  );
}
