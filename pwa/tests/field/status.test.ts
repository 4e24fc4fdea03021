import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../../src/i18n';
import {
  byteSize,
  clockTime,
  groupNotices,
  noticeText,
  pendingText,
  pendingTotal,
  queueProgress,
  syncHeadline,
  type SyncView,
} from '../../src/lib/sync-status';
import type { Notice } from '../../src/sync/db';

afterEach(() => setLang('zh-CN'));

const none = { inspection: 0, issue: 0, report: 0, other: 0, photo: 0 };
const base: SyncView = { state: 'idle', online: true, items: none, lastSyncAt: null };
const waiting = (items: Partial<typeof none>): SyncView => ({
  ...base,
  items: { ...none, ...items },
});
const at = (h: number, m: number) => new Date(2024, 4, 1, h, m).toISOString();
const now = new Date(2024, 4, 1, 15, 0);

describe('sync headline', () => {
  it('counts inspections, problems and photos, not mutations', () => {
    const items = { ...none, inspection: 2, issue: 1, photo: 5 };
    expect(pendingTotal(items)).toBe(8);
    expect(pendingText(items)).toBe('2 份检查、1 个问题、5 张照片');
    expect(syncHeadline({ ...base, items }, now)).toEqual({
      text: '2 份检查、1 个问题、5 张照片待上传',
      tone: 'pending',
    });
  });

  it('says when only photos wait', () => {
    expect(syncHeadline(waiting({ photo: 3 }), now).text).toBe('3 张照片待上传');
  });

  it('says 已同步 with the time once all is sent', () => {
    expect(syncHeadline({ ...base, lastSyncAt: at(14, 2) }, now)).toEqual({
      text: '已同步 14:02',
      tone: 'ok',
    });
    expect(clockTime(new Date(2024, 3, 28, 9, 5).toISOString(), now)).toBe('04-28 09:05');
  });

  it('explains offline, retry, syncing and halts', () => {
    expect(syncHeadline({ ...waiting({ inspection: 1 }), online: false }, now).text).toBe(
      '离线 · 待同步 1 份检查',
    );
    expect(syncHeadline({ ...waiting({ issue: 2 }), state: 'waiting' }, now).text).toContain(
      '稍后自动重试',
    );
    expect(syncHeadline({ ...waiting({ photo: 2 }), state: 'syncing' }, now)).toEqual({
      text: '正在同步… 剩余 2 张照片',
      tone: 'busy',
    });
    expect(syncHeadline({ ...waiting({ report: 2 }), state: 'login-required' }, now).tone).toBe(
      'error',
    );
    expect(syncHeadline({ ...base, state: 'login-required' }, now).text).toContain('重新登录');
    expect(syncHeadline(base, now).text).toBe('尚未同步');
  });

  it('speaks English too', () => {
    setLang('en');
    expect(syncHeadline(waiting({ inspection: 1, photo: 4 }), now).text).toBe(
      '1 inspection(s), 4 photo(s) to upload',
    );
    expect(syncHeadline({ ...base, lastSyncAt: at(14, 2) }, now).text).toBe('Synced 14:02');
  });
});

describe('progress bars', () => {
  const upload = (done: number, bytesDone: number, photoIndex: number, photoBytesDone: number) =>
    queueProgress({
      phase: 'upload',
      done,
      total: 3,
      bytesDone,
      bytesTotal: 600,
      sha256: `p${photoIndex}`,
      photoIndex,
      photoBytesDone,
      photoBytes: 200,
    });

  it("moves each photo's bar from 0 to 100% while the overall bar counts the run's bytes", () => {
    // the second of three 200-byte photos: 0, half, all of it
    expect(upload(1, 200, 1, 0).photo).toEqual({ sha256: 'p1', fraction: 0, index: 2, total: 3 });
    const half = upload(1, 300, 1, 100);
    expect(half.photo!.fraction).toBe(0.5);
    expect(half.overall).toBe(0.5);
    expect(half.bytes).toEqual({ done: 300, total: 600 });
    expect(upload(2, 400, 1, 200).photo).toMatchObject({ fraction: 1, index: 2 });
    // the next photo starts again at 0
    expect(upload(2, 400, 2, 0).photo).toMatchObject({ fraction: 0, index: 3 });
  });

  it('shows push and pull by their own counts', () => {
    expect(queueProgress({ phase: 'push', done: 1, total: 4 }).overall).toBe(0.25);
    expect(queueProgress({ phase: 'pull', done: 1, total: 1 }).overall).toBe(1);
    expect(queueProgress({ phase: 'push', done: 0, total: 0 })).toMatchObject({ photo: null });
  });

  it('writes sizes people read', () => {
    expect(byteSize(860 * 1024)).toBe('860 KB');
    expect(byteSize(1.25 * 1024 * 1024)).toBe('1.3 MB');
    expect(byteSize(20 * 1024 * 1024)).toBe('20 MB');
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
