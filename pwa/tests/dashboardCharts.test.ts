import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../src/api/dashboard';
import {
  completionChart,
  completionRows,
  fundsChart,
  inspectionsChart,
  monthLabel,
  overdueChart,
  problemsChart,
  satisfactionChart,
  statusesChart,
  tenThousands,
} from '../src/lib/charts';
import { TONE_COLOURS } from '../src/lib/status';

const completion: Dashboard['completion'] = {
  levels: [{ level: 'county', level_label: '县(区)级', total: 4, completed: 3, rate: '75.00' }],
  total: { total: 4, completed: 3, rate: '75.00' },
  series: [
    { id: 1, name: '养老托育', total: 3, completed: 1, rate: '33.33' },
    { id: null, name: null, total: 1, completed: 1, rate: '100.00' },
  ],
  townships: [{ id: null, name: null, total: 4, completed: 3, rate: '75.00' }],
};

type Bar = {
  name: string;
  data: number[];
  label?: { formatter: (p: { dataIndex: number }) => string };
};

describe('completion bars', () => {
  it('stacks completed and not completed, with the rate at the end of each bar', () => {
    const rows = completionRows(completion).series;
    const spec = completionChart(rows, true);
    const [done, open] = spec.option.series as unknown as [Bar, Bar];
    expect([done.name, done.data, open.name, open.data]).toEqual([
      '已完成',
      [1, 1],
      '未完成',
      [2, 0],
    ]);
    expect(open.label!.formatter({ dataIndex: 0 })).toBe('33.33%');
    expect((spec.option.yAxis as { data: string[] }).data).toEqual(['养老托育', '未分类']);
  });

  it('calls projects outside any township county-wide', () => {
    expect(completionRows(completion).townships[0]!.label).toBe('县级统筹');
  });

  it('grows a horizontal chart with its rows and keeps a vertical one fixed', () => {
    const many = Array.from({ length: 32 }, (_, i) => ({
      label: `乡镇${i}`,
      total: 2,
      completed: 1,
      rate: '50.00',
    }));
    expect(completionChart(many, true).height).toBe(32 * 30 + 80);
    expect(completionChart(many.slice(0, 4), false).height).toBe(260);
  });

  it('says there is nothing to show when there are no rows', () => {
    const spec = completionChart([], true);
    expect(spec.empty).toBe(true);
    expect((spec.option.title as { text: string }).text).toBe('暂无数据');
  });
});

describe('funds', () => {
  it('turns yuan into 万元 with two decimals', () => {
    expect(tenThousands(406_000_000)).toBe(40600);
    expect(tenThousands(123_456)).toBe(12.35);
  });

  it('shows planned, released and spent per level and in total', () => {
    const spec = fundsChart({
      levels: [
        {
          level: 'county',
          level_label: '县(区)级',
          planned_yuan: 2_000_000,
          released_yuan: 1_000_000,
          spent_yuan: 500_000,
          released_share: '50.00',
        },
      ],
      total: {
        planned_yuan: 2_000_000,
        released_yuan: 1_000_000,
        spent_yuan: 500_000,
        released_share: '50.00',
      },
    });
    expect((spec.option.xAxis as { data: string[] }).data).toEqual(['县(区)级', '合计']);
    expect((spec.option.series as unknown as Bar[]).map((s) => [s.name, s.data])).toEqual([
      ['计划投资', [200, 200]],
      ['下达资金', [100, 100]],
      ['完成投资', [50, 50]],
    ]);
  });
});

describe('problems per month', () => {
  const months = [
    { month: '2023-06', found: 2, closed: 0 },
    { month: '2023-07', found: 1, closed: 3 },
  ];

  it('draws found and closed as two lines over the months', () => {
    const spec = problemsChart(months);
    expect((spec.option.xAxis as { data: string[] }).data).toEqual(['6月', '7月']);
    expect((spec.option.series as unknown as Bar[]).map((s) => s.data)).toEqual([
      [2, 1],
      [0, 3],
    ]);
    expect(spec.empty).toBe(false);
  });

  it('names months with their year when the period spans years', () => {
    expect(monthLabel('2024-01', true)).toBe('2024-01');
  });

  it('is empty when no month had anything', () => {
    expect(problemsChart([{ month: '2023-01', found: 0, closed: 0 }]).empty).toBe(true);
  });
});

describe('overdue by unit', () => {
  it('keeps the server order (largest first) and names an unassigned problem', () => {
    const spec = overdueChart([
      { unit_id: 1, unit_name: '水利局', count: 2 },
      { unit_id: null, unit_name: null, count: 1 },
    ]);
    expect((spec.option.yAxis as { data: string[] }).data).toEqual(['水利局', '未交办']);
    expect((spec.option.series as unknown as [Bar])[0].data).toEqual([2, 1]);
  });
});

describe('pies', () => {
  type Pie = { data: { name: string; value: number; itemStyle?: { color: string } }[] };

  it('leaves kinds with no inspection out of the ring', () => {
    const spec = inspectionsChart({ revisit: 2, random: 0, focused: 1, joint: 0, routine: 0 });
    expect((spec.option.series[0] as unknown as Pie).data.map((d) => [d.name, d.value])).toEqual([
      ['回头看', 2],
      ['重点督', 1],
    ]);
  });

  it('colours 满意 green and 不满意 red', () => {
    const spec = satisfactionChart({ satisfied: 3, basically_satisfied: 1, dissatisfied: 1 });
    const colours = (spec.option.series[0] as unknown as Pie).data.map((d) => [
      d.name,
      d.itemStyle?.color,
    ]);
    expect(colours).toEqual([
      ['满意', TONE_COLOURS.green],
      ['基本满意', TONE_COLOURS.blue],
      ['不满意', TONE_COLOURS.red],
    ]);
  });

  it('colours schedule statuses as the ledger does, 已完成 a lighter green than 提前完成', () => {
    const spec = statusesChart({
      completed_early: 17,
      completed: 2,
      ahead: 4,
      on_schedule: 60,
      behind: 0,
      postponed: 0,
    });
    expect(
      (spec.option.series[0] as unknown as Pie).data.map((d) => [
        d.name,
        d.value,
        d.itemStyle?.color,
      ]),
    ).toEqual([
      ['提前完成', 17, TONE_COLOURS.green],
      ['已完成', 2, '#6aae7e'],
      ['超序时', 4, TONE_COLOURS.blue],
      ['按序时', 60, TONE_COLOURS.teal],
    ]);
  });

  it('is empty when every slice is 0', () => {
    expect(satisfactionChart({ satisfied: 0, basically_satisfied: 0, dissatisfied: 0 }).empty).toBe(
      true,
    );
  });
});
