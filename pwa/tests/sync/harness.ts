/** The engine tests' harness: a fake server, a fresh database, manual timers, recorded events. */
import { freshDbName } from './setup';
import { afterEach } from 'vitest';
import { ApiClient } from '../../src/api/client';
import {
  SyncEngine,
  type SyncEventName,
  type SyncEvents,
  type SyncEngineOptions,
  type Timers,
} from '../../src/sync/client';
import { openSyncDb, type SyncDB } from '../../src/sync/db';
import { enqueue } from '../../src/sync/outbox';
import { FetchHttpStack } from '../../src/sync/tus';
import { CSRF, FakeServer } from './fakeServer';

export const INSPECTION = '33333333-3333-4333-8333-333333333333';
export const ISSUE = '44444444-4444-4444-8444-444444444444';

/** Timers that fire only when the test says so. */
export class ManualTimers implements Timers {
  scheduled: { fn: () => void; ms: number; id: number }[] = [];
  private next = 1;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.scheduled.push({ fn, ms, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.scheduled = this.scheduled.filter((t) => t.id !== id);
  };
  get last(): number | undefined {
    return this.scheduled[this.scheduled.length - 1]?.ms;
  }
  fire(): void {
    const due = this.scheduled;
    this.scheduled = [];
    for (const t of due) t.fn();
  }
}

export type Recorded = { [K in SyncEventName]: { type: K; detail: SyncEvents[K] } }[SyncEventName];

export interface Harness {
  server: FakeServer;
  api: ApiClient;
  db: SyncDB;
  engine: SyncEngine;
  timers: ManualTimers;
  events: Recorded[];
  target: EventTarget;
  of<K extends SyncEventName>(type: K): SyncEvents[K][];
  restart(): Promise<SyncEngine>;
}

const open: SyncDB[] = [];
const engines: SyncEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  for (const db of open.splice(0)) db.close();
});

export async function harness(
  overrides: Partial<SyncEngineOptions> = {},
  server = new FakeServer(),
): Promise<Harness> {
  const name = freshDbName();
  const api = new ApiClient({ fetch: server.fetch });
  api.setCsrfToken(CSRF);
  const timers = new ManualTimers();
  const target = new EventTarget();
  const events: Recorded[] = [];
  const make = async () => {
    const db = await openSyncDb({ name });
    open.push(db);
    const engine = new SyncEngine({
      db,
      api,
      origin: 'http://fake.test',
      httpStack: new FetchHttpStack(server.fetch),
      retryDelays: [],
      chunkSize: 1024,
      backoff: { random: () => 0.5 },
      timers,
      eventTarget: target,
      isOnline: () => true,
      locks: null,
      ...overrides,
    });
    engines.push(engine);
    const types: SyncEventName[] = [
      'progress',
      'synced',
      'notice',
      'login-required',
      'update-required',
      'error',
      'status',
    ];
    for (const type of types)
      engine.on(type, (detail) => events.push({ type, detail } as Recorded));
    return engine;
  };
  const engine = await make();
  const h: Harness = {
    server,
    api,
    db: engine.db,
    engine,
    timers,
    events,
    target,
    of: <K extends SyncEventName>(type: K) =>
      events.filter((e) => e.type === type).map((e) => e.detail as SyncEvents[K]),
    restart: async () => {
      await h.engine.stop();
      h.db.close();
      h.engine = await make();
      h.db = h.engine.db;
      return h.engine;
    },
  };
  return h;
}

export function createInspection(db: SyncDB, id = INSPECTION) {
  return enqueue(
    db,
    'inspection.create',
    { id, project_id: 1, kind: 'routine', started_at: '2025-05-01T08:00:00Z' },
    { drafts: [{ type: 'inspection', id, data: { id, status: 'draft' } }] },
  );
}

export function photoBytes(size: number, seed = 1): Blob {
  const bytes = new Uint8Array(size);
  bytes[0] = 0xff;
  bytes[1] = 0xd8;
  bytes[2] = 0xff;
  for (let i = 3; i < size; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return new Blob([bytes], { type: 'image/jpeg' });
}
