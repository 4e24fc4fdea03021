/**
 * 设置: language, storage used and left (with a warning before space runs out), persistent
 * storage, whether photos are uploaded as taken, whether the app can start offline, the version.
 */
import { useEffect, useState } from 'preact/hooks';
import { getLang, setLang, t, type Lang } from '../i18n';
import { getMeta, openSyncDb, setMeta, type SyncDB } from '../sync/db';
import { estimateStorage, requestPersistentStorage } from '../sync/storage';
import { getKeepOriginals, setKeepOriginals } from '../sync/photos';
import { formatBytes, storageStatus, type StorageStatus } from '../lib/storage-status';
import { Link } from '../lib/router';

export function Settings() {
  return (
    <section class="page settings" data-testid="settings">
      <h1>{t('settings.title')}</h1>
      <LanguageCard />
      <div class="card">
        <h2>{t('password.title')}</h2>
        <Link href="/password" class="btn" data-testid="settings-password">
          {t('password.settingsLink')}
        </Link>
      </div>
      <StorageCard />
      <PhotoCard />
      <OfflineCard />
      <div class="card">
        <h2>{t('settings.version')}</h2>
        <p data-testid="settings-version">
          {__APP_VERSION__} <span class="hint">({__APP_BUILD__})</span>
        </p>
      </div>
    </section>
  );
}

const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

function LanguageCard() {
  const current = getLang();
  return (
    <div class="card">
      <h2 id="settings-lang">{t('settings.language')}</h2>
      <div class="segmented" role="group" aria-labelledby="settings-lang">
        {(Object.keys(LANG_NAMES) as Lang[]).map((lang) => (
          <button
            key={lang}
            type="button"
            class="btn"
            lang={lang}
            aria-pressed={lang === current}
            data-testid={`settings-lang-${lang}`}
            onClick={() => setLang(lang)}
          >
            {LANG_NAMES[lang]}
          </button>
        ))}
      </div>
    </div>
  );
}

type Persisted = 'on' | 'off' | 'refused' | 'unknown';

async function persistedState(): Promise<Persisted> {
  const storage = navigator.storage;
  if (!storage || typeof storage.persisted !== 'function') return 'unknown';
  try {
    return (await storage.persisted()) ? 'on' : 'off';
  } catch {
    return 'unknown';
  }
}

function StorageCard() {
  const [status, setStatus] = useState<StorageStatus | null | undefined>(undefined);
  const [persisted, setPersisted] = useState<Persisted>('unknown');
  useEffect(() => {
    void estimateStorage().then((est) => setStatus(storageStatus(est)));
    void persistedState().then(setPersisted);
  }, []);

  async function ask() {
    setPersisted((await requestPersistentStorage()) ? 'on' : 'refused');
  }

  const usedPct = status
    ? Math.min(100, Math.max(1, Math.round((status.usage / status.quota) * 100)))
    : 0;
  return (
    <div class="card" data-testid="settings-storage" data-low={status?.low ? 'true' : 'false'}>
      <h2>{t('settings.storage')}</h2>
      {status === null && <p class="hint">{t('settings.storageUnknown')}</p>}
      {status && (
        <>
          <p data-testid="settings-storage-used">
            {t('settings.storageUsed', {
              used: formatBytes(status.usage),
              quota: formatBytes(status.quota),
              free: formatBytes(status.free),
            })}
          </p>
          <div class="meter" aria-hidden="true">
            <div
              class={status.low ? 'meter-fill is-low' : 'meter-fill'}
              style={{ width: `${usedPct}%` }}
            />
          </div>
          {status.low && (
            <p class="alert alert-error" role="alert" data-testid="settings-storage-low">
              {t('settings.storageLow', { free: formatBytes(status.free) })}
            </p>
          )}
        </>
      )}
      <h2>{t('settings.persist')}</h2>
      <p data-testid="settings-persist" data-state={persisted}>
        {persisted === 'on' ? t('settings.persistOn') : t('settings.persistOff')}
      </p>
      {persisted === 'refused' && <p class="hint">{t('settings.persistRefused')}</p>}
      {persisted !== 'on' && persisted !== 'unknown' && (
        <button
          type="button"
          class="btn"
          data-testid="settings-persist-ask"
          onClick={() => void ask()}
        >
          {t('settings.persistAsk')}
        </button>
      )}
    </div>
  );
}

function PhotoCard() {
  const [db, setDb] = useState<SyncDB | null>(null);
  const [keep, setKeep] = useState<boolean | null>(null);
  const [saved, setSaved] = useState<boolean | null>(null);
  useEffect(() => {
    let open: SyncDB | null = null;
    let gone = false;
    void openSyncDb()
      .then(async (opened) => {
        open = opened;
        if (gone) return opened.close();
        const value = await getKeepOriginals(opened);
        setKeep(value);
        setSaved(value);
        setDb(opened);
      })
      .catch(() => setKeep(null));
    return () => {
      gone = true;
      open?.close();
    };
  }, []);

  async function toggle(value: boolean) {
    if (!db) return;
    setKeep(value);
    await setKeepOriginals(db, value);
    setSaved(value);
  }

  return (
    <div class="card">
      <h2>{t('settings.photos')}</h2>
      <label class="toggle">
        <input
          type="checkbox"
          data-testid="settings-keep-originals"
          data-saved={saved === null ? undefined : String(saved)}
          checked={keep === true}
          disabled={!db}
          onChange={(e) => void toggle((e.currentTarget as HTMLInputElement).checked)}
        />
        {t('settings.keepOriginals')}
      </label>
      <p class="hint">{t('settings.keepOriginalsHint')}</p>
      <KeepLocalPhotos db={db} />
    </div>
  );
}

/** 保留原图: keep photo bytes on the phone after upload (sync/storage.ts `freeSpaceIfLow`). */
function KeepLocalPhotos({ db }: { db: SyncDB | null }) {
  const [keep, setKeep] = useState<boolean | null>(null);
  useEffect(() => {
    if (db) void getMeta(db, 'keep_local_photos').then(setKeep);
  }, [db]);
  return (
    <>
      <label class="toggle">
        <input
          type="checkbox"
          data-testid="settings-keep-local-photos"
          data-saved={keep === null ? undefined : String(keep)}
          checked={keep === true}
          disabled={!db || keep === null}
          onChange={(e) => {
            const value = (e.currentTarget as HTMLInputElement).checked;
            if (db) void setMeta(db, 'keep_local_photos', value).then(() => setKeep(value));
          }}
        />
        {t('sync.keepLocalPhotos')}
      </label>
      <p class="hint">{t('sync.keepLocalPhotosHint')}</p>
    </>
  );
}

function controlled(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.serviceWorker?.controller;
}

function OfflineCard() {
  const [ready, setReady] = useState(controlled());
  useEffect(() => {
    const sw = navigator.serviceWorker;
    if (!sw) return;
    const update = () => setReady(controlled());
    sw.addEventListener('controllerchange', update);
    return () => sw.removeEventListener('controllerchange', update);
  }, []);
  return (
    <div class="card">
      <h2>{t('settings.offline')}</h2>
      <p data-testid="settings-offline" data-ready={ready ? 'true' : 'false'}>
        {ready ? t('settings.offlineReady') : t('settings.offlineNotReady')}
      </p>
    </div>
  );
}
