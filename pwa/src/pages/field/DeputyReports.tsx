/**
 * A deputy's screen: file a problem report (随手拍: photo + place by GPS + words) and follow
 * their reports — the steps 受理 → 交办 → 整改 → 答复, the office's reply, then a rating — all read
 * from the pulled records. report.create / report.rate and the photos go through the outbox, so
 * filing and rating work with no signal.
 */
import { useEffect, useState } from 'preact/hooks';
import type { User } from '../../api';
import { t } from '../../i18n';
import { useLocalRecords, useSync } from '../../lib/sync-context';
import { attachPhoto, createReport, serial } from '../../lib/field-actions';
import type { PhotoData, ProjectData } from '../../lib/field-records';
import type { PulledReport } from '../../lib/report-steps';
import { photosOfProblem } from '../../lib/stage-photos';
import type { ReportForm } from '../../lib/inspection-form';
import { newUuid } from '../../sync/db';
import { ErrorBanner, errorMessage } from '../../components/ui';
import { SyncBar } from '../../components/field/SyncBar';
import { GpsCard, useGeoFix } from '../../components/field/GpsCard';
import { PhotoPicker } from '../../components/field/PhotoPicker';
import { ReportCard } from '../../components/field/ReportCard';
import { DraftPhotos } from '../../components/field/DraftPhotos';
import { DraftActions, RestoredNote } from '../../components/field/DraftActions';
import { useFormDraft } from '../../lib/use-form-draft';
import { hasForm, photoFile } from '../../sync/forms';

const REPORT_KEY = 'report:new';
const EMPTY_REPORT: ReportForm = { description: '', title: '', projectId: '' };

function NewReport({ projects, onDone }: { projects: ProjectData[]; onDone: () => void }) {
  const sync = useSync();
  const gps = useGeoFix(true);
  // typed words and chosen photos stay on the phone until 提交 or 放弃 (a reload loses nothing)
  const draft = useFormDraft<ReportForm>(
    REPORT_KEY,
    EMPTY_REPORT,
    (f) => !f.description.trim() && !f.title.trim() && !f.projectId,
  );
  const { fields: form, set } = draft;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function save(e: Event) {
    e.preventDefault();
    const engine = sync.engine;
    if (!engine) return;
    if (!draft.savedAs && !form.description.trim()) {
      setError(t('field.report.needWords'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      let id = draft.savedAs;
      if (!id) {
        const made = newUuid();
        await serial(() => createReport(engine, made, form, gps.fix));
        await draft.markSaved(made);
        id = made;
      }
      for (const photo of await draft.settle()) {
        await serial(() => attachPhoto(engine, photoFile(photo), 'report', id!, gps.fix, photo.id));
        await draft.photoAttached(photo.id);
      }
      await draft.clear();
      sync.changed();
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      sync.changed();
    } finally {
      setBusy(false);
    }
  }
  if (!draft.ready) return <p class="loading card">{t('app.loading')}</p>;
  const locked = !!draft.savedAs;
  return (
    <form class="card" onSubmit={save} data-testid="report-form" noValidate>
      <h2>{t('field.report.new')}</h2>
      <RestoredNote show={draft.restored} testid="report-restored" />
      {locked && (
        <p class="alert alert-info">{t('field.draft.photosLeft', { n: draft.photos.length })}</p>
      )}
      <div class="field">
        <span class="label">{t('field.report.photos')}</span>
        <PhotoPicker testid="report-photo" busy={draft.adding} onFiles={draft.addFiles} />
        <DraftPhotos
          photos={draft.photos}
          testid="report-photo"
          onRemove={busy ? undefined : (id) => void draft.removePhoto(id)}
        />
      </div>
      <GpsCard gps={gps} compact />
      <div class="field">
        <label for="report-words">{t('field.report.words')} *</label>
        <textarea
          id="report-words"
          rows={4}
          value={form.description}
          disabled={locked}
          data-testid="report-words"
          onInput={(e) => set('description', e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="report-title">{t('field.report.title')}</label>
        <input
          id="report-title"
          value={form.title}
          disabled={locked}
          data-testid="report-title"
          onInput={(e) => set('title', e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="report-project">{t('field.report.project')}</label>
        <select
          id="report-project"
          value={form.projectId}
          disabled={locked}
          data-testid="report-project"
          onChange={(e) => set('projectId', e.currentTarget.value)}
        >
          <option value="">{t('field.report.noProject')}</option>
          {projects.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <ErrorBanner error={error ?? draft.error} testid="report-error" />
      <DraftActions
        testid="report"
        busy={busy || draft.adding || !sync.engine}
        saveLabel={t('field.report.submit')}
        saveTestid="report-submit"
        canDiscard={!locked}
        onClose={onDone}
        onDiscard={async () => {
          await draft.clear();
          onDone();
        }}
      />
    </form>
  );
}

export function DeputyReports({ user: _user }: { user: User }) {
  const { records, loading } = useLocalRecords<PulledReport>('report');
  const { records: photos } = useLocalRecords<PhotoData>('photo');
  const { records: projects } = useLocalRecords<ProjectData>('project');
  const [open, setOpen] = useState(false);
  const { db } = useSync();
  // a report typed but not filed (reload, restart): open it again
  useEffect(() => {
    if (db)
      void hasForm(db, REPORT_KEY).then(
        (kept) => kept && setOpen(true),
        () => undefined,
      );
  }, [db]);
  const sorted = [...records].sort((a, b) => (a.data.created_at < b.data.created_at ? 1 : -1));
  return (
    <section class="page field-page" data-testid="deputy-reports">
      <SyncBar />
      <h1>{t('field.report.mine')}</h1>
      {open ? (
        <NewReport
          projects={projects
            .map((r) => r.data)
            .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))}
          onDone={() => setOpen(false)}
        />
      ) : (
        <button
          type="button"
          class="btn btn-primary btn-block btn-big"
          data-testid="report-new"
          onClick={() => setOpen(true)}
        >
          + {t('field.report.new')}
        </button>
      )}
      {loading ? (
        <p class="loading">{t('app.loading')}</p>
      ) : sorted.length ? (
        <ul class="plain-list">
          {sorted.map((r) => (
            <ReportCard
              key={r.id}
              report={r.data}
              pending={r.pending}
              photos={photosOfProblem(
                photos.map((p) => ({ ...p.data, pending: p.pending })),
                r.data.issue_id ?? '',
                r.id,
              )}
            />
          ))}
        </ul>
      ) : (
        <p class="empty">{t('field.report.none')}</p>
      )}
    </section>
  );
}
