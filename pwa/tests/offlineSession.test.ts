import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/client';
import {
  forgetUser,
  isUnreachable,
  lastUser,
  offlineUserFor,
  rememberUser,
  SESSION_USER_KEY,
  watchReconnect,
} from '../src/lib/offline-session';
import type { User } from '../src/api/types';

const USER: User = {
  id: 7,
  username: 'li',
  display_name: '李四',
  role: 'inspector',
  role_label: '督查员',
  unit: null,
  region: null,
  townships: [{ id: 3, name: '城关镇' }],
  active: true,
  locale: 'zh-CN',
};

beforeEach(() => localStorage.clear());
afterEach(() => {
  localStorage.clear();
  vi.useRealTimers();
});

describe('the user kept on the device', () => {
  it('is the user object only, and comes back as it went in', () => {
    rememberUser(USER);
    expect(JSON.parse(localStorage.getItem(SESSION_USER_KEY)!)).toEqual(USER);
    expect(lastUser()).toEqual(USER);
  });

  it('is gone after logout', () => {
    rememberUser(USER);
    forgetUser();
    expect(lastUser()).toBeNull();
  });

  it('is ignored when unreadable or not a user', () => {
    localStorage.setItem(SESSION_USER_KEY, '{not json');
    expect(lastUser()).toBeNull();
    localStorage.setItem(SESSION_USER_KEY, JSON.stringify({ id: '7', username: 'li' }));
    expect(lastUser()).toBeNull();
    localStorage.setItem(SESSION_USER_KEY, 'null');
    expect(lastUser()).toBeNull();
  });
});

describe('when to start offline', () => {
  it('on a network failure or a gateway that cannot reach the server', () => {
    expect(isUnreachable(new ApiError(0, 'network_error', 'x'))).toBe(true);
    for (const status of [502, 503, 504])
      expect(isUnreachable(new ApiError(status, `http_${status}`, 'x'))).toBe(true);
  });

  it('never on an answer from the server', () => {
    for (const status of [400, 401, 403, 404, 500])
      expect(isUnreachable(new ApiError(status, 'x', 'x'))).toBe(false);
    expect(isUnreachable(new Error('boom'))).toBe(false);
    expect(isUnreachable(null)).toBe(false);
  });

  it('only with a user kept on the device', () => {
    const down = new ApiError(0, 'network_error', 'x');
    expect(offlineUserFor(down)).toBeNull();
    rememberUser(USER);
    expect(offlineUserFor(down)).toEqual(USER);
    expect(offlineUserFor(new ApiError(500, 'server_error', 'x'))).toBeNull();
  });
});

describe('watchReconnect', () => {
  it('checks when the browser goes online and on a timer, until stopped', () => {
    vi.useFakeTimers();
    const check = vi.fn();
    const stop = watchReconnect(check, 1000);
    window.dispatchEvent(new Event('online'));
    expect(check).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2500);
    expect(check).toHaveBeenCalledTimes(3);
    stop();
    window.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(5000);
    expect(check).toHaveBeenCalledTimes(3);
  });
});
