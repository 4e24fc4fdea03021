import 'fake-indexeddb/auto';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reloadLang } from '../src/i18n';
import { registerServiceWorker, resetForTests, type WorkboxLike } from '../src/lib/sw-update';
import { UpdateBanner, unsyncedCount } from '../src/components/UpdateBanner';
import { openSyncDb } from '../src/sync/db';
import { enqueue } from '../src/sync/outbox';
import { NO_PENDING } from '../src/sync/pending';

const flush = () => new Promise((r) => setTimeout(r, 0));
const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);

/** Wait for an element (Preact runs effects after paint). */
async function find(testid: string): Promise<HTMLElement> {
  for (let i = 0; i < 200; i++) {
    const el = $(testid);
    if (el) return el;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${testid}`);
}

let root: HTMLElement;
let fire: (type: string) => void;

beforeEach(async () => {
  localStorage.clear();
  reloadLang();
  root = document.createElement('div');
  document.body.appendChild(root);
  const listeners: Record<string, (() => void)[]> = {};
  const wb: WorkboxLike = {
    addEventListener: (type, fn) => void (listeners[type] ??= []).push(() => fn({})),
    register: async () => undefined,
    update: async () => undefined,
    messageSkipWaiting: () => undefined,
  };
  fire = (type) => listeners[type]?.forEach((fn) => fn());
  Object.defineProperty(navigator, 'serviceWorker', { value: {}, configurable: true });
  await registerServiceWorker({ load: async () => wb, reload: () => undefined, checkEveryMs: 0 });
});

afterEach(() => {
  render(null, root);
  root.remove();
  resetForTests();
});

describe('the update banner', () => {
  it('shows only while a new version waits', async () => {
    render(<UpdateBanner countUnsynced={async () => NO_PENDING} apply={() => undefined} />, root);
    expect($('update-banner')).toBeNull();
    fire('waiting');
    expect((await find('update-banner')).textContent).toContain('新版本可用');
    expect($('update-apply')!.textContent).toBe('更新');
  });

  it('updates at once when nothing waits to sync', async () => {
    const apply = vi.fn();
    render(<UpdateBanner countUnsynced={async () => NO_PENDING} apply={apply} />, root);
    fire('waiting');
    (await find('update-apply')).click();
    await flush();
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('warns with what waits, in items and photos, and updates only when confirmed', async () => {
    const apply = vi.fn();
    const items = { ...NO_PENDING, inspection: 2, issue: 1, photo: 5 };
    render(<UpdateBanner countUnsynced={async () => items} apply={apply} />, root);
    fire('waiting');
    (await find('update-apply')).click();
    await flush();
    expect($('update-unsynced')!.textContent).toBe(
      '还有 2 份检查、1 个问题、5 张照片未同步，请先同步再更新',
    );
    expect(apply).not.toHaveBeenCalled();
    $('update-later')!.click();
    await flush();
    expect($('update-unsynced')).toBeNull();
    expect($('update-apply')).not.toBeNull();
    $('update-apply')!.click();
    (await find('update-force')).click();
    await flush();
    expect(apply).toHaveBeenCalledTimes(1);
  });
});

describe('unsyncedCount', () => {
  it('counts the problems and photos waiting in the local database', async () => {
    expect(await unsyncedCount()).toEqual(NO_PENDING);
    const db = await openSyncDb();
    await enqueue(db, 'issue.comment', { issue_id: 'x', body: '已整改' });
    await enqueue(db, 'issue.transition', { issue_id: 'x', to: 'rectified' });
    db.close();
    expect(await unsyncedCount()).toEqual({ ...NO_PENDING, issue: 1 });
  });

  it('warns when only photos wait (their records went, their bytes did not)', async () => {
    const db = await openSyncDb();
    await db.clear('outbox');
    const bytes = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1])], { type: 'image/jpeg' });
    await db.put('blobs', {
      sha256: 'a'.repeat(64),
      size: 4,
      type: 'image/jpeg',
      bytes,
      uploaded: false,
    });
    db.close();
    const apply = vi.fn();
    render(<UpdateBanner apply={apply} />, root);
    fire('waiting');
    (await find('update-apply')).click();
    expect((await find('update-unsynced')).textContent).toBe('还有 1 张照片未同步，请先同步再更新');
    expect(apply).not.toHaveBeenCalled();
  });
});
