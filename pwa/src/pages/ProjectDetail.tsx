/** 项目详情: every ledger fact, the progress-report history, and the form to add a report. */
import { useState } from 'preact/hooks';
import {
  addProgressReport,
  ApiError,
  getProject,
  type NewProgressReport,
  type ProjectDetail as Project,
  type User,
} from '../api';
import { t } from '../i18n';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatPct,
  isIsoDate,
  text,
  todayISO,
} from '../lib/format';
import { useLoad } from '../lib/hooks';
import { canManageLedger, canReview } from '../lib/roles';
import { Link } from '../lib/router';
import {
  describedBy,
  ErrorBanner,
  errorMessage,
  Field,
  Loading,
  ProgressBar,
  StatusBadge,
  TableHead,
} from '../components/ui';
import { fieldMessages, FormActions, InputField } from '../components/form';
import { projectListUrl } from './ProjectList';

export function ProjectDetail({ id, search, user }: { id: string; search: string; user: User }) {
  const asOfParam = new URLSearchParams(search).get('as_of');
  const asOf = isIsoDate(asOfParam) ? asOfParam : undefined;
  const project = useLoad<Project>((signal) => getProject(id, asOf, signal), [id, asOf]);
  const p = project.data;

  return (
    <section class="page">
      <p>
        <Link href={projectListUrl()} class="back-link">
          ← {t('detail.back')}
        </Link>
      </p>
      {!p && project.loading && <Loading />}
      <ErrorBanner error={project.error} onRetry={project.reload} />
      {p && (
        <>
          <header class="detail-head">
            <p class="mono muted">
              {p.code}
              {canReview(user) && (
                <>
                  {' · '}
                  <Link href={`/projects/${p.id}/log`} data-testid="log-link">
                    {t('detail.log')}
                  </Link>
                </>
              )}
            </p>
            <h1 data-testid="project-detail-name">{p.name}</h1>
            <div class="detail-status">
              <StatusBadge code={p.schedule_status} label={p.schedule_status_label} />
              <ProgressBar
                value={p.progress_pct}
                planned={p.planned_progress_pct}
                status={p.schedule_status}
              />
              <span class="muted">
                {t('projects.plannedShort', { pct: formatPct(p.planned_progress_pct) })}
              </span>
            </div>
          </header>
          <Facts p={p} />
          <Reports p={p} />
          {canManageLedger(user) && <ProgressForm projectId={p.id} onSaved={project.reload} />}
        </>
      )}
    </section>
  );
}

