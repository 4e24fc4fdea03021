/**
 * The API client: JSON over fetch, same-origin cookies, CSRF and Accept-Language headers,
 * uniform errors.
 *
 * - Unsafe methods (POST/PUT/PATCH/DELETE) carry `X-CSRF-Token` once a token is known
 *   (login and `/auth/me` hand one out); safe methods never do.
 * - Every request says `Accept-Language: zh-CN` or `en`.
 * - A 401 from any call (except those that opt out, such as login itself) fires a
 *   `login-required` event: the app listens and shows the login page.
 * - A failing call rejects with an `ApiError` built from the `{code, message, errors}` body.
 */
import type { ErrorBody } from './types';

export const API_BASE = '/api/v1';
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const LOGIN_REQUIRED = 'login-required';
/** Fired on a 403 `password_change_required`: the account must choose a new password first. */
export const PASSWORD_CHANGE_REQUIRED = 'password-change-required';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue | QueryValue[]>;

/** Messages the client needs but cannot know itself (they come from the i18n module). */
export interface ClientMessages {
  network: () => string;
  server: (status: number) => string;
}

const defaultMessages: ClientMessages = {
  network: () => 'Network error',
  server: (status) => `Server error (${status})`,
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Per-field validation messages (`errors` in the body), empty when there are none. */
  readonly fieldErrors: Record<string, string[]>;
  /**
   * Seconds to wait before retrying (429), from the body's `retry_after` or the Retry-After header.
   */
  readonly retryAfter: number | null;
  /** The parsed body as sent by the server (an import's 422 carries its row errors here). */
  readonly body: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    opts: {
      fieldErrors?: Record<string, string[]>;
      retryAfter?: number | null;
      body?: unknown;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fieldErrors = opts.fieldErrors ?? {};
    this.retryAfter = opts.retryAfter ?? null;
    this.body = opts.body;
  }

  /** The first message for a field, if the server sent one. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors[field]?.[0];
  }
}

/** Build `/api/v1/path?a=1&b=2`, skipping empty values; arrays repeat the key. */
export function buildUrl(path: string, query?: Query, base: string = API_BASE): string {
  const url = path.startsWith('/api/') ? path : base + (path.startsWith('/') ? path : '/' + path);
  const qs = toSearchParams(query).toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

export function toSearchParams(query?: Query): URLSearchParams {
  const params = new URLSearchParams();
  if (!query) return params;
  for (const [key, raw] of Object.entries(query)) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      if (value === undefined || value === null || value === '') continue;
      params.append(key, String(value));
    }
  }
  return params;
}

/** Parse a response body text: JSON when it is JSON, else the text itself, null when empty. */
export function parseBodyText(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ErrorBody).code === 'string';
}

function normaliseFieldErrors(raw: unknown): Record<string, string[]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const out: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(value)) out[field] = value.map(String);
    else if (typeof value === 'string') out[field] = [value];
    else if (value && typeof value === 'object') {
      // marshmallow nests errors for nested fields: flatten them to "field.sub"
      for (const [sub, msgs] of Object.entries(normaliseFieldErrors(value)))
        out[`${field}.${sub}`] = msgs;
    }
  }
  return out;
}

/** Turn a failed response into an ApiError. */
export function errorFromResponse(
  status: number,
  body: unknown,
  retryAfterHeader?: string | null,
  messages: ClientMessages = defaultMessages,
): ApiError {
  const headerRetry =
    retryAfterHeader != null && retryAfterHeader !== '' ? Number(retryAfterHeader) : NaN;
  if (isErrorBody(body)) {
    const bodyRetry = typeof body.retry_after === 'number' ? body.retry_after : NaN;
    const retryAfter = Number.isFinite(bodyRetry)
      ? bodyRetry
      : Number.isFinite(headerRetry)
        ? headerRetry
        : null;
    return new ApiError(status, body.code, body.message || messages.server(status), {
      fieldErrors: normaliseFieldErrors(body.errors),
      retryAfter,
      body,
    });
  }
  return new ApiError(status, `http_${status}`, messages.server(status), {
    retryAfter: Number.isFinite(headerRetry) ? headerRetry : null,
    body,
  });
}

export interface RequestOptions {
  query?: Query;
  /** A JSON body (sent with Content-Type: application/json). */
  json?: unknown;
  /** Any other body (FormData for uploads). */
  body?: BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Set false for calls whose 401 is an answer, not a lost session (login). Default true. */
  authEvent?: boolean;
  /** Set false to leave out X-CSRF-Token even on an unsafe method (login). Default true. */
  csrf?: boolean;
}

export interface UploadOptions {
  query?: Query;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

export interface ClientOptions {
  fetch?: typeof fetch;
  /** The language to send as Accept-Language, asked before every request. */
  getLang?: () => string;
  base?: string;
  messages?: ClientMessages;
  /** Makes XMLHttpRequests for uploads with progress (tests pass a fake). */
  xhr?: () => XMLHttpRequest;
}

export class ApiClient extends EventTarget {
  private csrfToken: string | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly getLang: () => string;
  readonly base: string;
  private readonly messages: ClientMessages;
  private readonly makeXhr: () => XMLHttpRequest;

