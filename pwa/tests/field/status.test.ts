import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../../src/i18n';
import {
  clockTime,
  groupNotices,
  noticeText,
  pendingTotal,
  queueProgress,
  syncHeadline,
  type SyncView,
} from '../../src/lib/sync-status';
import type { Notice } from '../../src/sync/db';

afterEach(() => setLang('zh-CN'));

const base: SyncView = {
  state: 'idle',
  online: true,
  pendingMutations: 0,
  pendingPhotos: 0,
  lastSyncAt: null,
};
const at = (h: number, m: number) => new Date(2024, 4, 1, h, m).toISOString();
const now = new Date(2024, 4, 1, 15, 0);

describe('sync headline', () => {
  it('counts mutations and photos waiting', () => {
    expect(pendingTotal({ pendingMutations: 3, pendingPhotos: 2 })).toBe(5);
    expect(syncHeadline({ ...base, pendingMutations: 3, pendingPhotos: 2 }, now)).toEqual({
      text: '待同步 5',
      tone: 'pending',
    });
  });

  it('says 已同步 with the time once all is sent', () => {
    expect(syncHeadline({ ...base, lastSyncAt: at(14, 2) }, now)).toEqual({
      text: '已同步 14:02',
      tone: 'ok',
    });
    expect(clockTime(new Date(2024, 3, 28, 9, 5).toISOString(), now)).toBe('04-28 09:05');
  });

  it('explains offline, retry, syncing and halts', () => {
    expect(syncHeadline({ ...base, online: false, pendingMutations: 1 }, now).text).toBe(
      '离线 · 待同步 1',
    );
    expect(syncHeadline({ ...base, state: 'waiting', pendingMutations: 2 }, now).text).toContain(
      '稍后自动重试',
    );
    expect(syncHeadline({ ...base, state: 'syncing', pendingPhotos: 2 }, now)).toEqual({
      text: '正在同步… 剩余 2',
      tone: 'busy',
    });
    expect(syncHeadline({ ...base, state: 'login-required', pendingMutations: 2 }, now).tone).toBe(
      'error',
    );
    expect(syncHeadline({ ...base, state: 'login-required' }, now).text).toContain('重新登录');
    expect(syncHeadline(base, now).text).toBe('尚未同步');
  });

  it('speaks English too', () => {
    setLang('en');
    expect(syncHeadline({ ...base, pendingMutations: 4 }, now).text).toBe('4 to sync');
    expect(syncHeadline({ ...base, lastSyncAt: at(14, 2) }, now).text).toBe('Synced 14:02');
  });
});

describe('progress bars', () => {
  const sizes = new Map([
    ['a', 100],
    ['b', 300],
  ]);
  it('splits the queue by bytes and gives the current photo its own share', () => {
    const p = queueProgress(
      { phase: 'upload', done: 1, total: 2, bytesDone: 250, bytesTotal: 400, sha256: 'b' },
      sizes,
      ['a', 'b'],
    );
    expect(p.overall).toBeCloseTo(0.8 * (250 / 400));
    expect(p.photo).toEqual({ sha256: 'b', fraction: 0.5, index: 2, total: 2 });
  });

  it('numbers the photo being sent from 1', () => {
    const first = queueProgress(
      { phase: 'upload', done: 0, total: 2, bytesDone: 100, bytesTotal: 400, sha256: 'a' },
      sizes,
      ['a', 'b'],
    );
    expect(first.photo).toEqual({ sha256: 'a', fraction: 1, index: 1, total: 2 });
  });

  it('moves on through push and pull to full', () => {
    expect(queueProgress({ phase: 'push', done: 1, total: 2 }).overall).toBeCloseTo(0.875);
    expect(queueProgress({ phase: 'pull', done: 1, total: 1 }).overall).toBe(1);
    expect(queueProgress({ phase: 'push', done: 0, total: 0 }).overall).toBeCloseTo(0.95);
  });
});

describe('notices in plain words', () => {
  it('says what was refused, why, and what to do', () => {
    const n = noticeText({
      kind: 'rejected',
      code: 'incomplete',
      message: '还有必填项未回答: 现场照片',
      name: 'inspection.submit',
    });
    expect(n.title).toBe('提交检查未被服务器接受');
    expect(n.reason).toBe('还有必填项未回答: 现场照片');
    expect(n.advice).toContain('补全必填项');
  });

  it('tells a conflict needs no repeat, and a refused photo to take it again', () => {
    expect(
      noticeText({
        kind: 'conflict',
        code: 'state_changed',
        message: 'm',
        name: 'issue.transition',
      }).advice,
    ).toContain('不需要重复操作');
    expect(noticeText({ kind: 'upload', code: 'not_an_image', message: 'm' }).advice).toContain(
      '重新拍摄',
    );
    expect(noticeText({ kind: 'rejected', code: 'weird', message: '', name: 'x.y' })).toMatchObject(
      { reason: 'weird', title: '一项操作未被服务器接受' },
    );
  });
});

describe('notices grouped by record', () => {
  const notice = (
    key: string,
    mutation_id: number,
    target?: { type: string; id: string },
  ): Notice => ({
    key,
    kind: 'rejected',
    code: 'not_found',
    message: '找不到',
    at: '2025-05-01T08:00:00Z',
    mutation_id,
    target,
    seen: false,
  });

  it('shows the first refusal about a record and dismisses all of them together', () => {
    const insp = { type: 'inspection', id: 'a' };
    const groups = groupNotices([
      notice('m:3', 3, insp),
      notice('m:1', 1, insp),
      notice('m:2', 2, { type: 'photo', id: 'p' }),
      notice('m:4', 4, insp),
    ]);
    expect(groups.map((g) => [g.lead.key, g.keys])).toEqual([
      ['m:1', ['m:3', 'm:1', 'm:4']],
      ['m:2', ['m:2']],
    ]);
  });

  it('keeps notices without a record apart', () => {
    expect(groupNotices([notice('m:1', 1), notice('m:2', 2)]).map((g) => g.keys)).toEqual([
      ['m:1'],
      ['m:2'],
    ]);
  });
});
