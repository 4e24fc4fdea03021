/**
 * What the field screens do, each as outbox mutations with the local drafts that show the
 * result at once (never a REST call: everything works offline and syncs later).
 */
import { getRecord, newUuid, type GeoFix } from '../sync/db';
import type { SyncEngine } from '../sync/client';
import type { PhotoOwnerType } from '../sync/photos';
import type { InspectionData, InspectionKind, IssueData, ReportData } from './field-records';
import {
  answerArgs,
  issueArgs,
  newInspection,
  rectificationTransitions,
  reportArgs,
  verificationArgs,
  withAnswer,
  type ProblemForm,
  type ReportForm,
} from './inspection-form';

let chain: Promise<unknown> = Promise.resolve();
/**
 * Run local writes one after another: each reads the current draft and writes the next one, so
 * two quick taps must not both start from the same draft (the second would drop the first's
 * answer).
 */
export function serial<T>(fn: () => Promise<T>): Promise<T> {
  const run = chain.then(fn, fn);
  chain = run.catch(() => undefined);
  return run;
}

export async function startInspection(
  engine: SyncEngine,
  opts: {
    projectId: number;
    kind: InspectionKind;
    templateId: string | null;
    location: GeoFix | null;
  },
): Promise<string> {
  const id = newUuid();
  const { args, draft } = newInspection({ id, startedAt: new Date().toISOString(), ...opts });
  await engine.enqueue('inspection.create', args, {
    drafts: [{ type: 'inspection', id, data: draft }],
  });
  return id;
}

/** The freshest local copy of an inspection (the draft if there is one). */
export async function loadInspection(
  engine: SyncEngine,
  id: string,
): Promise<InspectionData | undefined> {
  return (await getRecord<InspectionData>(engine.db, 'inspection', id))?.data;
}

/** Queue `answer.set` and keep the answer in the inspection's draft. */
export async function setAnswer(
  engine: SyncEngine,
  inspectionId: string,
  itemId: string,
  value: unknown,
  note?: string | null,
): Promise<InspectionData> {
  const current = await loadInspection(engine, inspectionId);
  if (!current) throw new Error('inspection not found');
  const next = withAnswer(current, itemId, value, new Date().toISOString(), note);
  await engine.enqueue('answer.set', answerArgs(inspectionId, itemId, value, note), {
    drafts: [{ type: 'inspection', id: inspectionId, data: next }],
  });
  return next;
}

export async function updateInspection(
  engine: SyncEngine,
  inspectionId: string,
  patch: { notes?: string | null; location?: GeoFix | null; template_id?: string | null },
): Promise<InspectionData> {
  const current = await loadInspection(engine, inspectionId);
  if (!current) throw new Error('inspection not found');
  const next: InspectionData = { ...current, ...patch };
  await engine.enqueue(
    'inspection.update',
    { inspection_id: inspectionId, ...patch },
    {
      drafts: [{ type: 'inspection', id: inspectionId, data: next }],
    },
  );
  return next;
}

export async function submitInspection(engine: SyncEngine, inspectionId: string): Promise<void> {
  const current = await loadInspection(engine, inspectionId);
  if (!current) throw new Error('inspection not found');
  const next: InspectionData = {
    ...current,
    status: 'submitted',
    submitted_at: new Date().toISOString(),
  };
  await engine.enqueue(
    'inspection.submit',
    { inspection_id: inspectionId },
    {
      drafts: [{ type: 'inspection', id: inspectionId, data: next }],
    },
  );
}

export async function attachPhoto(
  engine: SyncEngine,
  file: Blob,
  ownerType: PhotoOwnerType,
  ownerId: string,
  fix: GeoFix | null,
  photoId?: string,
): Promise<string> {
  const captured = await engine.capturePhoto(file, ownerType, ownerId, fix, { photoId });
  return captured.photoId;
}

