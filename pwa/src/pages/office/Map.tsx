/** 项目地图: projects as points coloured by schedule status and sized by open problems. */
import { useState } from 'preact/hooks';
import { getProjectMap, type MapProject, type ProjectMap } from '../../api/dashboard';
import { t } from '../../i18n';
import { isIsoDate } from '../../lib/format';
import { useLoad } from '../../lib/hooks';
import { legendCounts } from '../../lib/map';
import { Link, navigate } from '../../lib/router';
import { yearQuery } from '../../lib/batch-year';
import { YearSelect } from '../../components/YearSelect';
import { statusColour, statusLabel } from '../../lib/status';
import { ErrorBanner, Loading, PageTitle, StatusBadge } from '../../components/ui';
import { MapView } from '../../components/office/MapView';
import '../../styles/dashboard.css';

function PointCard({ project, onClose }: { project: MapProject; onClose: () => void }) {
  return (
    <div class="map-card" data-testid="map-card" role="dialog" aria-label={project.name}>
      <p class="map-card-name">
        <strong>{project.name}</strong> <span class="mono muted">{project.code}</span>
      </p>
      <p>
        <StatusBadge code={project.status} label={project.status_label} />{' '}
        <span data-testid="map-card-problems">
          {t('map.openProblems', { n: project.open_problems })}
        </span>
      </p>
      <div class="map-card-actions">
        <Link href={`/projects/${project.id}`} class="btn btn-primary" data-testid="map-card-link">
          {t('map.toProject')}
        </Link>
        <button type="button" class="btn" onClick={onClose}>
          {t('map.close')}
        </button>
      </div>
    </div>
  );
}

function Legend({ data }: { data: ProjectMap }) {
  return (
    <div class="map-legend" data-testid="map-legend">
      <ul>
        {legendCounts(data.projects).map(({ status, count }) => (
          <li key={status}>
            <span
              class="map-swatch"
              style={{ background: statusColour(status) }}
              aria-hidden="true"
            />
            {statusLabel(status)} {count}
          </li>
        ))}
      </ul>
      <p class="muted">{t('map.legend')}</p>
      {data.tiles.provider === 'none' && <p class="muted">{t('map.noTiles')}</p>}
    </div>
  );
}

export function ProjectMapPage({ search }: { search: string }) {
  const asOf = new URLSearchParams(search).get('as_of');
  const wanted = isIsoDate(asOf) ? asOf : null;
  const year = yearQuery(new URLSearchParams(search).get('year'));
  const map = useLoad<ProjectMap>((signal) => getProjectMap(wanted, signal, year), [wanted, year]);
  const [selected, setSelected] = useState<MapProject | null>(null);
  const data = map.data;
  return (
    <section class="page map-page" data-testid="map-page">
      <PageTitle
        actions={
          <Link href="/office/dashboard" class="btn" data-testid="map-to-dashboard">
            {t('map.toDashboard')}
          </Link>
        }
      >
        {t('map.title')}
      </PageTitle>
      {!data && map.loading && <Loading />}
      <ErrorBanner error={map.error} onRetry={map.reload} />
      {data && (
        <>
          <p class="muted" data-testid="map-summary">
            {data.region.name} · {t('map.asOf', { date: data.as_of })} ·{' '}
            {t('map.count', { n: data.projects.length })}
          </p>
          {data.year != null && (
            <YearSelect
              years={data.years ?? []}
              value={String(data.year)}
              testid="map-year"
              onValue={(y) => navigate(`/office/map?year=${y}${wanted ? `&as_of=${wanted}` : ''}`)}
            />
          )}
          {data.projects.length === 0 && <p class="empty">{t('map.empty')}</p>}
          <div class="map-wrap">
            <MapView data={data} onSelect={setSelected} />
            {selected && <PointCard project={selected} onClose={() => setSelected(null)} />}
          </div>
          <Legend data={data} />
        </>
      )}
    </section>
  );
}
