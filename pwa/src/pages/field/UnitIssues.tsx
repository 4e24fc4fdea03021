/**
 * A responsible unit's problems, from local records (pull sends a unit only its own): the list
 * by what needs doing, and one problem with its rectification answer — note and photos, queued
 * as issue.transition (assigned → rectifying → rectified) plus photo.attach, offline like the rest.
 */
import { useState } from 'preact/hooks';
import type { User } from '../../api';
import { getLang, t } from '../../i18n';
import { formatDate } from '../../lib/format';
import { fieldTime } from '../../lib/times';
import { Link } from '../../lib/router';
import { useLocalRecords, useSync } from '../../lib/sync-context';
import { attachPhoto, reportRectification, returnIssue, serial } from '../../lib/field-actions';
import type { IssueData, PhotoData, ProjectData } from '../../lib/field-records';
import { ErrorBanner, errorMessage } from '../../components/ui';
import { SyncBar } from '../../components/field/SyncBar';
import { InspectionReturnedBadge, IssueLine } from '../../components/field/IssueLine';
import { inspectionReturned, useReturnedInspections } from '../../lib/returned';
import { PhotoPicker, PhotoStrip } from '../../components/field/PhotoPicker';
import { GpsCard, useGeoFix } from '../../components/field/GpsCard';
import { VerifyCard } from '../../components/field/VerifyCard';
import { ExtensionRequest } from '../../components/field/ExtensionRequest';
import { AskedCard } from '../../components/field/AskedCard';
import { LocalImage } from '../../components/field/PhotoPicker';
import { SourceReportNote, StagePhotos } from '../../components/StagePhotos';
import {
  canReportRectification,
  fromPulled,
  newEvidence,
  photosOfProblem,
  stageForNewPhoto,
  VERIFIER_ROLES,
  warningFlags,
} from '../../lib/stage-photos';

const TODO = new Set(['assigned', 'rectifying']);
const WAITING = new Set(['rectified', 'verified', 'found', 'returned']);

