import { describe, expect, it, vi } from 'vitest';
import {
  ApiClient,
  ApiError,
  buildUrl,
  errorFromResponse,
  LOGIN_REQUIRED,
  parseBodyText,
} from '../src/api/client';

interface Call {
  url: string;
  init: RequestInit;
  headers: Record<string, string>;
}

function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A fake fetch answering from a queue of responses (or a function), recording each call. */
function fakeFetch(...answers: (Response | ((call: Call) => Response) | Error)[]) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: String(input),
      init,
      headers: { ...(init.headers as Record<string, string>) },
    };
    calls.push(call);
    const next = answers.shift() ?? jsonResponse(200, {});
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(call) : next;
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

function client(fetchImpl: typeof fetch, lang = 'zh-CN') {
  return new ApiClient({
    fetch: fetchImpl,
    getLang: () => lang,
    messages: { network: () => '网络连接失败', server: (s) => `服务器出错（${s}）` },
  });
}

describe('headers', () => {
  it('sends X-CSRF-Token on unsafe methods only', async () => {
    const f = fakeFetch();
    const c = client(f.fetch);
    c.setCsrfToken('tok-1');
    await c.get('/projects');
    await c.post('/projects/1/progress-reports', { progress_pct: 50 });
    await c.patch('/users/2', { active: false });
    await c.put('/things/3', {});
    await c.delete('/things/3');
    await c.request('head', '/blobs/abc');
    await c.request('options', '/projects');
    const csrf = f.calls.map((x) => [x.init.method, x.headers['X-CSRF-Token']]);
    expect(csrf).toEqual([
      ['GET', undefined],
      ['POST', 'tok-1'],
      ['PATCH', 'tok-1'],
      ['PUT', 'tok-1'],
      ['DELETE', 'tok-1'],
      ['HEAD', undefined],
      ['OPTIONS', undefined],
    ]);
  });

  it('leaves the token out when asked (login) or when there is none', async () => {
    const f = fakeFetch();
    const c = client(f.fetch);
    await c.post('/auth/login', { username: 'a', password: 'b' });
    c.setCsrfToken('tok');
    await c.post('/auth/login', {}, { csrf: false });
    expect(f.calls.map((x) => x.headers['X-CSRF-Token'])).toEqual([undefined, undefined]);
  });

  it('sends Accept-Language with every request, as the language is now', async () => {
    const f = fakeFetch();
    let lang = 'zh-CN';
    const c = new ApiClient({ fetch: f.fetch, getLang: () => lang });
    await c.get('/projects');
    lang = 'en';
    await c.post('/auth/logout');
    expect(f.calls.map((x) => x.headers['Accept-Language'])).toEqual(['zh-CN', 'en']);
  });

  it('sends cookies for the same origin and JSON bodies as JSON', async () => {
    const f = fakeFetch();
    const c = client(f.fetch);
    await c.post('/users', { username: '张三' });
    expect(f.calls[0]!.init.credentials).toBe('same-origin');
    expect(f.calls[0]!.headers['Content-Type']).toBe('application/json');
    expect(f.calls[0]!.init.body).toBe('{"username":"张三"}');
    expect(f.calls[0]!.url).toBe('/api/v1/users');
  });

  it('builds query strings, skipping empty values', async () => {
    const f = fakeFetch();
    const c = client(f.fetch);
    await c.get('/projects', {
      query: { as_of: '2024-06-01', status: '', township: null, q: '道路 硬化', page: 2 },
    });
    expect(f.calls[0]!.url).toBe(
      '/api/v1/projects?as_of=2024-06-01&q=%E9%81%93%E8%B7%AF+%E7%A1%AC%E5%8C%96&page=2',
    );
  });
});

