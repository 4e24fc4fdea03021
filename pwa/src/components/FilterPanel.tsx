/**
 * The project list's filter panel: as-of day, status / county / township / unit / level / series,
 * free-text search (applied after a pause or on Enter) and reset.
 *
 * Below 600 px a "筛选" toggle, with the number of active filters, folds the panel away. It starts
 * open, and stays folded on later visits once the person folded it (remembered on this device).
 * Wider screens always show the panel and no toggle.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Facets } from '../api';
import { t } from '../i18n';
import { activeFilterCount, type ProjectFilters } from '../lib/filters';
import { FILTERS_OPEN_QUERY, useMediaQuery } from '../lib/hooks';
import { navigate } from '../lib/router';
import { codeChoices, idChoices, SelectField, type Choice } from './form';
import { Field } from './ui';

/** localStorage key: "1" once the person folded the filters on a narrow screen. */
export const FILTERS_COLLAPSED_KEY = 'xc.filters.collapsed';

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(FILTERS_COLLAPSED_KEY) === '1';
  } catch {
    return false; // storage disabled: start open
  }
}

function storeCollapsed(collapsed: boolean): void {
  try {
    if (collapsed) localStorage.setItem(FILTERS_COLLAPSED_KEY, '1');
    else localStorage.removeItem(FILTERS_COLLAPSED_KEY);
  } catch {
    /* storage full or disabled: the choice lasts for this page only */
  }
}

/** Change one filter (and the URL); `replace` replaces the history entry instead of adding one. */
export type SetFilter = <K extends keyof ProjectFilters>(
  key: K,
  value: ProjectFilters[K],
  replace?: boolean,
) => void;

type SelectKey = 'status' | 'county' | 'township' | 'unit' | 'level' | 'series';

export function FilterPanel({
  filters,
  facets,
  statuses,
  set,
}: {
  filters: ProjectFilters;
  facets: Facets | undefined;
  statuses: { code: string; label: string }[];
  set: SetFilter;
}) {
  // the debounced search below may fire after other filters changed: compare with the latest
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
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

  const alwaysOpen = useMediaQuery(FILTERS_OPEN_QUERY);
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const open = alwaysOpen || !collapsed;
  const active = activeFilterCount(filters);

  const f = facets;
  const townships = useMemo(
    () =>
      (f?.townships ?? []).filter(
        (tw) => !filters.county || String(tw.county_id) === filters.county,
      ),
    [f, filters.county],
  );

  const select = (key: SelectKey, options: Choice[]) => (
    <SelectField
      id={`filter-${key}`}
      label={t(`projects.${key}`)}
      testid={`filter-${key}`}
      value={filters[key]}
      onValue={(value) => set(key, value)}
      empty={t('common.all')}
      options={options}
    />
  );

  return (
    <>
      {!alwaysOpen && (
        <button
          type="button"
          class="btn filter-toggle"
          data-testid="filter-toggle"
          aria-expanded={open}
          aria-controls="project-filters"
          aria-label={active > 0 ? t('projects.filterToggleActive', { n: active }) : undefined}
          onClick={() => {
            setCollapsed(open);
            storeCollapsed(open);
          }}
        >
          <span class="filter-toggle-label">
            <span class="filter-toggle-mark" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            {t('projects.filterToggle')}
          </span>
          {active > 0 && (
            <span class="filter-count" data-testid="filter-count">
              {active}
            </span>
          )}
        </button>
      )}
      <form
        id="project-filters"
        class="filters card"
        aria-label={t('projects.filters')}
        hidden={!open}
        onSubmit={(e) => {
          e.preventDefault();
          applyQ(qDraft);
        }}
      >
        <Field id="filter-as-of" label={t('projects.asOf')}>
          <input
            id="filter-as-of"
            type="date"
            data-testid="filter-as-of"
            value={filters.as_of}
            onChange={(e) => e.currentTarget.value && set('as_of', e.currentTarget.value)}
          />
        </Field>
        {select('status', codeChoices(statuses))}
        {f && f.counties.length > 1 && select('county', idChoices(f.counties))}
        {select('township', idChoices(townships))}
        {select('unit', idChoices(f?.units ?? []))}
        {select('level', codeChoices(f?.levels ?? []))}
        {select('series', idChoices(f?.series ?? []))}
        <Field id="filter-q" label={t('projects.q')} class="field-q">
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
        </Field>
        {active > 0 && (
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
    </>
  );
}
