import { describe, expect, it } from 'vitest';
import { queueProgress } from '../../src/lib/sync-status';
import { enqueue } from '../../src/sync/outbox';
import { pendingItems } from '../../src/sync/pending';
import { capturePhoto } from '../../src/sync/photos';
import { INSPECTION, ISSUE, createInspection, harness, photoBytes } from './harness';

describe('SyncEngine: progress the user can follow', () => {
  it("reports each photo's own bytes, so its bar runs 0 → 100% and the next starts at 0", async () => {
    const h = await harness();
    await createInspection(h.db);
    for (const seed of [1, 2])
      await capturePhoto(h.db, photoBytes(3000, seed), 'inspection', INSPECTION, null, {
        keepOriginals: true,
      });

    await h.engine.sync();

    const bars = h
      .of('progress')
      .filter((p) => p.phase === 'upload' && p.sha256)
      .map((p) => queueProgress(p));
    const first = bars.filter((b) => b.photo!.index === 1).map((b) => b.photo!.fraction);
    const second = bars.filter((b) => b.photo!.index === 2).map((b) => b.photo!.fraction);
    for (const run of [first, second]) {
      expect(run[0]).toBe(0);
      expect(run[run.length - 1]).toBe(1);
      expect(run.some((f) => f > 0 && f < 1)).toBe(true); // it moved in between (1 KiB chunks)
      expect([...run].sort((a, b) => a - b)).toEqual(run); // and never went back
    }
    // the overall bar is the run's bytes: halfway once the first photo is in
    const overall = bars.map((b) => b.overall);
    expect(bars.find((b) => b.photo!.index === 2)!.bytes).toEqual({ done: 3000, total: 6000 });
    expect(overall[overall.length - 1]).toBe(1);
    expect([...overall].sort((a, b) => a - b)).toEqual(overall);
  });
});

describe('what waits, as people count it', () => {
  it('counts one inspection, one problem and two photos, not eight mutations', async () => {
    const h = await harness();
    await createInspection(h.db);
    for (const item of ['1', '2', '3'])
      await enqueue(h.db, 'answer.set', { inspection_id: INSPECTION, item_id: item, value: 'yes' });
    for (const seed of [1, 2])
      await capturePhoto(h.db, photoBytes(500, seed), 'inspection', INSPECTION, null, {
        keepOriginals: true,
      });
    await enqueue(h.db, 'issue.comment', { issue_id: ISSUE, body: '已整改' });
    await enqueue(h.db, 'inspection.submit', { inspection_id: INSPECTION });

    expect(await h.db.count('outbox')).toBe(8);
    expect(await pendingItems(h.db)).toEqual({
      inspection: 1,
      issue: 1,
      report: 0,
      other: 0,
      photo: 2,
    });
  });

  it('still counts the photos once their records went, until their bytes have', async () => {
    const h = await harness();
    await capturePhoto(h.db, photoBytes(500), 'issue', ISSUE, null, { keepOriginals: true });
    h.server.fail('POST', '/api/v1/uploads/', { kind: 'network' });

    await h.engine.sync();

    expect(await h.db.count('outbox')).toBe(0);
    expect(await pendingItems(h.db)).toMatchObject({ issue: 0, photo: 1 });
  });
});