export async function createIssue(
  engine: SyncEngine,
  form: ProblemForm,
  ctx: { projectId: number | null; inspectionId: string | null; location: GeoFix | null },
): Promise<string> {
  const id = newUuid();
  const args = issueArgs(id, form, ctx);
  const draft: IssueData = {
    id,
    project_id: ctx.projectId,
    inspection_id: ctx.inspectionId,
    title: String(args.title),
    description: String(args.description),
    severity: args.severity as IssueData['severity'],
    state: 'found',
    unit: null,
    deadline: null,
    suggested_unit: (args.suggested_unit as string | null) ?? null,
    suggested_deadline: (args.suggested_deadline as string | null) ?? null,
    location: ctx.location,
    created_at: new Date().toISOString(),
    events: [],
  };
  await engine.enqueue('issue.create', args, { drafts: [{ type: 'issue', id, data: draft }] });
  return id;
}

/** A unit's rectification report: the transitions in order, the last one carrying the draft. */
export async function reportRectification(
  engine: SyncEngine,
  issue: IssueData,
  note: string,
  photoIds: string[],
): Promise<void> {
  const steps = rectificationTransitions(issue.id, issue.state, note, photoIds);
  for (const [i, args] of steps.entries()) {
    const to = String(args.to);
    const data: IssueData = {
      ...issue,
      state: to,
      events: [
        ...(issue.events ?? []),
        {
          kind: 'transition',
          from_state: String(args.expected_from),
          to_state: to,
          at: new Date().toISOString(),
          reason: (args.reason as string | null) ?? null,
          data: i === steps.length - 1 ? { photo_ids: photoIds } : null,
        },
      ],
    };
    await engine.enqueue('issue.transition', args, {
      drafts: [{ type: 'issue', id: issue.id, data }],
    });
    issue = data;
  }
}

export async function returnIssue(
  engine: SyncEngine,
  issue: IssueData,
  reason: string,
): Promise<void> {
  const data: IssueData = { ...issue, state: 'returned' };
  await engine.enqueue(
    'issue.transition',
    { issue_id: issue.id, to: 'returned', expected_from: 'assigned', reason },
    {
      drafts: [{ type: 'issue', id: issue.id, data }],
    },
  );
}

export async function createReport(
  engine: SyncEngine,
  id: string,
  form: ReportForm,
  location: GeoFix | null,
): Promise<void> {
  const args = reportArgs(id, form, location);
  const draft: ReportData = {
    id,
    project_id: (args.project_id as number | null) ?? null,
    title: String(args.title),
    description: String(args.description),
    location,
    status: 'submitted',
    reply: null,
    rating: null,
    created_at: new Date().toISOString(),
  };
  await engine.enqueue('report.create', args, { drafts: [{ type: 'report', id, data: draft }] });
}

/**
 * 复核 on site: a rectified problem passes (→ verified, with the inspector's photos as evidence)
 * or goes back to the unit (→ rectifying, with the reason).
 */
export async function verifyIssue(
  engine: SyncEngine,
  issue: IssueData,
  passed: boolean,
  reason: string,
  photoIds: string[],
): Promise<void> {
  const args = verificationArgs(issue.id, passed, reason, photoIds);
  const to = String(args.to);
  const data: IssueData = {
    ...issue,
    state: to,
    events: [
      ...(issue.events ?? []),
      {
        kind: 'transition',
        from_state: 'rectified',
        to_state: to,
        at: new Date().toISOString(),
        reason: (args.reason as string | null) ?? null,
        data: { photo_ids: photoIds },
      },
    ],
  };
  await engine.enqueue('issue.transition', args, {
    drafts: [{ type: 'issue', id: issue.id, data }],
  });
}

/** 延期: the unit asks the office to move its problem's deadline to ``deadline`` (a later day). */
export async function requestExtension(
  engine: SyncEngine,
  issue: IssueData,
  deadline: string,
  reason: string,
): Promise<void> {
  const data: IssueData = {
    ...issue,
    pending_extension_until: deadline,
    events: [
      ...(issue.events ?? []),
      {
        kind: 'extension_requested',
        from_state: null,
        to_state: null,
        at: new Date().toISOString(),
        reason,
        data: { proposed_deadline: deadline, previous_deadline: issue.deadline },
      },
    ],
  };
  await engine.enqueue(
    'issue.extension_request',
    { issue_id: issue.id, deadline, reason },
    { drafts: [{ type: 'issue', id: issue.id, data }] },
  );
}
