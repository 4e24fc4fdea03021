/**
 * Distances and the device's GPS fix (pure helpers plus one thin wrapper over the Geolocation API).
 *
 * A fix worse than {@link poorAccuracyM} metres is "poor": the UI offers a retry, and the
 * server's evidence checks will flag a photo far from the project anyway.
 */
import type { GeoFix } from '../sync/db';
import { rules } from './rules';

export const EARTH_RADIUS_M = 6_371_008.8;
/** Above this accuracy (metres) a fix is poor and the user is asked to retry (the server's rule). */
export function poorAccuracyM(): number {
  return rules().poor_accuracy_m;
}

export interface LatLon {
  lat: number;
  lon: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function haversineM(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function isLatLon(value: unknown): value is LatLon {
  const v = value as LatLon | null | undefined;
  return (
    !!v &&
    typeof v.lat === 'number' &&
    typeof v.lon === 'number' &&
    Number.isFinite(v.lat) &&
    Number.isFinite(v.lon) &&
    Math.abs(v.lat) <= 90 &&
    Math.abs(v.lon) <= 180
  );
}

/**
 * Items ordered nearest first from `here`; items without a location keep their order after all
 * located ones. Without `here` the order is unchanged. Returns new array with the distances.
 */
export function nearestFirst<T>(
  items: readonly T[],
  here: LatLon | null | undefined,
  locate: (item: T) => LatLon | null | undefined,
): { item: T; distanceM: number | null }[] {
  const withDistance = items.map((item, index) => {
    const where = locate(item);
    const distanceM = here && isLatLon(here) && isLatLon(where) ? haversineM(here, where) : null;
    return { item, distanceM, index };
  });
  if (!here) return withDistance.map(({ item, distanceM }) => ({ item, distanceM }));
  withDistance.sort((a, b) => {
    if (a.distanceM === null && b.distanceM === null) return a.index - b.index;
    if (a.distanceM === null) return 1;
    if (b.distanceM === null) return -1;
    return a.distanceM - b.distanceM || a.index - b.index;
  });
  return withDistance.map(({ item, distanceM }) => ({ item, distanceM }));
}

/** 850 → "850 米", 12345 → "12.3 公里" (the unit words come from the caller's language). */
export function formatDistance(
  metres: number | null | undefined,
  units: { m: string; km: string } = { m: '米', km: '公里' },
): string {
  if (metres === null || metres === undefined || !Number.isFinite(metres)) return '—';
  if (metres < 1000) return `${Math.round(metres)} ${units.m}`;
  const km = metres / 1000;
  return `${km < 100 ? km.toFixed(1) : Math.round(km)} ${units.km}`;
}

export type FixQuality = 'good' | 'poor';

export function fixQuality(fix: Pick<GeoFix, 'accuracy_m'>): FixQuality {
  const acc = fix.accuracy_m;
  return acc === null || acc === undefined || acc > poorAccuracyM() ? 'poor' : 'good';
}

// --- the Geolocation API -------------------------------------------------------------------------

export type FixFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported';
export type FixResult =
  { ok: true; fix: GeoFix } | { ok: false; reason: FixFailure; message?: string };

/** GeolocationPositionError codes → our reasons (1 denied, 2 unavailable, 3 timeout). */
export function fixFailure(code: number | undefined): FixFailure {
  if (code === 1) return 'denied';
  if (code === 3) return 'timeout';
  return 'unavailable';
}

export function toGeoFix(pos: {
  coords: { latitude: number; longitude: number; accuracy: number };
  timestamp: number;
}): GeoFix {
  return {
    lat: pos.coords.latitude,
    lon: pos.coords.longitude,
    accuracy_m: Math.round(pos.coords.accuracy * 10) / 10,
    at: new Date(pos.timestamp || Date.now()).toISOString(),
  };
}

/** One high-accuracy fix (no cached one older than `maximumAgeMs`). Never rejects. */
export function requestFix(
  opts: { timeoutMs?: number; maximumAgeMs?: number } = {},
): Promise<FixResult> {
  const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
  if (!geo) return Promise.resolve({ ok: false, reason: 'unsupported' });
  return new Promise((resolve) => {
    geo.getCurrentPosition(
      (pos) => resolve({ ok: true, fix: toGeoFix(pos) }),
      (err) => resolve({ ok: false, reason: fixFailure(err?.code), message: err?.message }),
      {
        enableHighAccuracy: true,
        timeout: opts.timeoutMs ?? 20_000,
        maximumAge: opts.maximumAgeMs ?? 30_000,
      },
    );
  });
}
