import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyUpdate,
  onUpdateWaiting,
  registerServiceWorker,
  resetForTests,
  updateWaiting,
  type WorkboxLike,
} from '../src/lib/sw-update';

class FakeWorkbox implements WorkboxLike {
  listeners: Record<string, ((event: { isUpdate?: boolean }) => void)[]> = {};
  skipped = 0;
  updates = 0;
  addEventListener(type: string, fn: (event: { isUpdate?: boolean }) => void) {
    (this.listeners[type] ??= []).push(fn);
  }
  fire(type: string, event: { isUpdate?: boolean } = {}) {
    for (const fn of this.listeners[type] ?? []) fn(event);
  }
  async register() {
    return undefined;
  }
  async update() {
    this.updates += 1;
  }
  messageSkipWaiting() {
    this.skipped += 1;
  }
}

afterEach(() => resetForTests());

async function registered() {
  const wb = new FakeWorkbox();
  const reload = vi.fn();
  Object.defineProperty(navigator, 'serviceWorker', { value: {}, configurable: true });
  expect(await registerServiceWorker({ load: async () => wb, reload, checkEveryMs: 0 })).toBe(true);
  return { wb, reload };
}

describe('service worker updates', () => {
  it('say when a new version waits, and never take over by themselves', async () => {
    const { wb, reload } = await registered();
    const seen: boolean[] = [];
    onUpdateWaiting((w) => seen.push(w));
    expect(updateWaiting()).toBe(false);
    wb.fire('waiting');
    expect(updateWaiting()).toBe(true);
    expect(seen).toEqual([true]);
    expect(wb.skipped).toBe(0);
    expect(reload).not.toHaveBeenCalled();
  });

  it('take over when asked, and the page reloads once the new version controls it', async () => {
    const { wb, reload } = await registered();
    wb.fire('waiting');
    applyUpdate();
    expect(wb.skipped).toBe(1);
    wb.fire('controlling', { isUpdate: true });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('do not reload on the first install', async () => {
    const { wb, reload } = await registered();
    wb.fire('controlling', { isUpdate: false });
    expect(reload).not.toHaveBeenCalled();
  });

  it('are looked for again when the network comes back', async () => {
    const { wb } = await registered();
    window.dispatchEvent(new Event('online'));
    expect(wb.updates).toBe(1);
  });
});
