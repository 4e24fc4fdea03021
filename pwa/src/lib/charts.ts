/**
 * ECharts options for the dashboard, built from the server's figures (pure: no ECharts import,
 * so vitest checks them without a canvas). Each builder returns the option and the height the
 * chart needs: bar charts with many categories grow instead of squeezing labels on a phone.
 */
import type {
  Completion,
  Dashboard,
  Funds,
  GroupCompletion,
  MonthProblems,
  UnitCount,
} from '../api/dashboard';
import { t } from '../i18n';
import { STATUS_ORDER, TONE_COLOURS, statusColour } from './status';

export interface ChartSpec {
  option: Record<string, unknown> & { series: Record<string, unknown>[] };
  height: number;
  /** No figure to show: the chart says 暂无数据. */
  empty: boolean;
}

export interface CompletionRow extends Completion {
  label: string;
}

const DONE_COLOUR = TONE_COLOURS.green;
const OPEN_COLOUR = '#b0b7bf';
const COMPLETED_RING = '#6aae7e';
const FONT = 12;
const ROW_HEIGHT = 30;
const KINDS = ['revisit', 'random', 'focused', 'joint', 'routine'] as const;
const GRADES = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
const GRADE_COLOURS = [TONE_COLOURS.green, TONE_COLOURS.blue, TONE_COLOURS.red];
const FUND_COLOURS = ['#5c6166', TONE_COLOURS.blue, TONE_COLOURS.green];

/** Yuan → 万元 with two decimals (the unit the reports print). */
export function tenThousands(yuan: number): number {
  return Math.round(yuan / 100) / 100;
}

/** "84.50" → "84.50%"; null → "—". */
export function percent(rate: string | null): string {
  return rate === null ? t('common.none') : `${rate}%`;
}

/** A series' or township's name, or what projects outside any are called. */
export function groupLabel(
  row: GroupCompletion,
  noneKey: 'dashboard.none' | 'dashboard.countyWide',
): string {
  return row.name ?? t(noneKey);
}

function emptyTitle(empty: boolean): Record<string, unknown> | undefined {
  return empty
    ? {
        text: t('dashboard.empty'),
        left: 'center',
        top: 'middle',
        textStyle: { color: '#5c6166', fontSize: 14, fontWeight: 'normal' },
      }
    : undefined;
}

function heightFor(rows: number, min = 220): number {
  return Math.max(min, rows * ROW_HEIGHT + 80);
}

/**
 * Completed and not completed projects per row, stacked, with the completion rate at the
 * bar's end. `horizontal` for long lists (series, townships): one row per category.
 */
export function completionChart(rows: CompletionRow[], horizontal: boolean): ChartSpec {
  const labels = rows.map((r) => r.label);
  const category = {
    type: 'category',
    data: labels,
    axisLabel: { interval: 0, fontSize: FONT, width: 84, overflow: 'truncate' },
  };
  const value = { type: 'value', minInterval: 1 };
  const label = {
    show: true,
    position: horizontal ? 'right' : 'top',
    fontSize: FONT,
    formatter: (p: { dataIndex: number }) => percent(rows[p.dataIndex]?.rate ?? null),
  };
  return {
    empty: rows.length === 0,
    height: horizontal ? heightFor(rows.length) : 260,
    option: {
      title: emptyTitle(rows.length === 0),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, textStyle: { fontSize: FONT } },
      grid: { left: 8, right: horizontal ? 56 : 8, top: 36, bottom: 8, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? { ...category, inverse: true } : value,
      series: [
        {
          name: t('dashboard.completed'),
          type: 'bar',
          stack: 'all',
          color: DONE_COLOUR,
          data: rows.map((r) => r.completed),
        },
        {
          name: t('dashboard.notCompleted'),
          type: 'bar',
          stack: 'all',
          color: OPEN_COLOUR,
          data: rows.map((r) => r.total - r.completed),
          label,
        },
      ],
    },
  };
}

/** Rows of the level, series and township charts. */
export function completionRows(figures: Dashboard['completion']) {
  return {
    levels: figures.levels.map((r) => ({ ...r, label: r.level_label ?? t(`level.${r.level}`) })),
    series: figures.series.map((r) => ({ ...r, label: groupLabel(r, 'dashboard.none') })),
    townships: figures.townships.map((r) => ({
      ...r,
      label: groupLabel(r, 'dashboard.countyWide'),
    })),
  };
}

