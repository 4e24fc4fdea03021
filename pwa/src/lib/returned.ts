/**
 * 所属检查已退回 on the phone: a problem found in an inspection the office returned (退回) waits
 * for the inspector's correction. The office's ledger gets the mark from the server
 * (server/issues/returned.py); the phone works it out from its own inspections the same way,
 * offline too: returned, and no correction of it submitted (or approved) yet — a correction the
 * phone submitted but has not sent counts as resubmitted, since the inspector has done their part.
 */
import { useMemo } from 'preact/hooks';
import type { InspectionData } from './field-records';
import { useLocalRecords } from './sync-context';

type Reviewed = Pick<InspectionData, 'id' | 'status' | 'replaces_id'>;

const RESUBMITTED = new Set(['submitted', 'approved']);

/** The ids of the inspections that are returned and not yet resubmitted. */
export function returnedInspectionIds(inspections: readonly Reviewed[]): Set<string> {
  const corrected = new Set(
    inspections
      .filter((i) => i.replaces_id && RESUBMITTED.has(i.status))
      .map((i) => i.replaces_id as string),
  );
  return new Set(
    inspections.filter((i) => i.status === 'returned' && !corrected.has(i.id)).map((i) => i.id),
  );
}

/** Whether a problem's inspection waits for its correction. */
export function inspectionReturned(
  issue: { inspection_id: string | null },
  returned: ReadonlySet<string>,
): boolean {
  return !!issue.inspection_id && returned.has(issue.inspection_id);
}

/** `returnedInspectionIds` over this phone's inspections, re-read as they change. */
export function useReturnedInspections(): ReadonlySet<string> {
  const { records } = useLocalRecords<InspectionData>('inspection');
  return useMemo(() => returnedInspectionIds(records.map((r) => r.data)), [records]);
}
