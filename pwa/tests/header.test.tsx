/** Which tab the header marks as the current page. */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../src/api';
import { Header } from '../src/components/Header';
import { reloadLang } from '../src/i18n';

const SUPERVISOR = {
  id: 1,
  username: 'ts_duchashi',
  display_name: '黄丽娟',
  role: 'supervisor',
  role_label: '督查室',
  unit: null,
  region: null,
  townships: [],
  active: true,
  locale: 'zh-CN',
} as unknown as User;

let root: HTMLElement;
beforeEach(() => {
  localStorage.clear();
  reloadLang();
  // the bell asks for its count: answer "none unread"
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify({ unread: 0 }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    ),
  );
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

const current = () =>
  Array.from(root.querySelectorAll('[aria-current=page]')).map((a) =>
    a.getAttribute('data-testid'),
  );

describe('the current tab', () => {
  it("a published bulletin's page is under 督查通报", () => {
    render(<Header user={SUPERVISOR} path="/office/bulletins/3" />, root);
    expect(current()).toEqual(['nav-bulletin']);
  });

  it('the map is under the dashboard', () => {
    render(<Header user={SUPERVISOR} path="/office/map" />, root);
    expect(current()).toEqual(['nav-dashboard']);
  });

  it("a problem's page is under 问题台账, and nothing else is marked", () => {
    render(<Header user={SUPERVISOR} path="/office/issues/abc" />, root);
    expect(current()).toEqual(['nav-issues']);
  });
});