function Facts({ p }: { p: Project }) {
  const rows: [string, string, string?][] = [
    [t('projects.level'), p.level_label || p.level, 'level'],
    [t('projects.series'), text(p.series?.name), 'series'],
    [t('projects.county'), text(p.county?.name), 'county'],
    [t('projects.township'), text(p.township?.name), 'township'],
    [t('projects.village'), text(p.village?.name), 'village'],
    [t('projects.unit'), text(p.unit?.name), 'unit'],
    [t('detail.leadOfficial'), text(p.lead_official), 'lead_official'],
    [t('detail.contact'), text(p.contact_name), 'contact_name'],
    [t('detail.contactPhone'), text(p.contact_phone), 'contact_phone'],
    [t('detail.plannedInvestment'), formatMoney(p.planned_investment, true), 'planned_investment'],
    [
      t('detail.allocatedInvestment'),
      formatMoney(p.allocated_investment, true),
      'allocated_investment',
    ],
    [t('detail.spentInvestment'), formatMoney(p.spent_investment, true), 'spent_investment'],
    [t('detail.startDate'), formatDate(p.start_date), 'start_date'],
    [
      t('detail.plannedCompletion'),
      formatDate(p.planned_completion_date),
      'planned_completion_date',
    ],
    [t('detail.actualCompletion'), formatDate(p.actual_completion_date), 'actual_completion_date'],
    [t('projects.progress'), formatPct(p.progress_pct), 'progress_pct'],
    [t('projects.planned'), formatPct(p.planned_progress_pct), 'planned_progress_pct'],
    [
      t('detail.location'),
      p.location ? t('detail.locationValue', { lon: p.location.lon, lat: p.location.lat }) : '—',
      'location',
    ],
  ];
  return (
    <section class="card">
      <h2>{t('detail.facts')}</h2>
      <dl class="facts">
        {rows.map(([label, value, key]) => (
          <div key={key} class="fact" data-testid={`project-fact-${key}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div class="fact" data-testid="project-fact-status">
          <dt>{t('projects.status')}</dt>
          <dd>
            <StatusBadge code={p.schedule_status} label={p.schedule_status_label} />
          </dd>
        </div>
      </dl>
      {p.postponed_reason && (
        <p class="reason reason-postponed" data-testid="project-postponed-reason">
          <b>{t('detail.postponedReason')}：</b>
          {p.postponed_reason}
        </p>
      )}
      {p.lag_reason && (
        <p class="reason reason-behind" data-testid="project-lag-reason">
          <b>{t('detail.lagReason')}：</b>
          {p.lag_reason}
        </p>
      )}
    </section>
  );
}

function Reports({ p }: { p: Project }) {
  const reports = p.progress_reports ?? [];
  return (
    <section class="card">
      <h2>{t('detail.reports')}</h2>
      {reports.length === 0 ? (
        <p class="empty">{t('detail.noReports')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table table-wide" data-testid="progress-reports">
            <TableHead
              columns={[
                t('detail.reportDate'),
                { label: t('detail.reportProgress'), class: 'num' },
                { label: t('detail.reportAllocated'), class: 'num' },
                { label: t('detail.reportSpent'), class: 'num' },
                { label: t('detail.reportNote'), class: 'col-note' },
                t('detail.reportAuthor'),
                t('detail.reportSource'),
              ]}
            />
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-testid="progress-report-row">
                  <td class="nowrap">{formatDate(r.report_date)}</td>
                  <td class="num">{formatPct(r.progress_pct)}</td>
                  <td class="num">{formatMoney(r.allocated_investment)}</td>
                  <td class="num">{formatMoney(r.spent_investment)}</td>
                  <td>{text(r.note)}</td>
                  <td title={formatDateTime(r.created_at)}>{text(r.author?.display_name)}</td>
                  <td>{t(`detail.source.${r.source}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type FormFields = {
  report_date: string;
  progress_pct: string;
  allocated_investment: string;
  spent_investment: string;
  note: string;
};

/** Parse a number typed by a person ("1,234.5", "１２"); "" → null; not a number → NaN. */
export function parseNumber(raw: string): number | null {
  const s = raw
    .trim()
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '');
  if (s === '') return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : NaN;
}

function ProgressForm({ projectId, onSaved }: { projectId: number; onSaved: () => void }) {
  const empty = (): FormFields => ({
    report_date: todayISO(),
    progress_pct: '',
    allocated_investment: '',
    spent_investment: '',
    note: '',
  });
  const [form, setForm] = useState<FormFields>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const update = (key: keyof FormFields, value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };

  async function submit(e: Event) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!form.report_date) local.report_date = t('detail.required');
    const progress = parseNumber(form.progress_pct);
    if (progress === null) local.progress_pct = t('detail.required');
    const allocated = parseNumber(form.allocated_investment);
    const spent = parseNumber(form.spent_investment);
    setErrors(local);
    setError(null);
    if (Object.keys(local).length) return;
    // NaN (not a number) is sent as the raw text so the server's validation message is shown
    const num = (n: number | null, raw: string) =>
      n !== null && Number.isNaN(n) ? (raw as unknown as number) : n;
    const body: NewProgressReport = {
      report_date: form.report_date,
      progress_pct: num(progress, form.progress_pct) as number,
    };
    if (allocated !== null) body.allocated_investment = num(allocated, form.allocated_investment);
    if (spent !== null) body.spent_investment = num(spent, form.spent_investment);
    if (form.note.trim()) body.note = form.note.trim();
    setBusy(true);
    try {
      await addProgressReport(projectId, body);
      setForm(empty());
      setSaved(true);
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) {
        const fieldErrs = fieldMessages(err);
        setErrors(fieldErrs);
        const known = [
          'report_date',
          'progress_pct',
          'allocated_investment',
          'spent_investment',
          'note',
        ];
        const other = Object.entries(fieldErrs).filter(([k]) => !known.includes(k));
        setError(other.length ? other.map(([k, m]) => `${k}: ${m}`).join('；') : err.message);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  const field = (
    key: keyof FormFields,
    testid: string,
    label: string,
    props: Record<string, unknown> = {},
  ) => (
    <InputField
      id={`pf-${key}`}
      name={key}
      label={label}
      testid={testid}
      error={errors[key]}
      value={form[key]}
      onValue={(value) => update(key, value)}
      {...props}
    />
  );

  return (
    <section class="card">
      <h2>{t('detail.addReport')}</h2>
      <form class="form-grid" onSubmit={submit} noValidate data-testid="progress-form">
        {field('report_date', 'progress-form-date', t('detail.reportDate'), {
          type: 'date',
          required: true,
        })}
        {field('progress_pct', 'progress-form-progress', t('detail.reportProgress'), {
          inputMode: 'decimal',
          required: true,
          autocomplete: 'off',
        })}
        {field('allocated_investment', 'progress-form-allocated', t('detail.reportAllocated'), {
          inputMode: 'decimal',
          autocomplete: 'off',
        })}
        {field('spent_investment', 'progress-form-spent', t('detail.reportSpent'), {
          inputMode: 'decimal',
          autocomplete: 'off',
        })}
        <Field
          id="pf-note"
          label={t('detail.reportNote')}
          error={errors.note}
          testid="progress-form-note"
          class="span-all"
        >
          <textarea
            id="pf-note"
            name="note"
            rows={3}
            data-testid="progress-form-note"
            value={form.note}
            onInput={(e) => update('note', e.currentTarget.value)}
            {...(describedBy('pf-note', errors.note) as Record<string, unknown>)}
          />
        </Field>
        <FormActions
          testid="progress-form"
          error={error}
          success={saved && t('detail.reportSaved')}
          busy={busy}
          submitLabel={busy ? t('detail.submitting') : t('detail.submitReport')}
        />
      </form>
    </section>
  );
}
