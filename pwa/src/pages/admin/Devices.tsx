/**
 * An account's app installs, loaded on demand: when each last synced and how far the server
 * applied its queue (`last_mutation_id`). The server cannot know what a phone holds unsent, so
 * an install quiet for days is flagged as the one to call.
 */
import { useState } from 'preact/hooks';
import { userDevices, type Device } from '../../api/admin';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ErrorBanner } from '../../components/ui';

const QUIET_MS = 3 * 24 * 3600 * 1000;

/** The last time the install was heard from (push, pull or any request). */
export function lastSync(d: Device): string | null {
  const times = [d.last_seen_at, d.last_push_at, d.last_pull_at, d.created_at].filter(
    (x): x is string => !!x,
  );
  return times.sort().at(-1) ?? null;
}

export function isQuiet(d: Device, now: number = Date.now()): boolean {
  const at = lastSync(d);
  return at === null || now - Date.parse(at) > QUIET_MS;
}

export function Devices({ userId }: { userId: number }) {
  const [items, setItems] = useState<Device[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function load() {
    setError(null);
    try {
      setItems((await userDevices(userId)).items);
    } catch (err) {
      setError(err);
    }
  }

  if (items === null)
    return (
      <>
        <button
          type="button"
          class="btn btn-small btn-link"
          data-testid="user-devices-show"
          onClick={() => void load()}
        >
          {t('users.devicesShow')}
        </button>
        <ErrorBanner error={error} />
      </>
    );
  return (
    <ul class="user-devices" data-testid="user-devices">
      {items.length === 0 && <li class="muted">{t('users.devicesEmpty')}</li>}
      {items.map((d) => (
        <li key={d.id} data-testid="user-device" class={isQuiet(d) ? 'quiet' : ''}>
          {t('users.deviceLine', {
            id: d.id.slice(0, 8),
            at: formatDateTime(lastSync(d)),
            n: d.last_mutation_id,
            rejected: d.rejected,
          })}
          {isQuiet(d) && <span class="field-error"> {t('users.deviceQuiet')}</span>}
        </li>
      ))}
    </ul>
  );
}