/** Planned, released and spent funds in 万元 per level and in total. */
export function fundsChart(funds: Dashboard['funds']): ChartSpec {
  const rows: (Funds & { label: string })[] = [
    ...funds.levels.map((r) => ({ ...r, label: r.level_label ?? t(`level.${r.level}`) })),
    { ...funds.total, label: t('dashboard.total') },
  ];
  const keys = ['planned_yuan', 'released_yuan', 'spent_yuan'] as const;
  const names = [
    t('dashboard.funds.planned'),
    t('dashboard.funds.released'),
    t('dashboard.funds.spent'),
  ];
  const empty =
    funds.total.planned_yuan === 0 &&
    funds.total.released_yuan === 0 &&
    funds.total.spent_yuan === 0;
  return {
    empty,
    height: 280,
    option: {
      title: emptyTitle(empty),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, textStyle: { fontSize: FONT } },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLabel: { interval: 0, fontSize: FONT },
      },
      yAxis: { type: 'value', axisLabel: { fontSize: FONT } },
      series: keys.map((key, i) => ({
        name: names[i],
        type: 'bar',
        color: FUND_COLOURS[i],
        data: rows.map((r) => tenThousands(r[key])),
      })),
    },
  };
}

/** "2023-07" → "7月" (or "2023-07" when the period spans years). */
export function monthLabel(month: string, spansYears: boolean): string {
  if (spansYears) return month;
  return t('dashboard.monthShort', { n: Number(month.slice(5, 7)) });
}

/** Problems found (发现) and closed (销号) per month, as two lines. */
export function problemsChart(months: MonthProblems[]): ChartSpec {
  const spansYears = new Set(months.map((m) => m.month.slice(0, 4))).size > 1;
  const empty = months.every((m) => m.found === 0 && m.closed === 0);
  return {
    empty,
    height: 260,
    option: {
      title: emptyTitle(empty),
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { fontSize: FONT } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: months.map((m) => monthLabel(m.month, spansYears)),
        axisLabel: { fontSize: FONT },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('dashboard.problems.found'),
          type: 'line',
          color: TONE_COLOURS.orange,
          data: months.map((m) => m.found),
        },
        {
          name: t('dashboard.problems.closed'),
          type: 'line',
          color: TONE_COLOURS.green,
          data: months.map((m) => m.closed),
        },
      ],
    },
  };
}

/** Overdue problems per responsible unit, largest first, one row per unit. */
export function overdueChart(units: UnitCount[]): ChartSpec {
  const labels = units.map((u) => u.unit_name ?? t('dashboard.noUnit'));
  return {
    empty: units.length === 0,
    height: heightFor(units.length, 180),
    option: {
      title: emptyTitle(units.length === 0),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: labels,
        axisLabel: { interval: 0, fontSize: FONT, width: 110, overflow: 'truncate' },
      },
      series: [
        {
          name: t('dashboard.overdue'),
          type: 'bar',
          color: TONE_COLOURS.red,
          data: units.map((u) => u.count),
          label: { show: true, position: 'right', fontSize: FONT },
        },
      ],
    },
  };
}

export interface Slice {
  name: string;
  value: number;
  colour?: string;
}

/** A ring with the share of each slice; slices of 0 are left out of the ring. */
export function pieChart(name: string, slices: Slice[]): ChartSpec {
  const shown = slices.filter((s) => s.value > 0);
  return {
    empty: shown.length === 0,
    height: 280,
    option: {
      title: emptyTitle(shown.length === 0),
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, textStyle: { fontSize: FONT } },
      series: [
        {
          name,
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{c}', fontSize: FONT },
          data: shown.map((s) => ({
            name: s.name,
            value: s.value,
            itemStyle: s.colour ? { color: s.colour } : undefined,
          })),
        },
      ],
    },
  };
}

export function inspectionsChart(kinds: Record<string, number>): ChartSpec {
  return pieChart(
    t('dashboard.inspections'),
    KINDS.map((k) => ({ name: t(`field.kind.${k}`), value: kinds[k] ?? 0 })),
  );
}

export function satisfactionChart(grades: Record<string, number>): ChartSpec {
  return pieChart(
    t('dashboard.satisfaction'),
    GRADES.map((g, i) => ({
      name: t(`field.rating.${g}`),
      value: grades[g] ?? 0,
      colour: GRADE_COLOURS[i],
    })),
  );
}

export function statusesChart(statuses: Record<string, number>): ChartSpec {
  return pieChart(
    t('dashboard.chart.statuses'),
    STATUS_ORDER.map((code) => ({
      name: t(`status.${code}`),
      value: statuses[code] ?? 0,
      // both completions are green chips; in a ring 已完成 takes a lighter green to tell them apart
      colour: code === 'completed' ? COMPLETED_RING : statusColour(code),
    })),
  );
}
