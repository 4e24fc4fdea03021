/**
 * One dashboard chart drawn by Apache ECharts (SVG renderer), with its title. Only the chart
 * types the dashboard uses are registered, and this module is reached only through the
 * dashboard's dynamic import, so ECharts stays out of the app shell.
 */
import { useEffect, useRef } from 'preact/hooks';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec } from '../../lib/charts';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export function Chart({
  title,
  spec,
  testid,
  note,
}: {
  title: string;
  spec: ChartSpec;
  testid: string;
  note?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current!;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    const el = box.current;
    if (!instance || !el) return;
    instance.setOption(spec.option, { notMerge: true });
    instance.resize();
    // what was drawn, for the browser tests and anyone inspecting the page
    const drawn = instance.getOption() as { series?: unknown[] };
    el.dataset.seriesCount = String(drawn.series?.length ?? 0);
    el.dataset.empty = String(spec.empty);
  }, [spec]);

  return (
    <figure class="chart-card" data-testid={testid}>
      <figcaption class="chart-title">{title}</figcaption>
      {note && <p class="chart-note muted">{note}</p>}
      <div
        ref={box}
        class="chart"
        style={{ height: `${spec.height}px` }}
        data-testid={`${testid}-canvas`}
      />
    </figure>
  );
}
