/**
 * The office's dashboard and map, loaded on first visit by dynamic import(): ECharts and
 * Leaflet land in their own chunks, outside the app shell and the service worker's precache.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { Loading } from '../../components/ui';

type Page = ComponentType<{ search: string }>;

function Lazy({ load, search }: { load: () => Promise<Page>; search: string }) {
  const [page, setPage] = useState<{ Page: Page } | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setFailed(false);
    load().then(
      (Page) => live && setPage({ Page }),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
  if (page) return <page.Page search={search} />;
  if (failed) {
    return (
      <section class="page">
        <p class="alert alert-error" role="alert" data-testid="lazy-failed">
          {t('dashboard.loadFailed')}
        </p>
        <button type="button" class="btn" onClick={() => setAttempt((n) => n + 1)}>
          {t('common.retry')}
        </button>
      </section>
    );
  }
  return <Loading />;
}

const loadDashboard = () => import('./Dashboard').then((m) => m.Dashboard);
const loadMap = () => import('./Map').then((m) => m.ProjectMapPage);

export function DashboardPage({ search }: { search: string }) {
  return <Lazy load={loadDashboard} search={search} />;
}

export function MapPage({ search }: { search: string }) {
  return <Lazy load={loadMap} search={search} />;
}
