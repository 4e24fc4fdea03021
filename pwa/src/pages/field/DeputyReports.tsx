/**
 * A deputy's screen: file a problem report (随手拍: photo + place by GPS + words) and follow
 * their reports — the office's reply, then a rating. report.create / report.rate and the photos
 * go through the outbox, so filing works with no signal.
 */
import { useState } from 'preact/hooks';
import type { User } from '../../api';
import { t } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useLocalRecords, useSync } from '../../lib/sync-context';
import { attachPhoto, createReport, rateReport, serial } from '../../lib/field-actions';
import type { PhotoData, ProjectData, ReportData } from '../../lib/field-records';
import type { ReportForm } from '../../lib/inspection-form';
import { newUuid } from '../../sync/db';
import { ErrorBanner, errorMessage } from '../../components/ui';
import { SyncBar } from '../../components/field/SyncBar';
import { GpsCard, useGeoFix } from '../../components/field/GpsCard';
import { PhotoStrip } from '../../components/field/PhotoPicker';

const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

function NewReport({ projects, onDone }: { projects: ProjectData[]; onDone: () => void }) {
  const sync = useSync();
  const gps = useGeoFix(true);
  const [form, setForm] = useState<ReportForm>({ description: '', title: '', projectId: '' });
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ReportForm>(k: K, v: ReportForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  async function save(e: Event) {
    e.preventDefault();
    const engine = sync.engine;
    if (!engine) return;
    if (!form.description.trim()) {
      setError(t('field.report.needWords'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const id = newUuid();
      await serial(() => createReport(engine, id, form, gps.fix));
      for (const file of files) await serial(() => attachPhoto(engine, file, 'report', id, gps.fix));
      sync.changed();
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  const pick = (input: HTMLInputElement) => {
    const list = Array.from(input.files ?? []);
    input.value = '';
    setFiles((f) => [...f, ...list]);
  };
  return (
    <form class="card" onSubmit={save} data-testid="report-form" noValidate>
      <h2>{t('field.report.new')}</h2>
      <div class="field">
        <span class="label">{t('field.report.photos')}</span>
        <div class="photo-picker">
          <label class="btn btn-primary">
            {t('field.photo.camera')}
            <input type="file" accept="image/*" capture="environment" class="visually-hidden-input" data-testid="report-photo-camera" onChange={(e) => pick(e.currentTarget)} />
          </label>
          <label class="btn">
            {t('field.photo.gallery')}
            <input type="file" accept="image/*" multiple class="visually-hidden-input" data-testid="report-photo-gallery" onChange={(e) => pick(e.currentTarget)} />
          </label>
          {files.length > 0 && <span data-testid="report-photo-count">{t('field.problem.photoCount', { n: files.length })}</span>}
        </div>
      </div>
      <GpsCard gps={gps} compact />
      <div class="field">
        <label for="report-words">{t('field.report.words')} *</label>
        <textarea id="report-words" rows={4} value={form.description} data-testid="report-words" onInput={(e) => set('description', e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="report-title">{t('field.report.title')}</label>
        <input id="report-title" value={form.title} data-testid="report-title" onInput={(e) => set('title', e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="report-project">{t('field.report.project')}</label>
        <select id="report-project" value={form.projectId} data-testid="report-project" onChange={(e) => set('projectId', e.currentTarget.value)}>
          <option value="">{t('field.report.noProject')}</option>
          {projects.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <ErrorBanner error={error} />
      <button type="submit" class="btn btn-primary btn-block btn-big" disabled={busy || !sync.engine} data-testid="report-submit">
        {t('field.report.submit')}
      </button>
    </form>
  );
}

function ReportCard({ report, pending, photos }: { report: ReportData; pending: boolean; photos: (PhotoData & { pending?: boolean })[] }) {
  const sync = useSync();
  const [comment, setComment] = useState('');
  return (
    <li class="card" data-testid="report-card" data-status={report.status} data-pending={pending ? 'true' : 'false'}>
      <strong>{report.title}</strong>
      <p class="line-meta">
        {formatDateTime(report.created_at)} · {t(`field.report.status.${report.status}`)} · {pending ? t('field.insp.pending') : t('field.insp.synced')}
      </p>
      <p class="pre">{report.description}</p>
      {photos.length > 0 && <PhotoStrip photos={photos} testid="report-photos" />}
      {report.reply && (
        <p class="reply">
          <strong>{t('field.report.reply')}</strong> {report.reply}
        </p>
      )}
      {report.rating && <p>{t('field.report.rated', { rating: t(`field.rating.${report.rating}`) })}</p>}
      {report.status === 'replied' && !report.rating && sync.engine && (
        <div class="rate-box">
          <input placeholder={t('field.report.comment')} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          <div class="choices">
            {RATINGS.map((r) => (
              <button key={r} type="button" class="choice" onClick={() => void serial(() => rateReport(sync.engine!, report, r, comment)).then(sync.changed)}>
                {t(`field.rating.${r}`)}
              </button>
            ))}
          </div>
        </div>
      )}
    </li>
  );
}

export function DeputyReports({ user: _user }: { user: User }) {
  const { records, loading } = useLocalRecords<ReportData>('report');
  const { records: photos } = useLocalRecords<PhotoData>('photo');
  const { records: projects } = useLocalRecords<ProjectData>('project');
  const [open, setOpen] = useState(false);
  const sorted = [...records].sort((a, b) => (a.data.created_at < b.data.created_at ? 1 : -1));
  return (
    <section class="page field-page" data-testid="deputy-reports">
      <SyncBar />
      <h1>{t('field.report.mine')}</h1>
      {open ? (
        <NewReport projects={projects.map((r) => r.data).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))} onDone={() => setOpen(false)} />
      ) : (
        <button type="button" class="btn btn-primary btn-block btn-big" data-testid="report-new" onClick={() => setOpen(true)}>
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
              photos={photos.filter((p) => p.data.owner_type === 'report' && p.data.owner_id === r.id).map((p) => ({ ...p.data, pending: p.pending }))}
            />
          ))}
        </ul>
      ) : (
        <p class="empty">{t('field.report.none')}</p>
      )}
    </section>
  );
}
