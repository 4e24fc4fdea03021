/** A fake server for the administrator's and the change-password pages' tests. */
import { vi } from 'vitest';

export type Req = { method: string; url: URL; body: unknown };
export type Handler = (req: Req) => [number, unknown] | undefined;

export const requests: Req[] = [];
let handler: Handler = () => undefined;

export function serve(h: Handler) {
  handler = h;
}

export function installFetch() {
  requests.length = 0;
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    const req = { method: init.method ?? 'GET', url, body };
    requests.push(req);
    const [status, json] = handler(req) ?? [404, { code: 'not_found', message: '未找到' }];
    return new Response(status === 204 ? null : JSON.stringify(json), { status });
  }) as unknown as typeof fetch;
}

export const flush = () => new Promise((r) => setTimeout(r, 0));
export const $ = (testid: string) =>
  document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
export const $$ = (testid: string) => [
  ...document.querySelectorAll<HTMLElement>(`[data-testid="${testid}"]`),
];

export function type(el: HTMLElement | null, value: string) {
  (el as HTMLInputElement).value = value;
  el!.dispatchEvent(new Event('input', { bubbles: true }));
}
export function choose(el: HTMLElement | null, value: string) {
  (el as HTMLSelectElement).value = value;
  el!.dispatchEvent(new Event('change', { bubbles: true }));
}
export function submit(testid: string) {
  $(testid)!
    .closest('form')!
    .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

export const ADMIN = {
  id: 1,
  username: 'admin',
  display_name: '王管理',
  role: 'admin' as const,
  role_label: '管理员',
  unit: null,
  region: null,
  townships: [],
  active: true,
  locale: 'zh-CN',
};

/** 浙江省 > 青田县 > 温溪镇 (with an inspector) > 东岸村. */
export const TREE = {
  items: [
    {
      id: 1,
      name: '浙江省',
      level: 'province',
      code: '330000',
      inspectors: [],
      children: [
        {
          id: 3,
          name: '青田县',
          level: 'county',
          code: null,
          inspectors: [],
          children: [
            {
              id: 4,
              name: '温溪镇',
              level: 'township',
              code: null,
              inspectors: [{ id: 9, display_name: '陈督查' }],
              children: [
                {
                  id: 5,
                  name: '东岸村',
                  level: 'village',
                  code: null,
                  inspectors: [],
                  children: [],
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};