describe('responses', () => {
  it('returns parsed JSON on success and null on 204', async () => {
    const f = fakeFetch(jsonResponse(200, { items: [1, 2] }), new Response(null, { status: 204 }));
    const c = client(f.fetch);
    expect(await c.get('/users')).toEqual({ items: [1, 2] });
    expect(await c.post('/auth/logout')).toBeNull();
  });

  it('parses error bodies into ApiError with field errors', async () => {
    const body = {
      code: 'validation_error',
      message: '输入有误',
      errors: { progress_pct: ['必须在 0 到 100 之间'], report_date: '必填' },
    };
    const f = fakeFetch(jsonResponse(422, body));
    const c = client(f.fetch);
    const err = await c.post('/projects/1/progress-reports', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation_error');
    expect(e.message).toBe('输入有误');
    expect(e.fieldErrors).toEqual({
      progress_pct: ['必须在 0 到 100 之间'],
      report_date: ['必填'],
    });
    expect(e.fieldError('progress_pct')).toBe('必须在 0 到 100 之间');
    expect(e.body).toEqual(body);
  });

  it('reads retry_after on 429, from the body or the Retry-After header', async () => {
    const f = fakeFetch(
      jsonResponse(429, { code: 'too_many_attempts', message: '尝试次数过多', retry_after: 120 }),
      jsonResponse(
        429,
        { code: 'too_many_attempts', message: '尝试次数过多' },
        { 'Retry-After': '30' },
      ),
    );
    const c = client(f.fetch);
    const a = (await c
      .post('/auth/login', {}, { authEvent: false })
      .catch((e: unknown) => e)) as ApiError;
    const b = (await c
      .post('/auth/login', {}, { authEvent: false })
      .catch((e: unknown) => e)) as ApiError;
    expect([a.code, a.retryAfter]).toEqual(['too_many_attempts', 120]);
    expect(b.retryAfter).toBe(30);
  });

  it('makes a readable error of a body that is not the error JSON (proxy page, empty)', async () => {
    const f = fakeFetch(
      new Response('<html>Bad Gateway</html>', { status: 502 }),
      new Response('', { status: 500 }),
    );
    const c = client(f.fetch);
    const a = (await c.get('/projects').catch((e: unknown) => e)) as ApiError;
    expect([a.status, a.code, a.message]).toEqual([502, 'http_502', '服务器出错（502）']);
    const b = (await c.get('/projects').catch((e: unknown) => e)) as ApiError;
    expect([b.status, b.code]).toEqual([500, 'http_500']);
  });

  it('turns a failed fetch into a network_error', async () => {
    const f = fakeFetch(new TypeError('Failed to fetch'));
    const c = client(f.fetch);
    const e = (await c.get('/projects').catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.code, e.message]).toEqual([0, 'network_error', '网络连接失败']);
  });

  it('lets an abort through untouched', async () => {
    const abort = new DOMException('aborted', 'AbortError');
    const f = fakeFetch(abort as unknown as Error);
    const c = client(f.fetch);
    await expect(c.get('/projects')).rejects.toBe(abort);
  });
});

