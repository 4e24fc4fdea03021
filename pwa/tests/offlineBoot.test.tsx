/** Starting the app with no network: the user kept on the device, the 离线 badge, revalidation. */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app';
import { api } from '../src/api';
import { reloadLang } from '../src/i18n';
import { lastUser, rememberUser } from '../src/lib/offline-session';
import type { User } from '../src/api/types';
import { waitFor } from './support/wait';

const SUPERVISOR: User = {
  id: 1,
  username: 'wang',
  display_name: '王督查',
  role: 'supervisor',
  role_label: '督查室',
  unit: null,
  region: null,
  townships: [],
  active: true,
  locale: 'zh-CN',
};

type Reply = [number, unknown] | 'down';
let reply: (path: string, method: string) => Reply;

function installFetch() {
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const r = reply(url.pathname, init.method ?? 'GET');
    if (r === 'down') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(r[1]), { status: r[0] });
  }) as unknown as typeof fetch;
}

const online: Reply = [200, { user: SUPERVISOR, csrf_token: 'tok' }];
const emptyPage: Reply = [200, { items: [], total: 0, page: 1, per_page: 50, counts: {} }];
const facets: Reply = [
  200,
  { counties: [], townships: [], units: [], series: [], levels: [], statuses: [] },
];

/** The server when it is up: the session, an empty ledger. */
function up(path: string): Reply {
  if (path === '/api/v1/auth/me') return online;
  if (path === '/api/v1/projects/facets') return facets;
  if (path.startsWith('/api/v1/projects')) return emptyPage;
  return [200, null];
}

const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);

let root: HTMLElement;
beforeEach(() => {
  localStorage.clear();
  reloadLang();
  installFetch();
  api.setCsrfToken(null);
  window.history.replaceState(null, '', '/projects');
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  localStorage.clear();
});

describe('offline start', () => {
  it('keeps the user after a successful session check', async () => {
    reply = up;
    render(<App />, root);
    await waitFor(() => $('current-user'));
    expect(lastUser()).toEqual(SUPERVISOR);
    expect($('offline-indicator')).toBeNull();
  });

  it('boots as the kept user with the 离线 badge when the server cannot be reached', async () => {
    rememberUser(SUPERVISOR);
    reply = () => 'down';
    render(<App />, root);
    const who = await waitFor(() => $('current-user'));
    expect(who.textContent).toContain('王督查');
    expect($('offline-indicator')!.textContent).toContain('离线');
    expect($('nav-settings')).not.toBeNull();
  });

  it('shows the error, not a shell, when no user was kept', async () => {
    reply = () => 'down';
    render(<App />, root);
    await waitFor(() => document.querySelector('.alert-error'));
    expect($('current-user')).toBeNull();
  });

  it('still sends a 401 to the login page', async () => {
    rememberUser(SUPERVISOR);
    reply = () => [401, { code: 'login_required', message: '请先登录' }];
    render(<App />, root);
    await waitFor(() => $('login-username'));
  });

  it('revalidates when the network is back, and drops the badge', async () => {
    rememberUser(SUPERVISOR);
    reply = () => 'down';
    render(<App />, root);
    await waitFor(() => $('offline-indicator'));
    reply = up;
    // (the listener is attached by an effect, after paint: keep saying so until it is heard)
    await waitFor(() => window.dispatchEvent(new Event('online')) && !$('offline-indicator'));
    expect($('current-user')).not.toBeNull();
  });

  it('revalidates into the login page when the session ended meanwhile', async () => {
    rememberUser(SUPERVISOR);
    reply = () => 'down';
    render(<App />, root);
    await waitFor(() => $('offline-indicator'));
    // only the session check answers (a page's own 401 would also lead to the login page)
    reply = (path) =>
      path === '/api/v1/auth/me' ? [401, { code: 'login_required', message: '请先登录' }] : 'down';
    await waitFor(() => window.dispatchEvent(new Event('online')) && $('login-username'));
  });

  it('forgets the user on logout', async () => {
    reply = up;
    render(<App />, root);
    (await waitFor(() => $('logout'))).click();
    await waitFor(() => $('login-username'));
    expect(lastUser()).toBeNull();
  });
});
