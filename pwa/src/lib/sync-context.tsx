/**
 * The field app's one sync engine, shared by every screen through a Preact context.
 *
 * After login the provider opens the IndexedDB (`openSyncDb`), binds it to the user (`bindUser`;
 * a different user's unsynced outbox blocks, see db.ts), creates ONE `SyncEngine` with the app's
 * api client and — for field roles, or once a field screen is opened — starts it. It keeps the
 * figures the sync bar shows (outbox + photos waiting, last sync, progress, notices) and a
 * `revision` that grows whenever local data may have changed, so screens re-read IndexedDB.
 */
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, type User } from '../api';
import {
  bindUser,
  getMeta,
  listNotices,
  listRecords,
  markNoticesSeen,
  openSyncDb,
  type BindOutcome,
  type LocalRecord,
  type Notice,
  type SyncDB,
} from '../sync/db';
import { NO_PENDING, pendingItems } from '../sync/pending';
import { freeSpaceIfLow, requestPersistentStorage } from '../sync/storage';
import { storageStatus } from './storage-status';
import { SyncEngine } from '../sync/client';
import type { SyncState } from '../sync/types';
import { queueProgress, type QueueProgress, type SyncView } from './sync-status';

export type BlobState = 'waiting' | 'uploaded' | 'failed';

export interface SyncContextValue {
  db: SyncDB | null;
  engine: SyncEngine | null;
  /** Why the field app cannot work (DB could not open, another user's data waits). */
  problem: { kind: 'db' | 'blocked'; message?: string } | null;
  bind: BindOutcome | null;
  view: SyncView;
  progress: QueueProgress | null;
  notices: Notice[];
  /** Grows whenever local data may have changed: re-read on change. */
  revision: number;
  blobStates: ReadonlyMap<string, BlobState>;
  /** This run's photos and how much of each has gone (0–1), by SHA-256: one bar per photo. */
  photoProgress: ReadonlyMap<string, number>;
  /** Start the engine (no-op when running). */
  activate(): void;
  syncNow(): void;
  /** Local data changed (after an enqueue): refresh figures and screens, and sync soon. */
  changed(): void;
  dismissNotices(keys: string[]): void;
}

const EMPTY_VIEW: SyncView = {
  state: 'stopped',
  online: true,
  items: NO_PENDING,
  lastSyncAt: null,
};

const SyncContext = createContext<SyncContextValue | null>(null);

let dbPromise: Promise<SyncDB> | null = null;
/** The one database connection of this page. */
export function getSyncDb(): Promise<SyncDB> {
  if (!dbPromise) {
    dbPromise = openSyncDb({ onVersionChange: () => (dbPromise = null) });
    dbPromise.catch(() => (dbPromise = null));
  }
  return dbPromise;
}

const FIELD_ROLES = new Set(['inspector', 'unit', 'deputy']);
export const isFieldRole = (user: Pick<User, 'role'>) => FIELD_ROLES.has(user.role);