export function UnitIssues({ user }: { user: User }) {
  const { records, loading } = useLocalRecords<IssueData>('issue');
  const returned = useReturnedInspections();
  const mine = records.filter((r) => !user.unit || !r.data.unit || r.data.unit.id === user.unit.id);
  const byDeadline = (a: { data: IssueData }, b: { data: IssueData }) =>
    (a.data.deadline ?? '9999') < (b.data.deadline ?? '9999') ? -1 : 1;
  const groups: [string, typeof mine][] = [
    ['todo', mine.filter((r) => TODO.has(r.data.state)).sort(byDeadline)],
    ['waiting', mine.filter((r) => WAITING.has(r.data.state))],
    ['done', mine.filter((r) => !TODO.has(r.data.state) && !WAITING.has(r.data.state))],
  ];
  return (
    <section class="page field-page" data-testid="unit-issues">
      <SyncBar />
      <h1>{t('field.unit.title')}</h1>
      {loading ? (
        <p class="loading">{t('app.loading')}</p>
      ) : (
        !mine.length && <p class="empty">{t('field.unit.empty')}</p>
      )}
      {groups.map(([key, list]) =>
        list.length ? (
          <section key={key} class="card" data-testid={`unit-group-${key}`}>
            <h2>
              {t(`field.unit.group.${key}`)} <span class="count">{list.length}</span>
            </h2>
            <ul class="plain-list">
              {list.map((r) => (
                <IssueLine
                  key={r.id}
                  record={r}
                  href={`/field/issues/${r.id}`}
                  returned={inspectionReturned(r.data, returned)}
                />
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </section>
  );
}

export function UnitIssue({ id, user }: { id: string; user: User }) {
  const sync = useSync();
  const { records, loading } = useLocalRecords<IssueData>('issue');
  const { records: photos } = useLocalRecords<PhotoData>('photo');
  const { records: projects } = useLocalRecords<ProjectData>('project');
  const returned = useReturnedInspections();
  const record = records.find((r) => r.id === id);
  const issue = record?.data;
  const gps = useGeoFix(true);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  if (!issue) {
    return (
      <section class="page field-page">
        <SyncBar />
        <p class={loading ? 'loading' : 'empty'}>
          {loading ? t('app.loading') : t('field.issue.missing')}
        </p>
      </section>
    );
  }
  const engine = sync.engine;
  // every photo of the problem with its stage; a photo taken here and not synced yet has the
  // stage the server will give it
  const pulled = photosOfProblem(
    photos.map((r) => ({ ...r.data, pending: r.pending })),
    id,
    issue.source_report?.id ?? issue.report_id,
  );
  const staged = pulled.map((p) =>
    fromPulled(p, getLang(), issue.events, stageForNewPhoto(user.role, issue.state)),
  );
  const canAnswer = TODO.has(issue.state) && user.role === 'unit';
  const canVerify = issue.state === 'rectified' && VERIFIER_ROLES.has(user.role);
  // the photos the open form would cite: the unit's new ones (never the inspector's found
  // photo), or the checker's
  const evidence = canAnswer
    ? newEvidence(staged, 'rectify', issue.events)
    : canVerify
      ? newEvidence(staged, 'verify', issue.events)
      : [];
  const citing = new Set(evidence.map((p) => p.id));
  const fresh = pulled.filter((p) => citing.has(p.id));
  const project = projects.find((r) => r.data.id === issue.project_id)?.data;

  const act = async (fn: () => Promise<unknown>) => {
    if (!engine) return;
    setBusy(true);
    setError(null);
    try {
      await serial(fn);
      sync.changed();
      setDone(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page field-page" data-testid="unit-issue" data-state={issue.state}>
      <SyncBar />
      <p class="crumb">
        {user.role === 'unit' ? (
          <Link href="/field/issues">{t('field.unit.title')}</Link>
        ) : (
          project && <Link href={`/field/projects/${project.id}`}>{project.name}</Link>
        )}
      </p>
      <h1>{issue.title}</h1>
      <InspectionReturnedBadge show={inspectionReturned(issue, returned)} />
      <SourceReportNote source={issue.source_report} />
      <p class="line-meta">
        {t(`field.state.${issue.state}`)} · {t(`field.severity.${issue.severity}`)}
        {issue.deadline
          ? ` · ${t('field.issue.deadline', { date: formatDate(issue.deadline) })}`
          : ''}
        {record.pending ? ` · ${t('field.insp.pending')}` : ''}
      </p>
      {project && <p>{project.name}</p>}
      <p class="pre">{issue.description}</p>
      <AskedCard slip={issue.slip} />
      <StagePhotos
        photos={staged.filter((p) => !citing.has(p.id))}
        image={(p) => <LocalImage photo={p} />}
        testid="issue-photos"
      />
      {(issue.events ?? []).length > 0 && (
        <ol class="events">
          {(issue.events ?? []).map((e, i) => (
            <li key={i} data-testid="unit-issue-event">
              {fieldTime(e.at, e.received_at, e.clock_skew)} ·{' '}
              {e.to_state && (e.kind === 'transition' || e.kind === 'created')
                ? t(`field.state.${e.to_state}`)
                : t(`field.event.${e.kind}`)}
              {e.actor ? ` · ${e.actor.display_name}` : ''}
              {e.reason ? ` · ${e.reason}` : ''}
            </li>
          ))}
        </ol>
      )}
      <ErrorBanner error={error} />
      {done && record.pending && <p class="alert alert-ok">{t('field.unit.queued')}</p>}
      {canVerify && engine && (
        <VerifyCard
          engine={engine}
          issue={issue}
          fresh={fresh}
          warnings={warningFlags(staged.filter((p) => p.stage === 'rectify'))}
          fix={gps.fix}
          busy={busy}
          act={act}
        />
      )}
      {canAnswer && engine && (
        <section class="card" data-testid="rectify-form">
          <h2>{t('field.unit.answer')}</h2>
          <div class="field">
            <label for="rectify-note">{t('field.unit.note')}</label>
            <textarea
              id="rectify-note"
              rows={4}
              value={note}
              data-testid="rectify-note"
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </div>
          <PhotoStrip photos={fresh} testid="rectify-photos" />
          <PhotoPicker
            testid="rectify-photo"
            busy={busy}
            onFiles={(files) =>
              act(async () => {
                for (const file of files) await attachPhoto(engine, file, 'issue', id, gps.fix);
              }).then(() => setDone(false))
            }
          />
          <GpsCard gps={gps} target={project?.location} compact />
          <p class="hint">{t('field.unit.photoHint')}</p>
          {!evidence.length && (
            <p class="warn-text" data-testid="rectify-need-photo">
              {t('photos.rectify.need')}
            </p>
          )}
          <button
            type="button"
            class="btn btn-primary btn-block btn-big"
            disabled={busy || !canReportRectification(evidence, note)}
            data-testid="rectify-submit"
            onClick={() =>
              act(() =>
                reportRectification(
                  engine,
                  issue,
                  note,
                  fresh.map((p) => p.id),
                ),
              )
            }
          >
            {t('field.unit.submit')}
          </button>
          <ExtensionRequest engine={engine} issue={issue} busy={busy} act={act} />
          {issue.state === 'assigned' && (
            <details class="return-box">
              <summary>{t('field.unit.return')}</summary>
              <div class="field">
                <label for="return-reason">{t('field.unit.returnReason')}</label>
                <textarea
                  id="return-reason"
                  rows={3}
                  value={reason}
                  onInput={(e) => setReason(e.currentTarget.value)}
                />
              </div>
              <button
                type="button"
                class="btn"
                disabled={busy || !reason.trim()}
                onClick={() => act(() => returnIssue(engine, issue, reason.trim()))}
              >
                {t('field.unit.returnSubmit')}
              </button>
            </details>
          )}
        </section>
      )}
    </section>
  );
}
