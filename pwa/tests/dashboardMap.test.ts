import { describe, expect, it } from 'vitest';
import {
  boundsOf,
  legendCounts,
  MAX_RADIUS,
  MIN_RADIUS,
  pointRadius,
  pointStyle,
} from '../src/lib/map';
import { TONE_COLOURS } from '../src/lib/status';

describe('map points', () => {
  it('grow with open problems up to a limit', () => {
    expect(pointRadius(0)).toBe(MIN_RADIUS);
    expect(pointRadius(4)).toBe(MIN_RADIUS + 6);
    expect(pointRadius(400)).toBe(MAX_RADIUS);
  });

  it('are coloured by schedule status and ringed dark when problems are open', () => {
    const behind = pointStyle({ status: 'behind', open_problems: 1 });
    expect([behind.fillColor, behind.color, behind.className]).toEqual([
      TONE_COLOURS.red,
      '#111418',
      'map-point status-behind has-open',
    ]);
    const early = pointStyle({ status: 'completed_early', open_problems: 0 });
    expect([early.fillColor, early.color, early.className]).toEqual([
      TONE_COLOURS.green,
      '#ffffff',
      'map-point status-completed_early',
    ]);
  });
});

describe('the view', () => {
  it('fits every point', () => {
    expect(
      boundsOf([
        { lat: 25.0, lon: 118.9 },
        { lat: 25.1, lon: 118.8 },
      ]),
    ).toEqual([
      [25.0, 118.8],
      [25.1, 118.9],
    ]);
  });

  it('has no bounds without points', () => {
    expect(boundsOf([])).toBeNull();
  });
});

describe('the legend', () => {
  it('counts points per status in the chips order, leaving out statuses with none', () => {
    const counts = legendCounts([
      { status: 'behind' },
      { status: 'completed_early' },
      { status: 'behind' },
    ]);
    expect(counts).toEqual([
      { status: 'completed_early', count: 1 },
      { status: 'behind', count: 2 },
    ]);
  });
});
