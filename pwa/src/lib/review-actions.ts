/**
 * The inspector's answer to a returned inspection: a correction, queued as outbox mutations
 * like every field action (inspection.create with replaces_id, then answer.set per copied answer).
 */
import { newUuid, type GeoFix } from '../sync/db';
import type { SyncEngine } from '../sync/client';
import type { InspectionData, TemplateData } from './field-records';
import { answerArgs } from './inspection-form';
import { correctionDraft } from './review';

/**
 * Start a correction of `old`; returns the new inspection's id (its answers are drafts already).
 */
export async function startCorrection(
  engine: SyncEngine,
  old: InspectionData,
  template: TemplateData | undefined,
  location: GeoFix | null,
): Promise<string> {
  const id = newUuid();
  const photoItemIds = new Set(
    (template?.items ?? []).filter((i) => i.kind === 'photo').map((i) => i.id),
  );
  const { args, draft, answers } = correctionDraft(old, {
    id,
    startedAt: new Date().toISOString(),
    location,
    photoItemIds,
  });
  await engine.enqueue('inspection.create', args, {
    drafts: [{ type: 'inspection', id, data: { ...draft, answers: [] } }],
  });
  let current: InspectionData = { ...draft, answers: [] };
  for (const a of answers) {
    current = {
      ...current,
      answers: [...current.answers, { ...a, answered_at: draft.started_at }],
    };
    await engine.enqueue('answer.set', answerArgs(id, a.item_id, a.value, a.note), {
      drafts: [{ type: 'inspection', id, data: current }],
    });
  }
  return id;
}
