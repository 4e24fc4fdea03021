import { describe, expect, it } from 'vitest';
import { formatBytes, LOW_FREE_BYTES, storageStatus } from '../src/lib/storage-status';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('storageStatus', () => {
  it('is unknown without an estimate or a quota', () => {
    expect(storageStatus(null)).toBeNull();
    expect(storageStatus({ usage: 10, quota: 0 })).toBeNull();
  });

  it('is fine with plenty of room', () => {
    const s = storageStatus({ usage: 300 * MB, quota: 10 * GB })!;
    expect(s.free).toBe(10 * GB - 300 * MB);
    expect(s.low).toBe(false);
  });

  it('is low under 200 MB left, even when that is more than 10% of the quota', () => {
    expect(storageStatus({ usage: 0, quota: LOW_FREE_BYTES - 1 })!.low).toBe(true);
    expect(storageStatus({ usage: 1 * GB - 199 * MB, quota: 1 * GB })!.low).toBe(true);
    expect(storageStatus({ usage: 1 * GB - 201 * MB, quota: 1 * GB })!.low).toBe(false);
  });

  it('is low under 10% left, even when that is more than 200 MB', () => {
    expect(storageStatus({ usage: 9.1 * GB, quota: 10 * GB })!.low).toBe(true);
    expect(storageStatus({ usage: 8.9 * GB, quota: 10 * GB })!.low).toBe(false);
  });

  it('never has negative room', () => {
    const s = storageStatus({ usage: 2 * GB, quota: 1 * GB })!;
    expect(s.free).toBe(0);
    expect(s.low).toBe(true);
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(850 * 1024)).toBe('850 KB');
    expect(formatBytes(5.25 * MB)).toBe('5.3 MB');
    expect(formatBytes(123 * MB)).toBe('123 MB');
    expect(formatBytes(1.2 * GB)).toBe('1.20 GB');
    expect(formatBytes(-1)).toBe('—');
  });
});
