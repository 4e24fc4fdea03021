import { describe, expect, it } from 'vitest';
import {
  fixFailure,
  fixQuality,
  formatDistance,
  haversineM,
  isLatLon,
  nearestFirst,
  poorAccuracyM,
} from '../../src/lib/geo';
import { applyRules, DEFAULT_RULES } from '../../src/lib/rules';

describe('haversine', () => {
  it('is zero for the same point and symmetric', () => {
    const p = { lat: 25.0, lon: 118.8 };
    expect(haversineM(p, p)).toBe(0);
    const q = { lat: 25.05, lon: 118.84 };
    expect(haversineM(p, q)).toBeCloseTo(haversineM(q, p), 6);
  });

  it('gives one degree of latitude as about 111.2 km', () => {
    expect(haversineM({ lat: 0, lon: 0 }, { lat: 1, lon: 0 }) / 1000).toBeCloseTo(111.19, 1);
  });

  it('matches a known distance (Quanzhou → Qingtian, about 439 km)', () => {
    const quanzhou = { lat: 24.874, lon: 118.676 };
    const qingtian = { lat: 28.139, lon: 120.289 };
    const km = haversineM(quanzhou, qingtian) / 1000;
    expect(km).toBeGreaterThan(390);
    expect(km).toBeLessThan(400);
  });

  it('shrinks a degree of longitude with latitude', () => {
    const atEquator = haversineM({ lat: 0, lon: 0 }, { lat: 0, lon: 1 });
    const at60 = haversineM({ lat: 60, lon: 0 }, { lat: 60, lon: 1 });
    expect(at60 / atEquator).toBeCloseTo(0.5, 2);
  });
});

describe('nearest first', () => {
  const items = [
    { name: 'far', at: { lat: 25.1, lon: 118.8 } },
    { name: 'nowhere', at: null },
    { name: 'near', at: { lat: 25.001, lon: 118.8 } },
    { name: 'mid', at: { lat: 25.02, lon: 118.8 } },
    { name: 'bad', at: { lat: 91, lon: 0 } },
  ];

  it('orders by distance, items without a usable location last in their order', () => {
    const sorted = nearestFirst(items, { lat: 25.0, lon: 118.8 }, (i) => i.at);
    expect(sorted.map((s) => s.item.name)).toEqual(['near', 'mid', 'far', 'nowhere', 'bad']);
    expect(sorted[0]!.distanceM).toBeCloseTo(111, 0);
    expect(sorted[3]!.distanceM).toBeNull();
  });

  it('keeps the order without a fix', () => {
    expect(nearestFirst(items, null, (i) => i.at).map((s) => s.item.name)).toEqual(
      items.map((i) => i.name),
    );
  });

  it('keeps ties stable', () => {
    const same = [{ n: 1 }, { n: 2 }, { n: 3 }];
    expect(
      nearestFirst(same, { lat: 0, lon: 0 }, () => ({ lat: 0, lon: 0 })).map((s) => s.item.n),
    ).toEqual([1, 2, 3]);
  });
});

describe('fix helpers', () => {
  it("calls a fix over the server's 100 m or without accuracy poor", () => {
    expect(poorAccuracyM()).toBe(100);
    expect(fixQuality({ accuracy_m: 12 })).toBe('good');
    expect(fixQuality({ accuracy_m: 100 })).toBe('good');
    expect(fixQuality({ accuracy_m: 100.1 })).toBe('poor');
    expect(fixQuality({ accuracy_m: null })).toBe('poor');
  });

  it('takes the threshold the server serves, and keeps it for an offline start', () => {
    applyRules({ poor_accuracy_m: 30, bogus: 1, schedule_band: 'x' });
    expect(fixQuality({ accuracy_m: 30.5 })).toBe('poor');
    expect(JSON.parse(localStorage.getItem('xianchang.rules') ?? '{}')).toEqual({
      ...DEFAULT_RULES,
      poor_accuracy_m: 30,
    });
    applyRules(undefined);
    expect(poorAccuracyM()).toBe(DEFAULT_RULES.poor_accuracy_m);
  });

  it('maps Geolocation error codes', () => {
    expect([1, 2, 3, undefined].map(fixFailure)).toEqual([
      'denied',
      'unavailable',
      'timeout',
      'unavailable',
    ]);
  });

  it('formats distances', () => {
    expect(formatDistance(12.4)).toBe('12 米');
    expect(formatDistance(12345)).toBe('12.3 公里');
    expect(formatDistance(123456, { m: 'm', km: 'km' })).toBe('123 km');
    expect(formatDistance(null)).toBe('—');
  });

  it('checks coordinates', () => {
    expect(isLatLon({ lat: 1, lon: 2 })).toBe(true);
    expect(isLatLon({ lat: 100, lon: 2 })).toBe(false);
    expect(isLatLon({ lat: Number.NaN, lon: 2 })).toBe(false);
    expect(isLatLon(null)).toBe(false);
  });
});
