/**
 * A project on the phone, from local records: ledger facts, progress, past
 * inspections, open problems, 开始督查.
 */
import { useMemo, useState } from 'preact/hooks';
import type { User } from '../../api';
import { t } from '../../i18n';
import { formatDate, formatMoney, todayISO } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useLocalRecords, useSync } from '../../lib/sync-context';
import {
  INSPECTION_KINDS,
  plannedProgress,
  scheduleStatus,
  suggestedKind,
  type InspectionData,
  type InspectionKind,
  type IssueData,
  type ProjectData,
  type TemplateData,
} from '../../lib/field-records';
import { startInspection } from '../../lib/field-actions';
import { pickTemplate } from '../../lib/template-pick';
import { ErrorBanner, ProgressBar, StatusBadge, errorMessage } from '../../components/ui';
import { SyncBar } from '../../components/field/SyncBar';
import { GpsCard, useGeoFix } from '../../components/field/GpsCard';
import { InspectionLine } from '../../components/field/InspectionLine';
import { IssueLine } from '../../components/field/IssueLine';
import { inspectionReturned, returnedInspectionIds } from '../../lib/returned';

const OPEN_STATES = new Set([
  'found',
  'assigned',
  'rectifying',
  'rectified',
  'returned',
  'verified',
]);
const yuanToWan = (yuan: number | null) => (yuan == null ? null : yuan / 10_000);

function Fact({ label, value, testid }: { label: string; value: string; testid?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testid}>{value || '—'}</dd>
    </>
  );
}