describe('login-required', () => {
  it('fires on a 401 from any call, and forgets the CSRF token', async () => {
    const f = fakeFetch(jsonResponse(401, { code: 'login_required', message: '请先登录' }));
    const c = client(f.fetch);
    c.setCsrfToken('tok');
    const seen: ApiError[] = [];
    c.onLoginRequired((e) => seen.push(e));
    const raw = vi.fn();
    c.addEventListener(LOGIN_REQUIRED, raw);
    await expect(c.get('/projects')).rejects.toMatchObject({ status: 401, code: 'login_required' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.code).toBe('login_required');
    expect(raw).toHaveBeenCalledTimes(1);
    expect(c.getCsrfToken()).toBeNull();
  });

  it('does not fire for calls that opt out (wrong password at login)', async () => {
    const f = fakeFetch(
      jsonResponse(401, { code: 'invalid_credentials', message: '用户名或密码错误' }),
    );
    const c = client(f.fetch);
    const fn = vi.fn();
    c.onLoginRequired(fn);
    await expect(c.post('/auth/login', {}, { authEvent: false })).rejects.toMatchObject({
      code: 'invalid_credentials',
      message: '用户名或密码错误',
    });
    expect(fn).not.toHaveBeenCalled();
  });

  it('does not fire for other errors, and unsubscribes', async () => {
    const f = fakeFetch(
      jsonResponse(403, { code: 'forbidden', message: '无权限' }),
      jsonResponse(401, { code: 'login_required', message: '请先登录' }),
    );
    const c = client(f.fetch);
    const fn = vi.fn();
    const off = c.onLoginRequired(fn);
    await c.get('/users').catch(() => undefined);
    expect(fn).not.toHaveBeenCalled();
    off();
    await c.get('/users').catch(() => undefined);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('stale CSRF token', () => {
  it('refreshes the token from /auth/me and retries once', async () => {
    const f = fakeFetch(
      jsonResponse(403, { code: 'csrf_invalid', message: 'CSRF 校验失败' }),
      jsonResponse(200, { user: { id: 1 }, csrf_token: 'fresh' }),
      jsonResponse(201, { id: 9 }),
    );
    const c = client(f.fetch);
    c.setCsrfToken('stale');
    expect(await c.post('/projects/1/progress-reports', { progress_pct: 10 })).toEqual({ id: 9 });
    expect(f.calls.map((x) => [x.init.method, x.url, x.headers['X-CSRF-Token']])).toEqual([
      ['POST', '/api/v1/projects/1/progress-reports', 'stale'],
      ['GET', '/api/v1/auth/me', undefined],
      ['POST', '/api/v1/projects/1/progress-reports', 'fresh'],
    ]);
  });

  it('gives up after one retry', async () => {
    const csrf = () => jsonResponse(403, { code: 'csrf_invalid', message: 'CSRF 校验失败' });
    const f = fakeFetch(csrf(), jsonResponse(200, { csrf_token: 'fresh' }), csrf());
    const c = client(f.fetch);
    c.setCsrfToken('stale');
    await expect(c.post('/users', {})).rejects.toMatchObject({ status: 403, code: 'csrf_invalid' });
    expect(f.calls).toHaveLength(3);
  });
});

describe('upload (XMLHttpRequest with progress)', () => {
  class FakeXhr {
    static last: FakeXhr;
    method = '';
    url = '';
    headers: Record<string, string> = {};
    withCredentials = true;
    status = 0;
    responseText = '';
    sent: unknown;
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    responseHeaders: Record<string, string> = {};
    constructor() {
      FakeXhr.last = this;
    }
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getResponseHeader(name: string) {
      return this.responseHeaders[name] ?? null;
    }
    send(body: unknown) {
      this.sent = body;
    }
    abort() {
      this.onabort?.();
    }
    respond(status: number, body: unknown) {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 } as ProgressEvent);
      this.upload.onprogress?.({
        lengthComputable: true,
        loaded: 100,
        total: 100,
      } as ProgressEvent);
      this.status = status;
      this.responseText = JSON.stringify(body);
      this.onload?.();
    }
  }

  function uploader(lang = 'en') {
    return new ApiClient({
      fetch: fakeFetch().fetch,
      getLang: () => lang,
      xhr: () => new FakeXhr() as unknown as XMLHttpRequest,
    });
  }

  it('posts the form with CSRF and language headers and reports progress', async () => {
    const c = uploader();
    c.setCsrfToken('tok');
    const progress: number[] = [];
    const form = new FormData();
    form.append('county_id', '1');
    const p = c.upload('/projects/import', form, {
      query: { dry_run: 1 },
      onProgress: (l, t) => progress.push(l / t),
    });
    const xhr = FakeXhr.last;
    expect([xhr.method, xhr.url]).toEqual(['POST', '/api/v1/projects/import?dry_run=1']);
    expect(xhr.headers['X-CSRF-Token']).toBe('tok');
    expect(xhr.headers['Accept-Language']).toBe('en');
    expect(xhr.sent).toBe(form);
    xhr.respond(200, { created: 2, updated: 1, unchanged: 0, errors: [], dry_run: true });
    expect(await p).toEqual({ created: 2, updated: 1, unchanged: 0, errors: [], dry_run: true });
    expect(progress).toEqual([0.5, 1]);
  });

  it('rejects a 422 with the body kept (the import row errors)', async () => {
    const c = uploader();
    const p = c.upload('/projects/import', new FormData());
    const body = {
      created: 0,
      updated: 0,
      errors: [{ row: 3, column: '层级', code: 'invalid', message: '无法识别' }],
      dry_run: false,
    };
    FakeXhr.last.respond(422, body);
    const err = (await p.catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.body).toEqual(body);
  });

  it('fires login-required on 401', async () => {
    const c = uploader();
    const fn = vi.fn();
    c.onLoginRequired(fn);
    const p = c.upload('/projects/import', new FormData());
    FakeXhr.last.respond(401, { code: 'login_required', message: 'Please log in' });
    await expect(p).rejects.toMatchObject({ status: 401 });
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('helpers', () => {
  it('buildUrl', () => {
    expect(buildUrl('/projects')).toBe('/api/v1/projects');
    expect(buildUrl('projects/3', { as_of: '2024-01-01' })).toBe(
      '/api/v1/projects/3?as_of=2024-01-01',
    );
    expect(buildUrl('/api/v1/projects?x=1', { y: 2 })).toBe('/api/v1/projects?x=1&y=2');
    expect(buildUrl('/users', { township_ids: [1, 2] })).toBe(
      '/api/v1/users?township_ids=1&township_ids=2',
    );
  });

  it('parseBodyText', () => {
    expect(parseBodyText('')).toBeNull();
    expect(parseBodyText('{"a":1}')).toEqual({ a: 1 });
    expect(parseBodyText('oops')).toBe('oops');
  });

  it('errorFromResponse flattens nested field errors', () => {
    const e = errorFromResponse(422, {
      code: 'validation_error',
      message: 'bad',
      errors: { location: { lat: ['out of range'] } },
    });
    expect(e.fieldErrors).toEqual({ 'location.lat': ['out of range'] });
  });
});
