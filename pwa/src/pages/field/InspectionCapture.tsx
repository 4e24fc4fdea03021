/**
 * Inspection capture, offline: the checklist from the template, photos, the GPS fix, notes,
 * problems found, and 提交. Every answer is queued (answer.set) as the user goes, with the
 * inspection's draft, so a reload or a dead battery loses nothing; after 提交 the inspection
 * shows "待同步" until the server has it all, then "已同步".
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { User } from '../../api';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Link, navigate } from '../../lib/router';
import { useLocalRecords, useSync } from '../../lib/sync-context';
import { RefusedNotice } from '../../components/field/RefusedNotice';
import {
  answerOf,
  missingRequired,
  submitProblems,
  type SubmitProblem,
} from '../../lib/inspection-form';
import { rankedTemplates } from '../../lib/template-pick';
import { problemPrefill, submitProblemText } from '../../lib/capture-template';
import { TemplateSwitch } from '../../components/field/TemplateSwitch';
import {
  attachPhoto,
  createIssue,
  loadInspection,
  serial,
  setAnswer,
  submitInspection,
  updateInspection,
} from '../../lib/field-actions';
import type {
  ChecklistItem,
  InspectionData,
  IssueData,
  PhotoData,
  ProjectData,
  TemplateData,
} from '../../lib/field-records';
import { ErrorBanner, errorMessage } from '../../components/ui';
import { SyncBar } from '../../components/field/SyncBar';
import { GpsCard, useGeoFix } from '../../components/field/GpsCard';
import { ChecklistItemView } from '../../components/field/ChecklistItem';
import { PhotoPicker, PhotoStrip } from '../../components/field/PhotoPicker';
import { ProblemForm } from '../../components/field/ProblemForm';
import { hasForm, photoFile } from '../../sync/forms';
import { IssueLine } from '../../components/field/IssueLine';
import { inspectionReturned, returnedInspectionIds } from '../../lib/returned';
import { ReviewNotice } from '../../components/field/ReviewNotice';

export function InspectionCapture({ id }: { id: string; user: User }) {
  const sync = useSync();
  const { records: inspections, loading } = useLocalRecords<InspectionData>('inspection');
  const { records: templates } = useLocalRecords<TemplateData>('template');
  const { records: projects } = useLocalRecords<ProjectData>('project');
  const { records: photos } = useLocalRecords<PhotoData>('photo');
  const { records: issues } = useLocalRecords<IssueData>('issue');
  const record = inspections.find((r) => r.id === id);
  const insp = record?.data;
  const project = projects.find((r) => insp && r.data.id === insp.project_id)?.data;
  const template = templates.find((r) => insp && r.id === insp.template_id)?.data;
  const items = useMemo(
    () => [...(template?.items ?? [])].sort((a, b) => a.position - b.position),
    [template],
  );
  // the other checklists allowed for this project and kind (before the first answer only)
  const choices = useMemo(
    () =>
      insp && project
        ? rankedTemplates(
            templates.map((r) => r.data),
            {
              projectName: project.name,
              countyId: project.county?.id ?? null,
              seriesId: project.series?.id ?? null,
              kind: insp.kind,
            },
          )
        : [],
    [insp, project, templates],
  );
  const gps = useGeoFix(true);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  // 提交 was tried: what still holds it back is shown, and follows the answers as they change
  const [tried, setTried] = useState(false);
  const [problemOpen, setProblemOpen] = useState(false);
  const [prefill, setPrefill] = useState<string | undefined>(undefined);
  const problemKey = `problem:${id}`;
  // a problem typed but not saved (the page was reloaded, the phone restarted): open it again
  useEffect(() => {
    if (sync.db)
      void hasForm(sync.db, problemKey).then(
        (kept) => kept && setProblemOpen(true),
        () => undefined,
      );
  }, [sync.db, problemKey]);
  const [busy, setBusy] = useState(false);
  const [extraBusy, setExtraBusy] = useState(false);
  const locSaved = useRef(false);
  // submitted, approved or returned: frozen (a returned one is answered with a correction)
  const submitted = !!insp && insp.status !== 'draft';
  const engine = sync.engine;

  const myPhotos = photos
    .filter((r) => r.data.owner_type === 'inspection' && r.data.owner_id === id)
    .map((r) => ({ ...r.data, pending: r.pending }));
  const myIssues = issues.filter((r) => r.data.inspection_id === id);
  const returned = returnedInspectionIds(inspections.map((r) => r.data));
  const issuePhotoIds = new Set(myIssues.map((r) => r.id));
  const issuePhotos = photos.filter(
    (r) => r.data.owner_type === 'issue' && issuePhotoIds.has(r.data.owner_id),
  );
  const itemPhotoIds = new Set(
    items
      .filter((i) => i.kind === 'photo')
      .flatMap((i) =>
        Array.isArray(answerOf(insp ?? { answers: [] }, i.id)?.value)
          ? (answerOf(insp!, i.id)!.value as string[])
          : [],
      ),
  );
  const otherPhotos = myPhotos.filter((p) => !itemPhotoIds.has(p.id));
  const waitingBlob = (sha: string) => sync.blobStates.get(sha) === 'waiting';
  const pending =
    !!record?.pending ||
    myPhotos.some((p) => p.pending || waitingBlob(p.sha256)) ||
    myIssues.some((r) => r.pending) ||
    issuePhotos.some((r) => r.pending || waitingBlob(r.data.sha256));

  // the first fix goes with the inspection when it started without one
  useEffect(() => {
    if (!engine || !insp || submitted || insp.location || !gps.fix || locSaved.current) return;
    locSaved.current = true;
    void serial(() => updateInspection(engine, id, { location: gps.fix })).then(
      sync.changed,
      () => undefined,
    );
  }, [engine, insp, submitted, gps.fix, id, sync.changed]);

  if (!insp) {
    return (
      <section class="page field-page">
        <SyncBar />
        <p class={loading ? 'loading' : 'empty'}>
          {loading ? t('app.loading') : t('field.insp.missing')}
        </p>
      </section>
    );
  }

  const run = async (fn: () => Promise<unknown>) => {
    if (!engine) return;
    setError(null);
    try {
      await serial(fn);
      sync.changed();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const blocked: SubmitProblem[] = tried && !submitted ? submitProblems(items, insp) : [];
  const onAnswer = (item: ChecklistItem, value: unknown) =>
    void run(() => setAnswer(engine!, id, item.id, value));
  // an answer that counts as a problem: open the problem form, its description begun
  const onBad = (item: ChecklistItem) => {
    if (!problemOpen) setPrefill(problemPrefill(item, answerOf(insp, item.id)?.value));
    setProblemOpen(true);
    window.setTimeout(
      () => document.querySelector('[data-testid="problem-form"]')?.scrollIntoView?.(),
      0,
    );
  };
  const capture = async (
    files: Blob[],
    owner: 'inspection' | 'issue',
    ownerId: string,
    photoId?: string,
  ) => {
    const ids: string[] = [];
    for (const file of files)
      ids.push(await serial(() => attachPhoto(engine!, file, owner, ownerId, gps.fix, photoId)));
    return ids;
  };
  const onPhotos = async (item: ChecklistItem, files: File[]) => {
    if (!engine) return;
    try {
      const ids = await capture(files, 'inspection', id);
      await serial(async () => {
        const now = await loadInspection(engine, id);
        const before = now ? answerOf(now, item.id)?.value : null;
        const list = Array.isArray(before) ? (before as string[]) : [];
        return setAnswer(engine, id, item.id, [...list, ...ids]);
      });
      sync.changed();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  async function submit() {
    if (!engine || !insp) return;
    const left = missingRequired(items, insp);
    setMissing(left);
    setTried(true);
    if (left.length || submitProblems(items, insp).length) return;
    setBusy(true);
    await run(() => submitInspection(engine, id));
    setBusy(false);
    window.scrollTo?.(0, 0);
  }

  return (
    <section class="page field-page" data-testid="inspection-capture" data-status={insp.status}>
      <SyncBar />
      <p class="crumb">
        {project ? <Link href={`/field/projects/${project.id}`}>{project.name}</Link> : null}
      </p>
      <h1>
        {t(`field.kind.${insp.kind}`)} ·{' '}
        {template
          ? t('tpl.nameVersion', { name: template.name, n: template.version })
          : t('field.insp.noTemplate')}
      </h1>
      {record?.refused ? (
        <RefusedNotice
          type="inspection"
          id={id}
          refused={record.refused}
          onDiscarded={() => navigate(project ? `/field/projects/${project.id}` : '/field')}
        />
      ) : (
        <div
          class={`insp-state ${pending ? 'is-pending' : 'is-synced'}`}
          data-testid="inspection-sync-state"
          data-pending={pending ? 'true' : 'false'}
        >
          <strong>
            {submitted
              ? t('field.insp.submittedAt', { time: formatDateTime(insp.submitted_at) })
              : t('field.insp.draftAutosave')}
          </strong>
          <span>{pending ? t('field.insp.pending') : t('field.insp.synced')}</span>
        </div>
      )}
      {!submitted && insp.answers.length === 0 && (
        <TemplateSwitch
          current={template ?? null}
          choices={choices}
          onSwitch={(templateId) =>
            void run(() => updateInspection(engine!, id, { template_id: templateId }))
          }
        />
      )}
      <ReviewNotice
        inspection={insp}
        all={inspections.map((r) => r.data)}
        template={template}
        engine={engine}
        fix={gps.fix}
        onChanged={sync.changed}
      />
      <GpsCard gps={gps} target={project?.location} />
      <ErrorBanner error={error} />
      {items.length > 0 && (
        <ol class="checklist" data-testid="checklist">
          {items.map((item) => {
            const value = answerOf(insp, item.id)?.value ?? null;
            const ids = Array.isArray(value) ? (value as string[]) : [];
            return (
              <ChecklistItemView
                key={item.id}
                item={item}
                value={value}
                disabled={submitted}
                onAnswer={onAnswer}
                onPhotos={onPhotos}
                photos={item.kind === 'photo' ? myPhotos.filter((p) => ids.includes(p.id)) : []}
                fix={gps.fix}
                onBad={onBad}
              />
            );
          })}
        </ol>
      )}
      {(otherPhotos.length > 0 || !items.some((i) => i.kind === 'photo')) && (
        <section class="card">
          <h2>{t('field.insp.photos')}</h2>
          <PhotoStrip photos={otherPhotos} testid="photos-other" />
          {!submitted && (
            <PhotoPicker
              testid="photo-other"
              busy={extraBusy}
              onFiles={async (files) => {
                setExtraBusy(true);
                try {
                  await capture(files, 'inspection', id);
                  sync.changed();
                } catch (err) {
                  setError(errorMessage(err));
                } finally {
                  setExtraBusy(false);
                }
              }}
            />
          )}
        </section>
      )}
      <section class="card">
        <h2>{t('field.insp.problems', { n: myIssues.length })}</h2>
        {myIssues.length > 0 && (
          <ul class="plain-list">
            {myIssues.map((r) => (
              <IssueLine key={r.id} record={r} returned={inspectionReturned(r.data, returned)} />
            ))}
          </ul>
        )}
        {problemOpen ? (
          <ProblemForm
            draftKey={problemKey}
            units={[
              ...new Set(projects.map((r) => r.data.unit?.name).filter((n): n is string => !!n)),
            ]}
            defaultUnit={project?.unit?.name}
            prefill={prefill}
            onCancel={() => {
              setProblemOpen(false);
              setPrefill(undefined);
            }}
            onSave={async (form, files, progress) => {
              if (!engine) throw new Error(t('app.loading'));
              // the form keeps what is not yet queued: a failure half way is
              // retried, not duplicated
              const issueId =
                progress.savedAs ??
                (await serial(() =>
                  createIssue(engine, form, {
                    projectId: insp.project_id,
                    inspectionId: id,
                    location: gps.fix,
                  }),
                ));
              await progress.saved(issueId);
              sync.changed();
              for (const photo of files) {
                // the form's photo id: a 保存 retried after a reload attaches it once
                await capture([photoFile(photo)], 'issue', issueId, photo.id);
                await progress.attached(photo.id);
              }
              sync.changed();
              setProblemOpen(false);
              setPrefill(undefined);
            }}
          />
        ) : submitted ? null : (
          // a submitted inspection is frozen: no new problem joins it
          <button
            type="button"
            class="btn btn-block"
            data-testid="problem-add"
            onClick={() => setProblemOpen(true)}
          >
            + {t('field.insp.addProblem')}
          </button>
        )}
      </section>
      {!submitted && (
        <section class="submit-area">
          {missing.length > 0 && (
            <div class="alert alert-error" role="alert" data-testid="submit-missing">
              {t('field.insp.missingRequired', { items: missing.join('、') })}
            </div>
          )}
          {blocked.length > 0 && (
            <div class="alert alert-error" role="alert" data-testid="submit-blocked">
              {t('tpl.capture.fixFirst')}
              <ul>
                {blocked.map((b) => (
                  <li key={b.label}>{submitProblemText(b)}</li>
                ))}
              </ul>
            </div>
          )}
          <button
            type="button"
            class="btn btn-primary btn-block btn-big"
            disabled={busy || !engine}
            onClick={submit}
            data-testid="inspection-submit"
          >
            {t('field.insp.submit')}
          </button>
          <p class="hint">{t('field.insp.submitHint')}</p>
        </section>
      )}
    </section>
  );
}