export function FieldProject({
  id,
  user,
  search = '',
}: {
  id: string;
  user: User;
  search?: string;
}) {
  const sync = useSync();
  const { records: projects, loading } = useLocalRecords<ProjectData>('project');
  const { records: templates } = useLocalRecords<TemplateData>('template');
  const { records: inspections } = useLocalRecords<InspectionData>('inspection');
  const { records: issues } = useLocalRecords<IssueData>('issue');
  const project = projects.find((r) => r.id === id)?.data;
  const gps = useGeoFix(true);
  const today = todayISO();
  const status = project ? scheduleStatus(project, today) : null;
  // a task opens the project with its kind (?kind=revisit)
  const asked = new URLSearchParams(search).get('kind');
  const [kind, setKind] = useState<InspectionKind | null>(
    (INSPECTION_KINDS as readonly string[]).includes(asked ?? '')
      ? (asked as InspectionKind)
      : null,
  );
  const chosenKind = kind ?? (status ? suggestedKind(status) : null) ?? 'routine';
  // the checklist for this project and kind (lib/template-pick.ts; switchable on the capture page)
  const template = useMemo(
    () =>
      project
        ? pickTemplate(
            templates.map((r) => r.data),
            {
              projectName: project.name,
              countyId: project.county?.id ?? null,
              seriesId: project.series?.id ?? null,
              kind: chosenKind,
            },
          )
        : null,
    [project, templates, chosenKind],
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mayInspect = ['inspector', 'supervisor', 'admin'].includes(user.role);

  if (!project) {
    return (
      <section class="page field-page">
        <SyncBar />
        <p class={loading ? 'loading' : 'empty'}>
          {loading ? t('app.loading') : t('field.project.missing')}
        </p>
      </section>
    );
  }
  const funds = [
    project.planned_investment_yuan,
    project.allocated_investment_yuan,
    project.spent_investment_yuan,
  ];
  const past = inspections
    .filter((r) => r.data.project_id === project.id)
    .sort((a, b) => (a.data.started_at < b.data.started_at ? 1 : -1));
  const open = issues.filter(
    (r) => r.data.project_id === project.id && OPEN_STATES.has(r.data.state),
  );
  const returned = returnedInspectionIds(inspections.map((r) => r.data));

  async function start() {
    if (!sync.engine || !project) return;
    setBusy(true);
    setError(null);
    try {
      const inspectionId = await startInspection(sync.engine, {
        projectId: project.id,
        kind: chosenKind,
        templateId: template?.id ?? null,
        location: gps.fix,
      });
      sync.changed();
      navigate(`/field/inspections/${inspectionId}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <section class="page field-page" data-testid="field-project">
      <SyncBar />
      <h1 data-testid="field-project-name">{project.name}</h1>
      <div class="task-row">
        {status && <StatusBadge code={status} />}
        <span class="muted">{project.code}</span>
      </div>
      <ProgressBar
        value={project.progress_pct}
        planned={plannedProgress(project.start_date, project.planned_completion_date, today)}
        status={status}
      />
      <dl class="facts card">
        <Fact
          label={t('field.project.place')}
          value={[project.county?.name, project.township?.name, project.village?.name]
            .filter(Boolean)
            .join(' ')}
        />
        <Fact label={t('field.project.unit')} value={project.unit?.name ?? ''} />
        <Fact label={t('field.project.lead')} value={project.lead_official ?? ''} />
        <Fact
          label={t('field.project.contact')}
          value={[project.contact_name, project.contact_phone].filter(Boolean).join(' ')}
        />
        <Fact
          label={t('field.project.period')}
          value={[project.start_date, project.planned_completion_date].map(formatDate).join(' ~ ')}
        />
        {project.actual_completion_date && (
          <Fact
            label={t('field.project.completed')}
            value={formatDate(project.actual_completion_date)}
          />
        )}
        <Fact
          label={t('field.project.funds')}
          value={
            funds.map((yuan) => formatMoney(yuanToWan(yuan))).join(' / ') +
            ' ' +
            t('field.project.wan')
          }
        />
        {project.lag_reason && <Fact label={t('field.project.lag')} value={project.lag_reason} />}
        {project.postponed_reason && (
          <Fact label={t('field.project.postponed')} value={project.postponed_reason} />
        )}
      </dl>

      {mayInspect && (
        <section class="card start-card" data-testid="start-card">
          <h2>{t('field.project.start')}</h2>
          <div class="choices kinds" role="radiogroup" aria-label={t('field.project.kind')}>
            {INSPECTION_KINDS.map((k) => (
              <button
                key={k}
                type="button"
                role="radio"
                aria-checked={chosenKind === k}
                class={`choice${chosenKind === k ? ' is-on' : ''}`}
                data-testid={`kind-${k}`}
                onClick={() => setKind(k)}
              >
                {t(`field.kind.${k}`)}
              </button>
            ))}
          </div>
          <p class="muted" data-testid="start-template">
            {template
              ? t('field.project.template', { name: template.name })
              : t('field.project.noTemplate')}
          </p>
          <GpsCard gps={gps} target={project.location} compact />
          <ErrorBanner error={error} />
          <button
            type="button"
            class="btn btn-primary btn-block btn-big"
            disabled={busy || !sync.engine}
            onClick={start}
            data-testid="start-inspection"
          >
            {t('field.project.startBtn')}
          </button>
        </section>
      )}

      <section class="card">
        <h2>{t('field.project.issues', { n: open.length })}</h2>
        {open.length ? (
          <ul class="plain-list">
            {open.map((r) => (
              <IssueLine
                key={r.id}
                record={r}
                href={`/field/issues/${r.id}`}
                returned={inspectionReturned(r.data, returned)}
              />
            ))}
          </ul>
        ) : (
          <p class="muted">{t('field.project.noIssues')}</p>
        )}
      </section>
      <section class="card">
        <h2>{t('field.project.past', { n: past.length })}</h2>
        {past.length ? (
          <ul class="plain-list">
            {past.map((r) => (
              <InspectionLine key={r.id} record={r} />
            ))}
          </ul>
        ) : (
          <p class="muted">{t('field.project.noPast')}</p>
        )}
      </section>
    </section>
  );
}