export function SyncProvider({
  user,
  active,
  children,
}: {
  user: User;
  active: boolean;
  children: ComponentChildren;
}) {
  const [db, setDb] = useState<SyncDB | null>(null);
  const [engine, setEngine] = useState<SyncEngine | null>(null);
  const [problem, setProblem] = useState<SyncContextValue['problem']>(null);
  const [bind, setBind] = useState<BindOutcome | null>(null);
  const [view, setView] = useState<SyncView>({
    ...EMPTY_VIEW,
    online: typeof navigator === 'undefined' || navigator.onLine !== false,
  });
  const [progress, setProgress] = useState<QueueProgress | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [revision, setRevision] = useState(0);
  const [blobStates, setBlobStates] = useState<ReadonlyMap<string, BlobState>>(new Map());
  const [wantStart, setWantStart] = useState(active);
  const [photoProgress, setPhotoProgress] = useState<ReadonlyMap<string, number>>(new Map());
  const refreshing = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  useEffect(() => {
    if (active) setWantStart(true);
  }, [active]);

  // open, bind, create the engine (once per user)
  useEffect(() => {
    let cancelled = false;
    let made: SyncEngine | null = null;
    (async () => {
      try {
        const database = await getSyncDb();
        const outcome = await bindUser(database, user.id);
        if (cancelled) return;
        setDb(database);
        setBind(outcome);
        if (outcome === 'blocked') {
          setProblem({ kind: 'blocked' });
          return;
        }
        made = new SyncEngine({ db: database, api });
        setEngine(made);
      } catch (err) {
        if (!cancelled)
          setProblem({ kind: 'db', message: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      cancelled = true;
      void made?.stop();
    };
  }, [user.id]);

  const refresh = useCallback(async () => {
    if (!db) return;
    if (refreshing.current) {
      again.current = true;
      return refreshing.current;
    }
    const run = (async () => {
      do {
        again.current = false;
        const [items, blobs, lastSyncAt, unseen] = await Promise.all([
          pendingItems(db),
          db.getAll('blobs'),
          getMeta(db, 'last_sync_at'),
          listNotices(db, { unseenOnly: true }),
        ]);
        const states = new Map<string, BlobState>();
        for (const b of blobs)
          states.set(b.sha256, b.uploaded ? 'uploaded' : b.failed ? 'failed' : 'waiting');
        setBlobStates(states);
        setNotices(unseen);
        setView((v) => ({ ...v, items, lastSyncAt }));
      } while (again.current);
    })();
    refreshing.current = run;
    try {
      await run;
    } finally {
      refreshing.current = null;
    }
  }, [db]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // engine events → figures
  useEffect(() => {
    if (!engine) return;
    const offs = [
      engine.on('status', (s) => {
        setView((v) => ({ ...v, state: s.state as SyncState }));
        if (s.state !== 'syncing') {
          setProgress(null);
          setPhotoProgress(new Map());
        }
        void refresh();
      }),
      engine.on('progress', (p) => {
        setProgress(queueProgress(p));
        if (p.phase === 'upload' && p.sha256) {
          const sha = p.sha256;
          const part = p.photoBytes ? Math.min(1, (p.photoBytesDone ?? 0) / p.photoBytes) : 0;
          setPhotoProgress((m) => (m.get(sha) === part ? m : new Map(m).set(sha, part)));
        }
        // the counts change when a photo has gone or a batch was pushed, not at every chunk
        const photoDone = p.phase === 'upload' && p.done > 0 && p.photoBytesDone === p.photoBytes;
        if (p.phase !== 'upload' || photoDone) void refresh();
      }),
      engine.on('synced', () => {
        setProgress(null);
        setPhotoProgress(new Map());
        // the phone nearly full: photos the server has keep only a thumbnail here (保留原图 off)
        void freeSpaceIfLow(engine.db, { isLow: (e) => storageStatus(e)?.low ?? false }).then(
          (n) => n > 0 && setRevision((r) => r + 1),
          () => undefined,
        );
        setRevision((r) => r + 1);
        void refresh();
      }),
      engine.on('notice', () => {
        setRevision((r) => r + 1);
        void refresh();
      }),
      engine.on('error', () => void refresh()),
    ];
    setView((v) => ({ ...v, state: engine.status.state }));
    return () => offs.forEach((off) => off());
  }, [engine, refresh]);

  // start when wanted
  useEffect(() => {
    if (!engine || !wantStart) return;
    void requestPersistentStorage();
    void engine.start();
  }, [engine, wantStart]);

  // online / offline for the bar (the engine listens to `online` itself)
  useEffect(() => {
    const update = () => setView((v) => ({ ...v, online: navigator.onLine !== false }));
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);

  const value = useMemo<SyncContextValue>(
    () => ({
      db,
      engine,
      problem,
      bind,
      view,
      progress,
      notices,
      revision,
      blobStates,
      photoProgress,
      activate: () => setWantStart(true),
      syncNow: () => {
        if (!engine) return;
        setWantStart(true);
        // after a halt (login again) resume clears it; otherwise this is a plain run
        void (engine.status.state === 'login-required' || engine.status.state === 'update-required'
          ? engine.resume()
          : engine.start());
      },
      changed: () => {
        setRevision((r) => r + 1);
        void refresh();
      },
      dismissNotices: (keys) => {
        if (!db) return;
        void markNoticesSeen(db, keys).then(refresh);
      },
    }),
    [
      db,
      engine,
      problem,
      bind,
      view,
      progress,
      notices,
      revision,
      blobStates,
      photoProgress,
      refresh,
    ],
  );
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

/** The sync context, or null outside <SyncProvider> (the header before login). */
export function useOptionalSync(): SyncContextValue | null {
  return useContext(SyncContext);
}

export function useSync(): SyncContextValue {
  const ctx = useContext(SyncContext);
  if (!ctx) throw new Error('useSync outside <SyncProvider>');
  return ctx;
}

/** Local records of one type (drafts over the server's copy), re-read at every revision. */
export function useLocalRecords<T>(type: string): { records: LocalRecord<T>[]; loading: boolean } {
  const { db, revision } = useSync();
  const [state, setState] = useState<{ records: LocalRecord<T>[]; loading: boolean }>({
    records: [],
    loading: true,
  });
  useEffect(() => {
    if (!db) return;
    let cancelled = false;
    listRecords<T>(db, type).then((records) => {
      if (!cancelled) setState({ records, loading: false });
    });
    return () => {
      cancelled = true;
    };
  }, [db, type, revision]);
  return state;
}
