/**
 * The administrator's pages against a fake server: 用户管理 (create with a one-time password,
 * edit and scope to a county, reset a password, devices, bulk import) and 地区与单位 (the tree,
 * a region under a node, a county's units, the workbook import's preview).
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../src/api';
import { reloadLang } from '../../src/i18n';
import { Users } from '../../src/pages/Users';
import { Regions } from '../../src/pages/admin/Regions';
import { isQuiet } from '../../src/pages/admin/Devices';
import { townshipsOf } from '../../src/pages/admin/lookups';
import { newUserBody, emptyDraft } from '../../src/pages/admin/UserForm';
import { chosenYear, yearOptions, yearQuery } from '../../src/lib/batch-year';
import { waitFor } from '../support/wait';
import {
  $,
  $$,
  ADMIN,
  choose,
  flush,
  installFetch,
  requests,
  serve,
  submit,
  TREE,
  type,
} from './harness';

const LI = {
  ...ADMIN,
  id: 2,
  username: 'li',
  display_name: '李四',
  role: 'supervisor' as const,
  role_label: '督查室',
  last_login_at: '2026-12-07T08:00:00Z',
  last_login_ip: '10.1.2.3',
};
let root: HTMLElement;

beforeEach(() => {
  localStorage.clear();
  reloadLang();
  installFetch();
  api.setCsrfToken('t');
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

function adminServer() {
  const users = [ADMIN, LI];
  serve(({ method, url, body }) => {
    const path = url.pathname;
    if (path === '/api/v1/users' && method === 'GET') return [200, { items: users }];
    if (path === '/api/v1/units') return [200, { items: [] }];
    if (path === '/api/v1/regions/tree') return [200, TREE];
    if (path === '/api/v1/users' && method === 'POST') {
      const b = body as { username: string; display_name: string; role: string };
      return [
        201,
        {
          ...LI,
          id: 7,
          ...b,
          role_label: '督查员',
          must_change_password: true,
          one_time_password: 'Kx7-pq2-Zr9',
        },
      ];
    }
    if (path === '/api/v1/users/2' && method === 'PATCH') {
      const b = body as { region_id: number | null };
      return [
        200,
        { ...LI, ...(body as object), region: b.region_id ? { id: 3, name: '青田县' } : null },
      ];
    }
    if (path === '/api/v1/users/2/password-reset')
      return [200, { username: 'li', password: 'Ab3-cd4-Ef5' }];
    if (path === '/api/v1/users/2/devices')
      return [
        200,
        {
          items: [
            {
              id: 'abcdef1234',
              created_at: '2026-12-01T00:00:00Z',
              last_push_at: '2026-12-01T00:00:00Z',
              last_pull_at: null,
              last_seen_at: null,
              last_mutation_id: 12,
              rejected: 1,
            },
          ],
        },
      ];
    return undefined;
  });
}

describe('用户管理', () => {
  it('lists accounts with their last login', async () => {
    adminServer();
    render(<Users me={ADMIN} />, root);
    await waitFor(() => $$('user-row').length === 2);
    const li = document.querySelector('[data-testid=user-row][data-username=li]')!;
    expect(li.textContent).toContain('10.1.2.3');
    expect(
      document.querySelector('[data-username=admin] [data-testid=user-last-login]')!.textContent,
    ).toBe('从未登录');
  });

  it('creates an account without a password and shows its one-time password once', async () => {
    adminServer();
    render(<Users me={ADMIN} />, root);
    await waitFor(() => $$('user-row').length === 2);
    type($('user-create-username'), 'qt.insp');
    type($('user-create-display-name'), '陈督查');
    await waitFor(() => $$('user-create-township').length === 1);
    ($$('user-create-township')[0] as HTMLInputElement).click();
    await flush();
    submit('user-create-submit');
    await waitFor(() => $('one-time-password'));
    expect($('one-time-password')!.textContent).toBe('Kx7-pq2-Zr9');
    const post = requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/v1/users')!;
    expect(post.body).toEqual({
      username: 'qt.insp',
      display_name: '陈督查',
      role: 'inspector',
      township_ids: [4],
    });
  });

  it('scopes an office user to a county', async () => {
    adminServer();
    render(<Users me={ADMIN} />, root);
    await waitFor(() => $$('user-row').length === 2);
    (
      document.querySelector('[data-username=li] [data-testid=user-edit-open]') as HTMLElement
    ).click();
    await waitFor(() => $('user-edit-region'));
    await waitFor(() => ($('user-edit-region') as HTMLSelectElement).options.length > 1);
    choose($('user-edit-region'), '3');
    await flush();
    submit('user-edit-submit');
    await waitFor(() => !$('user-edit-form'));
    const patch = requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({
      display_name: '李四',
      role: 'supervisor',
      unit_id: null,
      region_id: 3,
      township_ids: [],
    });
    expect(document.querySelector('[data-username=li]')!.textContent).toContain('青田县');
  });

  it('resets a password after a second click and shows it to print', async () => {
    adminServer();
    render(<Users me={ADMIN} />, root);
    await waitFor(() => $$('user-row').length === 2);
    (document.querySelector('[data-username=li] [data-testid=user-reset]') as HTMLElement).click();
    await waitFor(() => $('user-reset-confirm'));
    expect(requests.some((r) => r.url.pathname.endsWith('/password-reset'))).toBe(false);
    $('user-reset-confirm')!.click();
    await waitFor(() => $('one-time-password'));
    expect($('one-time-password')!.textContent).toBe('Ab3-cd4-Ef5');
    expect(
      document.querySelector('[data-username=li] [data-testid=user-must-change]'),
    ).not.toBeNull();
    expect($('one-time-print')).not.toBeNull();
  });

  it('shows an account’s devices and how far the server applied their changes', async () => {
    adminServer();
    render(<Users me={ADMIN} />, root);
    await waitFor(() => $$('user-row').length === 2);
    (
      document.querySelector('[data-username=li] [data-testid=user-devices-show]') as HTMLElement
    ).click();
    await waitFor(() => $('user-device'));
    expect($('user-device')!.textContent).toContain('第 12 条');
  });
});

describe('地区与单位', () => {
  it('shows the tree with each township’s inspectors and adds a region under a node', async () => {
    let tree = TREE;
    serve(({ method, url, body }) => {
      if (url.pathname === '/api/v1/regions/tree') return [200, tree];
      if (url.pathname === '/api/v1/regions/3/units') return [200, { items: [] }];
      if (url.pathname === '/api/v1/regions' && method === 'POST') {
        tree = JSON.parse(JSON.stringify(TREE));
        tree.items[0]!.children[0]!.children.push({
          id: 6,
          name: '船寮镇',
          level: 'township',
          code: null,
          inspectors: [],
          children: [],
        });
        return [201, { id: 6, ...(body as object) }];
      }
      return undefined;
    });
    render(<Regions />, root);
    await waitFor(() => $$('region-node').length === 4);
    expect($('region-inspectors')!.textContent).toContain('陈督查');
    const county = document.querySelector('[data-testid=region-node][data-name=青田县]')!;
    (county.querySelector('[data-testid=region-add-child]') as HTMLElement).click();
    await waitFor(() => $('region-form-name'));
    expect(($('region-form-level') as HTMLSelectElement).value).toBe('township');
    type($('region-form-name'), '船寮镇');
    await flush();
    submit('region-form-submit');
    await waitFor(() => $$('region-node').length === 5);
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ name: '船寮镇', level: 'township', parent_id: 3, code: null });
  });

  it('adds a unit to the county and shows the refusal under its field', async () => {
    serve(({ method, url }) => {
      if (url.pathname === '/api/v1/regions/tree') return [200, TREE];
      if (url.pathname === '/api/v1/regions/3/units' && method === 'GET')
        return [200, { items: [] }];
      if (url.pathname === '/api/v1/regions/3/units' && method === 'POST')
        return [
          422,
          { code: 'validation_error', message: '输入有误', errors: { code: ['单位编码已被使用'] } },
        ];
      return undefined;
    });
    render(<Regions />, root);
    await waitFor(() => $('unit-add'));
    $('unit-add')!.click();
    await waitFor(() => $('unit-form-code'));
    type($('unit-form-code'), 'QT-SL');
    type($('unit-form-name'), '县水利局');
    type($('unit-form-contact-person'), '王工');
    await flush();
    submit('unit-form-submit');
    await waitFor(() => $('unit-form-code-error'));
    expect($('unit-form-code-error')!.textContent).toContain('单位编码已被使用');
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({
      code: 'QT-SL',
      name: '县水利局',
      contact_person: '王工',
      contact_phone: null,
    });
  });
});

describe('pieces', () => {
  it('finds each township’s county in the tree', () => {
    expect(townshipsOf(TREE.items as never)).toEqual([{ id: 4, name: '温溪镇', county_id: 3 }]);
  });

  it('leaves the password out of a new account without one', () => {
    const body = newUserBody({
      ...emptyDraft(),
      username: ' a1 ',
      display_name: 'A',
      role: 'deputy',
      region_id: '3',
    });
    expect(body).toEqual({ username: 'a1', display_name: 'A', role: 'deputy', region_id: 3 });
  });

  it('flags a device quiet for more than three days', () => {
    const device = {
      id: 'x',
      created_at: '2026-12-01T00:00:00Z',
      last_push_at: null,
      last_pull_at: null,
      last_seen_at: null,
      last_mutation_id: 0,
      rejected: 0,
    };
    expect(isQuiet(device, Date.parse('2026-12-03T00:00:00Z'))).toBe(false);
    expect(isQuiet(device, Date.parse('2026-12-05T00:00:00Z'))).toBe(true);
  });

  it('chooses the batch year: the URL, else the default once known, else every year', () => {
    expect(chosenYear('2024', 2026, true)).toBe('2024');
    expect(chosenYear(null, 2026, true)).toBe('2026');
    expect(chosenYear(null, undefined, false)).toBeNull();
    expect(chosenYear('x', undefined, true)).toBe('all');
    expect(yearQuery('all')).toBeUndefined();
    expect(yearQuery('2023')).toBe(2023);
    expect(yearOptions([2024, 2023], '2021')).toEqual([2024, 2023, 2021]);
  });
});
