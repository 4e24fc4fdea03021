/**
 * What waits on the phone, as people count it: inspections, problems, reports and photos — not
 * the outbox's mutations (one inspection is a create, its answers, photos and a submit: "待同步 15"
 * for one inspection told the user nothing).
 */
import type { SyncDB } from './db';
import { mutationTarget } from './outbox';

export interface PendingItems {
  inspection: number;
  issue: number;
  report: number;
  /** Mutations about no record the user would name (there are none today; kept honest). */
  other: number;
  /** Photos whose record or bytes are not on the server yet (refused bytes not counted). */
  photo: number;
}

export const NO_PENDING: PendingItems = { inspection: 0, issue: 0, report: 0, other: 0, photo: 0 };

export function pendingTotal(items: PendingItems): number {
  return items.inspection + items.issue + items.report + items.other + items.photo;
}

/** Count what waits: distinct records named by the outbox, and photos (by their bytes' hash). */
export async function pendingItems(db: SyncDB): Promise<PendingItems> {
  const tx = db.transaction(['outbox', 'blobs'], 'readonly');
  const [outbox, blobs] = await Promise.all([
    tx.objectStore('outbox').getAll(),
    tx.objectStore('blobs').getAll(),
  ]);
  await tx.done;
  const records = { inspection: new Set<string>(), issue: new Set<string>() };
  const reports = new Set<string>();
  const photos = new Set<string>();
  const refused = new Set(blobs.filter((b) => b.failed).map((b) => b.sha256));
  let other = 0;
  for (const m of outbox) {
    if (m.name === 'photo.attach') {
      const sha = m.args.sha256;
      if (typeof sha === 'string' && !refused.has(sha)) photos.add(sha);
      continue;
    }
    const target = mutationTarget(m.name, m.args);
    if (target?.type === 'inspection' || target?.type === 'issue')
      records[target.type].add(target.id);
    else if (target?.type === 'report') reports.add(target.id);
    else other++;
  }
  for (const b of blobs) if (!b.uploaded && !b.failed) photos.add(b.sha256);
  return {
    inspection: records.inspection.size,
    issue: records.issue.size,
    report: reports.size,
    other,
    photo: photos.size,
  };
}
