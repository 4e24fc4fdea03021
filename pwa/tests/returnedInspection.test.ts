import { describe, expect, it } from 'vitest';
import { inspectionReturned, returnedInspectionIds } from '../src/lib/returned';

const insp = (id: string, status: string, replaces_id: string | null = null) => ({
  id,
  status,
  replaces_id,
});

describe('所属检查已退回 on the phone', () => {
  it('marks a returned inspection with no correction', () => {
    expect([...returnedInspectionIds([insp('a', 'returned'), insp('b', 'submitted')])]).toEqual([
      'a',
    ]);
  });

  it('keeps the mark while the correction is only a draft', () => {
    expect(returnedInspectionIds([insp('a', 'returned'), insp('c', 'draft', 'a')]).has('a')).toBe(
      true,
    );
  });

  it('drops the mark once a correction is submitted or approved', () => {
    expect(returnedInspectionIds([insp('a', 'returned'), insp('c', 'submitted', 'a')]).size).toBe(
      0,
    );
    expect(returnedInspectionIds([insp('a', 'returned'), insp('c', 'approved', 'a')]).size).toBe(0);
  });

  it('marks a problem by the inspection it was found in, none without one', () => {
    const returned = new Set(['a']);
    expect(inspectionReturned({ inspection_id: 'a' }, returned)).toBe(true);
    expect(inspectionReturned({ inspection_id: 'b' }, returned)).toBe(false);
    expect(inspectionReturned({ inspection_id: null }, returned)).toBe(false);
  });
});
