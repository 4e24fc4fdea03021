/**
 * The change-password page: forced after a login with a one-time password (and after any API
 * answers password_change_required), then the app goes on to where it was going; the local
 * checks and the server's Chinese errors.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app';
import { api } from '../../src/api';
import { reloadLang } from '../../src/i18n';
import { checkPasswords } from '../../src/pages/ChangePassword';
import { waitFor } from '../support/wait';
import { $, ADMIN, flush, installFetch, requests, serve, submit, type } from './harness';

const OFFICE = { ...ADMIN, id: 5, username: 'qt.office', role: 'supervisor' as const };
let root: HTMLElement;

beforeEach(() => {
  localStorage.clear();
  reloadLang();
  installFetch();
  api.setCsrfToken(null);
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

/** A server whose user logs in with "one-time" and must change it; the new password is kept. */
function oneTimeServer() {
  let mustChange = true;
  let loggedIn = false;
  serve(({ method, url, body }) => {
    const user = { ...OFFICE, must_change_password: mustChange };
    const path = url.pathname;
    if (path === '/api/v1/auth/me')
      return loggedIn ? [200, { user, csrf_token: 't' }] : [401, { code: 'login_required' }];
    if (path === '/api/v1/auth/login') {
      loggedIn = true;
      return [200, { user, csrf_token: 't' }];
    }
    if (path === '/api/v1/auth/password' && method === 'POST') {
      const b = body as { current_password: string; new_password: string };
      if (b.current_password !== 'one-time')
        return [
          422,
          {
            code: 'wrong_password',
            message: '当前密码不正确',
            errors: { current_password: ['当前密码不正确'] },
          },
        ];
      mustChange = false;
      return [204, null];
    }
    if (mustChange) return [403, { code: 'password_change_required', message: '请先修改密码' }];
    if (path === '/api/v1/projects/facets')
      return [
        200,
        {
          counties: [],
          townships: [],
          units: [],
          series: [],
          levels: [],
          statuses: [],
          batch_years: [2026],
          batch_year: 2026,
        },
      ];
    if (path === '/api/v1/projects')
      return [200, { items: [], total: 0, page: 1, per_page: 50, as_of: '2026-12-07', counts: {} }];
    return undefined;
  });
}

async function logIn() {
  await waitFor(() => $('login-username'));
  type($('login-username'), 'qt.office');
  type($('login-password'), 'one-time');
  await flush();
  $('login-submit')!.click();
}

describe('forced password change', () => {
  it('asks a one-time password user for a new one, then goes where they were going', async () => {
    oneTimeServer();
    window.history.replaceState(null, '', '/projects?status=behind');
    render(<App />, root);
    await logIn();
    await waitFor(() => $('password-forced'));
    // nothing else was asked of the server while the change is due
    expect(requests.some((r) => r.url.pathname === '/api/v1/projects')).toBe(false);
    type($('password-current'), 'one-time');
    type($('password-new'), 'my-own-pass-1');
    type($('password-repeat'), 'my-own-pass-1');
    await flush();
    submit('password-submit');
    await waitFor(() => !$('change-password') && $('status-count-all'));
    expect(window.location.pathname + window.location.search).toBe('/projects?status=behind');
    const change = requests.find((r) => r.url.pathname === '/api/v1/auth/password')!;
    expect(change.body).toEqual({ current_password: 'one-time', new_password: 'my-own-pass-1' });
  });

  it('shows the server message under the field it concerns', async () => {
    oneTimeServer();
    window.history.replaceState(null, '', '/projects');
    render(<App />, root);
    await logIn();
    await waitFor(() => $('password-forced'));
    type($('password-current'), 'wrong');
    type($('password-new'), 'my-own-pass-1');
    type($('password-repeat'), 'my-own-pass-1');
    await flush();
    submit('password-submit');
    await waitFor(() => $('password-current-error'));
    expect($('password-current-error')!.textContent).toContain('当前密码不正确');
    expect($('change-password')).not.toBeNull();
  });

  it('turns to the change page when any API answers password_change_required', async () => {
    let reset = false;
    serve(({ url }) => {
      const user = { ...OFFICE, must_change_password: false };
      if (url.pathname === '/api/v1/auth/me') return [200, { user, csrf_token: 't' }];
      if (reset) return [403, { code: 'password_change_required', message: '请先修改密码' }];
      if (url.pathname === '/api/v1/projects/facets') {
        reset = true; // an administrator reset the password meanwhile
        return [403, { code: 'password_change_required', message: '请先修改密码' }];
      }
      return [403, { code: 'password_change_required', message: '请先修改密码' }];
    });
    window.history.replaceState(null, '', '/projects');
    render(<App />, root);
    await waitFor(() => $('password-forced'));
  });
});

describe('local checks', () => {
  it('asks for every field and the same new password twice', () => {
    expect(checkPasswords({ current_password: '', new_password: 'a', repeat: 'b' })).toEqual({
      current_password: '请填写此项',
      repeat: '两次输入的新密码不一致',
    });
    expect(
      checkPasswords({ current_password: 'x', new_password: 'abcdefgh', repeat: 'abcdefgh' }),
    ).toEqual({});
  });
});
