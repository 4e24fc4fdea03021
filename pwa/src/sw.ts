/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell (index.html, JS, CSS, icons, manifest) so the app
 * starts with no network, and answers every navigation outside /api/ with the precached
 * index.html (the client router takes it from there).
 *
 * /api/* is never touched: no route matches it, so those requests go to the network as if there
 * were no service worker (the data lives in IndexedDB, not in a cache).
 *
 * Updates wait: a new version installs, then stays `waiting` until the page posts
 * `{type: 'SKIP_WAITING'}` (after the user agreed, see src/lib/sw-update.ts).
 */
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<string | { url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api(\/|$)/, /^\/healthz$/],
  }),
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first install takes the open page at once (nothing older to disagree with); an update only
// activates after SKIP_WAITING, and the page reloads when it takes over.
clientsClaim();