  constructor(opts: ClientOptions = {}) {
    super();
    // bind: calling a detached window.fetch throws "Illegal invocation" in browsers
    this.fetchImpl = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.getLang = opts.getLang ?? (() => 'zh-CN');
    this.base = opts.base ?? API_BASE;
    this.messages = opts.messages ?? defaultMessages;
    this.makeXhr = opts.xhr ?? (() => new XMLHttpRequest());
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  getCsrfToken(): string | null {
    return this.csrfToken;
  }

  /** Subscribe to the login-required event; returns the unsubscribe function. */
  onLoginRequired(fn: (error: ApiError) => void): () => void {
    const handler = (event: Event) => fn((event as CustomEvent<ApiError>).detail);
    this.addEventListener(LOGIN_REQUIRED, handler);
    return () => this.removeEventListener(LOGIN_REQUIRED, handler);
  }

  /** Subscribe to the password-change-required event; returns the unsubscribe function. */
  onPasswordChangeRequired(fn: () => void): () => void {
    this.addEventListener(PASSWORD_CHANGE_REQUIRED, fn);
    return () => this.removeEventListener(PASSWORD_CHANGE_REQUIRED, fn);
  }

  url(path: string, query?: Query): string {
    return buildUrl(path, query, this.base);
  }

  /** Headers every request carries; `X-CSRF-Token` only on unsafe methods. */
  headersFor(method: string, csrf = true): Record<string, string> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': this.getLang(),
    };
    if (csrf && UNSAFE_METHODS.has(method.toUpperCase()) && this.csrfToken) {
      headers['X-CSRF-Token'] = this.csrfToken;
    }
    return headers;
  }

  async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    return this.send<T>(method.toUpperCase(), path, opts, false);
  }

  get<T = unknown>(path: string, opts?: RequestOptions) {
    return this.request<T>('GET', path, opts);
  }
  post<T = unknown>(path: string, json?: unknown, opts?: RequestOptions) {
    return this.request<T>('POST', path, { ...opts, json });
  }
  patch<T = unknown>(path: string, json?: unknown, opts?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...opts, json });
  }
  put<T = unknown>(path: string, json?: unknown, opts?: RequestOptions) {
    return this.request<T>('PUT', path, { ...opts, json });
  }
  delete<T = unknown>(path: string, opts?: RequestOptions) {
    return this.request<T>('DELETE', path, opts);
  }

  private async send<T>(
    method: string,
    path: string,
    opts: RequestOptions,
    retried: boolean,
  ): Promise<T> {
    const headers = { ...this.headersFor(method, opts.csrf !== false), ...opts.headers };
    let body = opts.body;
    if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(path, opts.query), {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new ApiError(0, 'network_error', this.messages.network(), { body: err });
    }
    const parsed = parseBodyText(res.status === 204 ? '' : await res.text());
    if (res.ok) return parsed as T;

    const error = errorFromResponse(
      res.status,
      parsed,
      res.headers.get('Retry-After'),
      this.messages,
    );
    // A stale CSRF token (new session in another tab, server restart): refresh once and retry.
    if (res.status === 403 && !retried && UNSAFE_METHODS.has(method) && /csrf/i.test(error.code)) {
      const fresh = await this.refreshCsrf();
      if (fresh) return this.send<T>(method, path, opts, true);
    }
    this.handleError(error, opts.authEvent !== false);
    throw error;
  }

  private handleError(error: ApiError, authEvent: boolean) {
    if (error.status === 401 && authEvent) {
      this.csrfToken = null;
      this.dispatchEvent(new CustomEvent(LOGIN_REQUIRED, { detail: error }));
    }
    if (error.status === 403 && error.code === 'password_change_required')
      this.dispatchEvent(new CustomEvent(PASSWORD_CHANGE_REQUIRED, { detail: error }));
  }

  private async refreshCsrf(): Promise<boolean> {
    try {
      const session = await this.get<{ csrf_token?: string }>('/auth/me');
      if (session?.csrf_token) {
        this.csrfToken = session.csrf_token;
        return true;
      }
    } catch {
      /* the 401 path already fired login-required */
    }
    return false;
  }

  /**
   * POST a form with upload progress (fetch cannot report it). Resolves with the parsed body on
   * 2xx; rejects with an ApiError otherwise, whose `body` keeps what the server said.
   */
  upload<T = unknown>(path: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = this.makeXhr();
      xhr.open('POST', this.url(path, opts.query));
      xhr.withCredentials = false; // same origin: cookies go anyway
      for (const [name, value] of Object.entries(this.headersFor('POST')))
        xhr.setRequestHeader(name, value);
      if (opts.onProgress && xhr.upload) {
        xhr.upload.onprogress = (e: ProgressEvent) => {
          if (e.lengthComputable) opts.onProgress?.(e.loaded, e.total);
        };
      }
      const onAbort = () => xhr.abort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      xhr.onerror = () => reject(new ApiError(0, 'network_error', this.messages.network()));
      xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
      xhr.onload = () => {
        opts.signal?.removeEventListener('abort', onAbort);
        const parsed = parseBodyText(xhr.status === 204 ? '' : xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(parsed as T);
          return;
        }
        const error = errorFromResponse(
          xhr.status,
          parsed,
          xhr.getResponseHeader('Retry-After'),
          this.messages,
        );
        this.handleError(error, true);
        reject(error);
      };
      xhr.send(form);
    });
  }
}
