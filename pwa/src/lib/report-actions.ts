/** The deputy's rating, queued through the outbox like every field action (report.rate). */
import type { SyncEngine } from '../sync/client';
import { afterRating, type PulledReport, type RatingCode } from './report-steps';

export async function rateOnPhone(
  engine: SyncEngine,
  report: PulledReport,
  rating: RatingCode,
  comment: string,
): Promise<void> {
  const data = afterRating(report, rating, comment, new Date().toISOString());
  await engine.enqueue(
    'report.rate',
    { report_id: report.id, rating, comment: data.rating_comment },
    {
      drafts: [{ type: 'report', id: report.id, data }],
    },
  );
}
