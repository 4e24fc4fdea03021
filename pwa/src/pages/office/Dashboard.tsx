/** 统计看板: the office's charts for a year (completion, funds, problems, inspections, ratings). */
import { useMemo } from 'preact/hooks';
import { getDashboard, type Dashboard as Figures } from '../../api/dashboard';
import { t } from '../../i18n';
import {
  completionChart,
  completionRows,
  fundsChart,
  inspectionsChart,
  overdueChart,
  percent,
  problemsChart,
  satisfactionChart,
  statusesChart,
} from '../../lib/charts';
import { useLoad } from '../../lib/hooks';
import { Link, navigate } from '../../lib/router';
import { ErrorBanner, Loading, PageTitle } from '../../components/ui';
import { Chart } from '../../components/office/Chart';
import '../../styles/dashboard.css';

function yearOf(search: string): number | null {
  const year = Number(new URLSearchParams(search).get('year'));
  return Number.isInteger(year) && year > 1999 ? year : null;
}

function Charts({ data }: { data: Figures }) {
  const specs = useMemo(() => {
    const rows = completionRows(data.completion);
    return {
      levels: completionChart(rows.levels, false),
      series: completionChart(rows.series, true),
      townships: completionChart(rows.townships, true),
      statuses: statusesChart(data.statuses),
      funds: fundsChart(data.funds),
      problems: problemsChart(data.problems_by_month),
      overdue: overdueChart(data.overdue_by_unit),
      inspections: inspectionsChart(data.inspections),
      satisfaction: satisfactionChart(data.ratings.grades),
    };
  }, [data]);
  const total = data.completion.total;
  return (
    <div class="chart-grid">
      <Chart
        testid="chart-level"
        title={t('dashboard.chart.level')}
        spec={specs.levels}
        note={t('dashboard.completionSummary', {
          total: total.total,
          completed: total.completed,
          rate: percent(total.rate),
        })}
      />
      <Chart testid="chart-statuses" title={t('dashboard.chart.statuses')} spec={specs.statuses} />
      <Chart testid="chart-series" title={t('dashboard.chart.series')} spec={specs.series} />
      <Chart testid="chart-township" title={t('dashboard.chart.township')} spec={specs.townships} />
      <Chart
        testid="chart-funds"
        title={t('dashboard.chart.funds')}
        spec={specs.funds}
        note={t('dashboard.funds.share', { share: percent(data.funds.total.released_share) })}
      />
      <Chart testid="chart-problems" title={t('dashboard.chart.problems')} spec={specs.problems} />
      <Chart testid="chart-overdue" title={t('dashboard.chart.overdue')} spec={specs.overdue} />
      <Chart
        testid="chart-inspections"
        title={t('dashboard.chart.inspections')}
        spec={specs.inspections}
      />
      <Chart
        testid="chart-satisfaction"
        title={t('dashboard.chart.satisfaction')}
        spec={specs.satisfaction}
        note={t('dashboard.satisfactionRate', { rate: percent(data.ratings.satisfaction_rate) })}
      />
    </div>
  );
}

export function Dashboard({ search }: { search: string }) {
  const year = yearOf(search);
  const figures = useLoad<Figures>((signal) => getDashboard(year, signal), [year]);
  const data = figures.data;
  return (
    <section class="page dashboard" data-testid="dashboard">
      <PageTitle
        actions={
          data && (
            <Link href={`/office/map?as_of=${data.to}`} class="btn" data-testid="dashboard-to-map">
              {t('dashboard.toMap')}
            </Link>
          )
        }
      >
        {t('dashboard.title')}
      </PageTitle>
      {data && (
        <div class="dashboard-period">
          <label>
            <span>{t('dashboard.year')}</span>{' '}
            <select
              data-testid="dashboard-year"
              value={String(data.year ?? '')}
              onChange={(e) =>
                navigate(`/office/dashboard?year=${(e.target as HTMLSelectElement).value}`)
              }
            >
              {(data.years.length ? data.years : [data.year ?? Number(data.to.slice(0, 4))]).map(
                (y) => (
                  <option key={y} value={String(y)}>
                    {y}
                  </option>
                ),
              )}
            </select>
          </label>
          <span class="muted" data-testid="dashboard-period">
            {data.region.name} · {t('dashboard.period', { from: data.from, to: data.to })}
          </span>
        </div>
      )}
      {!data && figures.loading && <Loading />}
      <ErrorBanner error={figures.error} onRetry={figures.reload} />
      {data && <Charts data={data} />}
    </section>
  );
}
