/** The app against a fake server: login, the ledger list, roles, the detail form, import, users. */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app';
import { api } from '../src/api';
import { reloadLang } from '../src/i18n';
import { waitFor } from './support/wait';

type Handler = (req: {
  method: string;
  url: URL;
  body: unknown;
  headers: Record<string, string>;
}) => [number, unknown];

const ADMIN = {
  id: 1,
  username: 'admin',
  display_name: '王督查',
  role: 'admin',
  role_label: '管理员',
  unit: null,
  region: null,
  townships: [],
  active: true,
  locale: 'zh-CN',
};
const INSPECTOR = {
  ...ADMIN,
  id: 2,
  username: 'li',
  display_name: '李四',
  role: 'inspector',
  role_label: '督查员',
};

const FACETS = {
  counties: [{ id: 1, name: '示例县' }],
  townships: [
    { id: 7, name: '城关镇', county_id: 1 },
    { id: 8, name: '河口乡', county_id: 1 },
  ],
  units: [{ id: 3, code: 'JT', name: '县交通运输局' }],
  series: [{ id: 2, name: '农村公厕' }],
  levels: [
    { code: 'county', label: '县(区)级' },
    { code: 'township', label: '乡镇级' },
  ],
  statuses: [
    { code: 'completed_early', label: '提前完成' },
    { code: 'completed', label: '已完成' },
    { code: 'ahead', label: '超序时' },
    { code: 'on_schedule', label: '按序时' },
    { code: 'behind', label: '滞后' },
    { code: 'postponed', label: '暂缓' },
  ],
};

function project(id: number, code: string, status: string, label: string) {
  return {
    id,
    code,
    name: `项目${code}`,
    level: 'county',
    level_label: '县(区)级',
    series: { id: 2, name: '农村公厕' },
    county: { id: 1, name: '示例县' },
    township: { id: 7, name: '城关镇' },
    village: null,
    unit: { id: 3, code: 'JT', name: '县交通运输局' },
    progress_pct: 40,
    planned_progress_pct: 60,
    schedule_status: status,
    schedule_status_label: label,
    start_date: '2024-01-01',
    planned_completion_date: '2024-12-31',
    actual_completion_date: null,
    planned_investment: 120.5,
    allocated_investment: 80,
    spent_investment: 60,
  };
}

let handler: Handler;
let requests: { method: string; url: URL; body: unknown; headers: Record<string, string> }[];

function installFetch() {
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const headers = { ...(init.headers as Record<string, string>) };
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    const req = { method: init.method ?? 'GET', url, body, headers };
    requests.push(req);
    const [status, json] = handler(req);
    return new Response(status === 204 ? null : JSON.stringify(json), { status });
  }) as unknown as typeof fetch;
}

/** Let Preact re-render (state updates are applied asynchronously). */
const flush = () => new Promise((r) => setTimeout(r, 0));

