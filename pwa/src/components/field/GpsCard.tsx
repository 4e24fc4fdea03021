/**
 * The GPS card: a fix with its accuracy, a retry for a poor one, and a clear word
 * when there is none.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import {
  fixQuality,
  formatDistance,
  haversineM,
  isLatLon,
  requestFix,
  type FixFailure,
  type LatLon,
} from '../../lib/geo';
import type { GeoFix } from '../../sync/db';

export type GpsState =
  | { state: 'idle' | 'locating' }
  | { state: 'ok'; fix: GeoFix }
  | { state: 'failed'; reason: FixFailure };

/** Ask for a fix (at once when `auto`); `retry()` asks again. */
export function useGeoFix(auto = true): GpsState & { retry: () => void; fix: GeoFix | null } {
  const [s, setS] = useState<GpsState>({ state: auto ? 'locating' : 'idle' });
  const alive = useRef(true);
  const retry = useCallback(() => {
    setS((prev) => (prev.state === 'ok' ? prev : { state: 'locating' }));
    void requestFix({ maximumAgeMs: 0 }).then((r) => {
      if (!alive.current) return;
      setS((prev) => {
        if (r.ok) return { state: 'ok', fix: r.fix };
        // a failed retry keeps the fix we had
        return prev.state === 'ok' ? prev : { state: 'failed', reason: r.reason };
      });
    });
  }, []);
  useEffect(() => {
    alive.current = true;
    if (auto) retry();
    return () => {
      alive.current = false;
    };
  }, [auto, retry]);
  return { ...s, retry, fix: s.state === 'ok' ? s.fix : null } as GpsState & {
    retry: () => void;
    fix: GeoFix | null;
  };
}

export function GpsCard({
  gps,
  target,
  compact,
}: {
  gps: ReturnType<typeof useGeoFix>;
  target?: LatLon | null;
  compact?: boolean;
}) {
  const units = { m: t('field.len.m'), km: t('field.len.km') };
  let body;
  let tone = 'info';
  if (gps.state === 'ok') {
    const poor = fixQuality(gps.fix) === 'poor';
    tone = poor ? 'warn' : 'ok';
    const acc = gps.fix.accuracy_m == null ? '—' : formatDistance(gps.fix.accuracy_m, units);
    body = (
      <>
        <strong data-testid="gps-accuracy" data-accuracy={gps.fix.accuracy_m ?? ''}>
          {t('field.gps.accuracy', { acc })}
        </strong>
        {poor && <span>{t('field.gps.poor')}</span>}
        {target && isLatLon(target) && (
          <span data-testid="gps-distance">
            {t('field.gps.distance', { d: formatDistance(haversineM(gps.fix, target), units) })}
          </span>
        )}
        {!compact && (
          <span class="muted">
            {gps.fix.lat.toFixed(5)}, {gps.fix.lon.toFixed(5)}
          </span>
        )}
      </>
    );
  } else if (gps.state === 'failed') {
    tone = 'error';
    body = <strong>{t(`field.gps.${gps.reason}`)}</strong>;
  } else if (gps.state === 'locating') {
    body = <strong>{t('field.gps.locating')}</strong>;
  } else {
    body = <strong>{t('field.gps.idle')}</strong>;
  }
  return (
    <div class={`gps-card tone-gps-${tone}`} data-testid="gps-card" data-state={gps.state}>
      <div class="gps-body">{body}</div>
      <button
        type="button"
        class="btn btn-small"
        onClick={gps.retry}
        disabled={gps.state === 'locating'}
        data-testid="gps-retry"
      >
        {gps.state === 'idle' ? t('field.gps.get') : t('field.gps.retry')}
      </button>
    </div>
  );
}
