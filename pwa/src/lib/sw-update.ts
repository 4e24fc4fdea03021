/**
 * The service worker from the page's side: register /sw.js, notice when a new version of the app
 * is waiting, and let it take over only when asked (`applyUpdate`, after the user agreed — see
 * components/UpdateBanner.tsx). The page reloads once the new version controls it.
 *
 * workbox-window is loaded lazily, after the first render, so it costs the app shell nothing.
 */

/** What this module needs from workbox-window's `Workbox` (a fake stands in for it in tests). */
export interface WorkboxLike {
  addEventListener(
    type: 'waiting' | 'controlling',
    listener: (event: { isUpdate?: boolean }) => void,
  ): void;
  register(): Promise<ServiceWorkerRegistration | undefined>;
  update(): Promise<unknown>;
  messageSkipWaiting(): void;
}

export interface RegisterOptions {
  url?: string;
  load?: (url: string) => Promise<WorkboxLike>;
  reload?: () => void;
  /** How often to ask the server for a newer sw.js while the app stays open (ms, 0 = never). */
  checkEveryMs?: number;
}

let workbox: WorkboxLike | null = null;
let waiting = false;
const listeners = new Set<(waiting: boolean) => void>();

function setWaiting(value: boolean): void {
  waiting = value;
  for (const fn of [...listeners]) fn(value);
}

/** True while a new version is installed and waits for `applyUpdate`. */
export function updateWaiting(): boolean {
  return waiting;
}

export function onUpdateWaiting(fn: (waiting: boolean) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

async function loadWorkbox(url: string): Promise<WorkboxLike> {
  const { Workbox } = await import('workbox-window');
  return new Workbox(url, { scope: '/' });
}

/** Register the service worker (when the browser has them); false when it cannot. */
export async function registerServiceWorker(opts: RegisterOptions = {}): Promise<boolean> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
  const wb = await (opts.load ?? loadWorkbox)(opts.url ?? '/sw.js');
  const reload = opts.reload ?? (() => window.location.reload());
  wb.addEventListener('waiting', () => setWaiting(true));
  // A new version took over (we asked it to): run its code, not the old page's.
  wb.addEventListener('controlling', (event) => {
    if (event.isUpdate) reload();
  });
  workbox = wb;
  try {
    await wb.register();
  } catch {
    workbox = null;
    return false;
  }
  const check = () => void wb.update().catch(() => undefined);
  window.addEventListener('online', check);
  const every = opts.checkEveryMs ?? 60 * 60 * 1000;
  if (every > 0) window.setInterval(check, every);
  return true;
}

/** Let the waiting version take over; the page reloads when it does. */
export function applyUpdate(): void {
  workbox?.messageSkipWaiting();
}

/** Forget everything (tests). */
export function resetForTests(): void {
  workbox = null;
  waiting = false;
  listeners.clear();
}