const $ = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const $$ = (testid: string) => [
  ...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`),
];

function type(el: HTMLElement | null, value: string) {
  const input = el as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
function choose(el: HTMLElement | null, value: string) {
  const select = el as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

let root: HTMLElement;

beforeEach(() => {
  localStorage.clear();
  reloadLang();
  requests = [];
  installFetch();
  api.setCsrfToken(null);
  window.history.replaceState(null, '', '/');
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

/** A server where `user` logs in with password "pw". */
function server(user: typeof ADMIN, extra?: Handler): Handler {
  let loggedIn = false;
  return (req) => {
    const path = req.url.pathname;
    const more = extra?.(req);
    if (more) return more;
    if (path === '/api/v1/auth/me')
      return loggedIn
        ? [200, { user, csrf_token: 'tok' }]
        : [401, { code: 'login_required', message: '请先登录' }];
    if (path === '/api/v1/auth/login') {
      const body = req.body as { username: string; password: string };
      if (body.password !== 'pw')
        return [401, { code: 'invalid_credentials', message: '用户名或密码错误' }];
      loggedIn = true;
      return [200, { user, csrf_token: 'tok' }];
    }
    if (path === '/api/v1/auth/logout') {
      loggedIn = false;
      return [204, null];
    }
    if (path === '/api/v1/projects/facets') return [200, FACETS];
    if (path === '/api/v1/projects') {
      const status = req.url.searchParams.get('status');
      const all = [
        project(11, 'XC-001', 'behind', '滞后'),
        project(12, 'XC-002', 'completed', '已完成'),
      ];
      const items = status ? all.filter((p) => p.schedule_status === status) : all;
      return [
        200,
        {
          items,
          total: items.length,
          page: 1,
          per_page: 50,
          as_of: req.url.searchParams.get('as_of'),
          counts: {
            completed_early: 0,
            completed: 1,
            ahead: 0,
            on_schedule: 0,
            behind: 1,
            postponed: 0,
          },
        },
      ];
    }
    return [404, { code: 'not_found', message: '未找到' }];
  };
}

async function logIn(password = 'pw') {
  await waitFor(() => $('login-username'));
  type($('login-username'), 'admin');
  type($('login-password'), password);
  await flush();
  $('login-submit')!.click();
}

describe('login', () => {
  it('shows the login page, the server message on a wrong password, then the ledger', async () => {
    handler = server(ADMIN);
    window.history.replaceState(null, '', '/projects?status=behind');
    render(<App />, root);
    await waitFor(() => $('login-username'));
    await waitFor(() => window.location.pathname === '/login');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/projects?status=behind');

    await logIn('wrong');
    const err = await waitFor(() => $('login-error'));
    expect(err.textContent).toContain('用户名或密码错误');
    const login = requests.find((r) => r.url.pathname === '/api/v1/auth/login')!;
    expect(login.headers['X-CSRF-Token']).toBeUndefined();
    expect(login.headers['Accept-Language']).toBe('zh-CN');

    await logIn();
    await waitFor(() => $$('project-row').length === 1);
    // back where the person wanted to go, filters included
    expect(window.location.pathname + window.location.search).toBe('/projects?status=behind');
    expect($('current-user')!.textContent).toContain('王督查');
    expect($('current-user')!.textContent).toContain('管理员');
  });

  it('shows the wait on too many attempts', async () => {
    handler = server(ADMIN, (req) =>
      req.url.pathname === '/api/v1/auth/login'
        ? [429, { code: 'too_many_attempts', message: '登录尝试过多，请稍后再试', retry_after: 90 }]
        : undefined!,
    );
    render(<App />, root);
    await logIn();
    const err = await waitFor(() => $('login-error'));
    expect(err.textContent).toContain('登录尝试过多');
    expect(err.textContent).toContain('2 分钟');
    expect(($('login-submit') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('project list', () => {
  it('lists rows with codes and badges, counts, filters and export for an admin', async () => {
    handler = server(ADMIN);
    render(<App />, root);
    await logIn();
    await waitFor(() => $$('project-row').length === 2);
    expect($$('project-row').map((r) => r.dataset.code)).toEqual(['XC-001', 'XC-002']);
    expect($$('status-badge').map((b) => [b.textContent, b.className])).toEqual([
      ['滞后', 'badge tone-red'],
      ['已完成', 'badge tone-green'],
    ]);
    expect($('status-count-behind')!.textContent).toContain('1');
    expect($('status-count-all')!.textContent).toContain('2');
    expect($('import-link')).not.toBeNull();
    expect($('export-link')!.getAttribute('href')).toMatch(
      /^\/api\/v1\/projects\/export\?as_of=\d{4}-\d{2}-\d{2}$/,
    );

    // the chip filters the list and the URL
    $('status-count-behind')!.click();
    await waitFor(() => $$('project-row').length === 1);
    expect(window.location.search).toBe('?status=behind');
    expect(($('filter-status') as HTMLSelectElement).value).toBe('behind');
    expect($('export-link')!.getAttribute('href')).toContain('status=behind');

    choose($('filter-township'), '7');
    await waitFor(() => window.location.search.includes('township=7'));
    const last = await waitFor(() =>
      requests.find(
        (r) => r.url.pathname === '/api/v1/projects' && r.url.searchParams.get('township') === '7',
      ),
    );
    expect(last.url.searchParams.get('status')).toBe('behind');
  });

  it('hides import, export and navigation to users for an inspector', async () => {
    handler = server(INSPECTOR);
    // an inspector lands on the field app (/field); the ledger is one tap away
    window.history.replaceState(null, '', '/projects');
    render(<App />, root);
    await logIn();
    await waitFor(() => $$('project-row').length === 2);
    expect($('import-link')).toBeNull();
    expect($('export-link')).toBeNull();
    expect($('nav-users')).toBeNull();
    expect($('nav-import')).toBeNull();
  });

  it('switches language: labels and Accept-Language change', async () => {
    handler = server(ADMIN);
    render(<App />, root);
    await logIn();
    await waitFor(() => $$('project-row').length === 2);
    $('lang-switch')!.click();
    await waitFor(() => $('logout')!.textContent === 'Log out');
    await waitFor(() =>
      requests.some(
        (r) => r.url.pathname === '/api/v1/projects' && r.headers['Accept-Language'] === 'en',
      ),
    );
    expect(localStorage.getItem('xianchang.lang')).toBe('en');
  });

  it('goes to login when a call answers 401', async () => {
    let expired = false;
    handler = server(ADMIN, (req) =>
      expired && req.url.pathname.startsWith('/api/v1/projects')
        ? [401, { code: 'login_required', message: '请先登录' }]
        : undefined!,
    );
    render(<App />, root);
    await logIn();
    await waitFor(() => $$('project-row').length === 2);
    expired = true;
    $('status-count-completed')!.click();
    await waitFor(() => $('login-username'));
    await waitFor(() => window.location.pathname === '/login');
    expect(new URLSearchParams(window.location.search).get('next')).toBe(
      '/projects?status=completed',
    );
  });

  it('still says the session expired when several calls answer 401', async () => {
    let expired = false;
    handler = server(ADMIN, (req) =>
      expired && req.url.pathname.startsWith('/api/v1/projects')
        ? [401, { code: 'login_required', message: '请先登录' }]
        : undefined!,
    );
    render(<App />, root);
    await logIn();
    await waitFor(() => $$('project-row').length === 2);
    expired = true;
    await Promise.allSettled([api.get('/projects'), api.get('/projects'), api.get('/projects')]);
    await waitFor(() => $('login-username'));
    expect(root.textContent).toContain('登录已失效');
  });

  it('logs out', async () => {
    handler = server(ADMIN);
    render(<App />, root);
    await logIn();
    await waitFor(() => $('logout'));
    $('logout')!.click();
    await waitFor(() => $('login-username'));
    const out = requests.find((r) => r.url.pathname === '/api/v1/auth/logout')!;
    expect(out.method).toBe('POST');
    expect(out.headers['X-CSRF-Token']).toBe('tok');
  });
});

describe('project detail', () => {
  const detail = {
    ...project(11, 'XC-001', 'behind', '滞后'),
    lead_official: '赵副县长',
    contact_name: '钱工',
    contact_phone: '13800000000',
    postponed_reason: null,
    lag_reason: '雨季停工',
    location: { lat: 28.1, lon: 112.9 },
    progress_reports: [
      {
        id: 5,
        report_date: '2024-05-31',
        progress_pct: 40,
        allocated_investment: 80,
        spent_investment: 60,
        note: '主体完工',
        author: { id: 1, display_name: '王督查' },
        source: 'manual',
        created_at: '2024-06-01T09:00:00+08:00',
      },
    ],
  };

  it('shows the facts and reports, and server validation errors next to fields', async () => {
    handler = server(ADMIN, (req) => {
      if (req.url.pathname === '/api/v1/projects/11') return [200, detail];
      if (req.url.pathname === '/api/v1/projects/11/progress-reports')
        return [
          422,
          {
            code: 'validation_error',
            message: '输入有误',
            errors: { progress_pct: ['进度须在 0–100 之间'] },
          },
        ];
      return undefined!;
    });
    window.history.replaceState(null, '', '/projects/11');
    render(<App />, root);
    await logIn();
    const name = await waitFor(() => $('project-detail-name'));
    expect(name.textContent).toBe('项目XC-001');
    expect($('project-fact-lead_official')!.textContent).toContain('赵副县长');
    expect($('project-fact-planned_investment')!.textContent).toContain('120.5');
    expect($('project-lag-reason')!.textContent).toContain('雨季停工');
    expect($$('progress-report-row')).toHaveLength(1);

    type($('progress-form-progress'), '150');
    type($('progress-form-note'), '测试');
    await flush();
    $('progress-form-submit')!
      .closest('form')!
      .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    const fieldErr = await waitFor(() => $('progress-form-progress-error'));
    expect(fieldErr.textContent).toBe('进度须在 0–100 之间');
    const post = requests.find(
      (r) => r.method === 'POST' && r.url.pathname.endsWith('/progress-reports'),
    )!;
    expect(post.body).toMatchObject({ progress_pct: 150, note: '测试' });
    expect(post.headers['X-CSRF-Token']).toBe('tok');
  });

  it('has no report form for an inspector', async () => {
    handler = server(INSPECTOR, (req) =>
      req.url.pathname === '/api/v1/projects/11' ? [200, detail] : undefined!,
    );
    window.history.replaceState(null, '', '/projects/11');
    render(<App />, root);
    await logIn();
    await waitFor(() => $('project-detail-name'));
    expect($('progress-form-submit')).toBeNull();
  });
});

describe('access', () => {
  it('refuses the users page to a supervisor', async () => {
    handler = server({ ...ADMIN, role: 'supervisor', role_label: '督查室' });
    window.history.replaceState(null, '', '/users');
    render(<App />, root);
    await logIn();
    await waitFor(() => $('no-access'));
  });

  it('lists users and creates one for an admin', async () => {
    const users = [ADMIN, { ...INSPECTOR, townships: [{ id: 7, name: '城关镇' }] }];
    handler = server(ADMIN, (req) => {
      if (req.url.pathname === '/api/v1/users' && req.method === 'GET')
        return [200, { items: users }];
      if (req.url.pathname === '/api/v1/units') return [200, { items: FACETS.units }];
      if (req.url.pathname === '/api/v1/users' && req.method === 'POST') {
        const b = req.body as { username: string; display_name: string };
        return [
          201,
          {
            ...INSPECTOR,
            id: 9,
            username: b.username,
            display_name: b.display_name,
            role: 'unit',
            role_label: '责任单位',
          },
        ];
      }
      return undefined!;
    });
    window.history.replaceState(null, '', '/users');
    render(<App />, root);
    await logIn();
    await waitFor(() => $$('user-row').length === 2);
    choose($('user-create-role'), 'unit');
    await waitFor(() => $('user-create-unit'));
    type($('user-create-username'), 'jt');
    type($('user-create-display-name'), '交通局');
    type($('user-create-password'), 'secret-123');
    choose($('user-create-unit'), '3');
    await flush();
    $('user-create-submit')!
      .closest('form')!
      .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await waitFor(() => $$('user-row').length === 3);
    const post = requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/v1/users')!;
    expect(post.body).toEqual({
      username: 'jt',
      display_name: '交通局',
      password: 'secret-123',
      role: 'unit',
      unit_id: 3,
    });
  });
});

describe('import', () => {
  class FakeXhr {
    static sent: FakeXhr[] = [];
    static answer: (xhr: FakeXhr) => [number, unknown] = () => [200, {}];
    url = '';
    headers: Record<string, string> = {};
    withCredentials = false;
    status = 0;
    responseText = '';
    body: FormData | null = null;
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getResponseHeader() {
      return null;
    }
    abort() {}
    send(body: FormData) {
      this.body = body;
      FakeXhr.sent.push(this);
      setTimeout(() => {
        this.upload.onprogress?.({
          lengthComputable: true,
          loaded: 10,
          total: 10,
        } as ProgressEvent);
        const [status, json] = FakeXhr.answer(this);
        this.status = status;
        this.responseText = JSON.stringify(json);
        this.onload?.();
      }, 5);
    }
  }
  const realXhr = globalThis.XMLHttpRequest;
  beforeEach(() => {
    FakeXhr.sent = [];
    globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  });
  afterEach(() => {
    globalThis.XMLHttpRequest = realXhr;
  });

  function pickFile(name: string) {
    const input = $('import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      value: [new File(['a,b'], name, { type: 'text/csv' })],
      configurable: true,
    });
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  it('previews, shows row errors, and enables import only for a clean preview', async () => {
    const ROW_ERROR = {
      row: 4,
      column: '层级',
      code: 'invalid_choice',
      message: '无法识别的层级“区级”',
    };
    FakeXhr.answer = (xhr) => {
      const file = xhr.body!.get('file') as File;
      const dry = xhr.url.includes('dry_run=1');
      if (file.name === 'bad.csv')
        return [200, { created: 1, updated: 0, unchanged: 0, errors: [ROW_ERROR], dry_run: true }];
      return [200, { created: 2, updated: 1, unchanged: 3, errors: [], dry_run: dry }];
    };
    handler = server(ADMIN);
    window.history.replaceState(null, '', '/import');
    render(<App />, root);
    await logIn();
    await waitFor(() => $('import-file'));
    await waitFor(() => $('import-county-fixed')); // facets loaded: the one county is chosen
    expect(($('import-preview') as HTMLButtonElement).disabled).toBe(true);
    expect(($('import-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect($('import-template')!.getAttribute('href')).toBe('/api/v1/projects/import-template');

    pickFile('bad.csv');
    await flush();
    $('import-preview')!.click();
    const errors = await waitFor(() => $('import-errors'));
    expect(errors.textContent).toContain('无法识别的层级');
    expect(errors.textContent).toContain('4');
    expect(($('import-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(FakeXhr.sent[0]!.url).toBe('/api/v1/projects/import?dry_run=1');
    expect(FakeXhr.sent[0]!.body!.get('county_id')).toBe('1');
    expect(FakeXhr.sent[0]!.headers['X-CSRF-Token']).toBe('tok');

    pickFile('good.csv');
    await flush();
    $('import-preview')!.click();
    await waitFor(() => $('import-result') && !$('import-errors'));
    await waitFor(() => !($('import-confirm') as HTMLButtonElement).disabled);
    $('import-confirm')!.click();
    const result = await waitFor(
      () => $('import-result')?.dataset.dryRun === 'false' && $('import-result'),
    );
    expect(result.textContent).toContain('新增 2 项');
    expect(FakeXhr.sent[2]!.url).toBe('/api/v1/projects/import');
  });

  it('shows the row errors of a refused import (422)', async () => {
    FakeXhr.answer = (xhr) =>
      xhr.url.includes('dry_run=1')
        ? [200, { created: 1, updated: 0, unchanged: 0, errors: [], dry_run: true }]
        : [
            422,
            {
              created: 0,
              updated: 0,
              unchanged: 0,
              errors: [{ row: 2, column: '项目编号', message: '重复' }],
              dry_run: false,
            },
          ];
    handler = server(ADMIN);
    window.history.replaceState(null, '', '/import');
    render(<App />, root);
    await logIn();
    await waitFor(() => $('import-file'));
    await waitFor(() => $('import-county-fixed')); // facets loaded: the one county is chosen
    pickFile('good.csv');
    await flush();
    $('import-preview')!.click();
    await waitFor(() => !($('import-confirm') as HTMLButtonElement).disabled);
    $('import-confirm')!.click();
    const errors = await waitFor(() => $('import-errors'));
    expect(errors.textContent).toContain('重复');
    expect($('import-result')!.textContent).toContain('没有写入任何数据');
  });
});
