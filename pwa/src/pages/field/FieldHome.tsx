/**
 * The inspector's field home, from local records only: my inspections under way, then the
 * projects to inspect (see lib/field-tasks.ts: no assigned tasks exist yet, so the projects of
 * the inspector's scope are grouped by the inspection their schedule status calls for), with
 * search, township and schedule-status filters, and "nearest first" from the GPS fix.
 */
import { useMemo, useState } from 'preact/hooks';
import type { User } from '../../api';
import { t } from '../../i18n';
import { todayISO } from '../../lib/format';
import { formatDistance } from '../../lib/geo';
import { Link } from '../../lib/router';
import { STATUS_ORDER } from '../../lib/status';
import { useLocalRecords, useSync } from '../../lib/sync-context';
import {
  filterTasks,
  groupTasks,
  openTasksOf,
  sortNearest,
  toTasks,
  townshipsOf,
  type ProjectTask,
  type TaskFilters,
} from '../../lib/field-tasks';
import type { InspectionData, IssueData, ProjectData, TaskData } from '../../lib/field-records';
import { formatDate } from '../../lib/format';
import { StatusBadge, ProgressBar } from '../../components/ui';
import { SyncBar } from '../../components/field/SyncBar';
import { GpsCard, useGeoFix } from '../../components/field/GpsCard';
import { InspectionLine } from '../../components/field/InspectionLine';
import { IssueLine } from '../../components/field/IssueLine';
import { inspectionReturned, returnedInspectionIds } from '../../lib/returned';

function TaskCard({ task }: { task: ProjectTask }) {
  const p = task.project;
  const units = { m: t('field.len.m'), km: t('field.len.km') };
  return (
    <li>
      <Link
        href={`/field/projects/${p.id}`}
        class="task-card"
        data-testid="task-card"
        data-code={p.code}
      >
        <span class="task-name">{p.name}</span>
        <span class="task-meta">
          {p.code} · {[p.township?.name, p.village?.name].filter(Boolean).join(' ')}
        </span>
        <span class="task-row">
          <StatusBadge code={task.status} />
          {task.kind && <span class="kind-chip">{t(`field.kind.${task.kind}`)}</span>}
          {task.distanceM !== null && (
            <span class="distance">{formatDistance(task.distanceM, units)}</span>
          )}
        </span>
        <ProgressBar value={p.progress_pct} status={task.status} />
      </Link>
    </li>
  );
}

export function FieldHome({ user }: { user: User }) {
  const sync = useSync();
  const { records: projects, loading } = useLocalRecords<ProjectData>('project');
  const { records: inspections } = useLocalRecords<InspectionData>('inspection');
  const { records: taskRecords } = useLocalRecords<TaskData>('task');
  const { records: issueRecords } = useLocalRecords<IssueData>('issue');
  const toVerify = issueRecords.filter((r) => r.data.state === 'rectified');
  const returned = returnedInspectionIds(inspections.map((r) => r.data));
  const assigned = openTasksOf(
    taskRecords.map((r) => r.data),
    user.id,
  );
  const [filters, setFilters] = useState<TaskFilters>({ q: '', township: '', status: '' });
  const [nearest, setNearest] = useState(false);
  const gps = useGeoFix(false);
  const today = todayISO();

  const tasks = useMemo(
    () =>
      toTasks(
        projects.map((r) => r.data),
        today,
      ),
    [projects, today],
  );
  const townships = useMemo(() => townshipsOf(tasks), [tasks]);
  const shown = useMemo(() => {
    const filtered = filterTasks(tasks, filters);
    return nearest && gps.fix ? sortNearest(filtered, gps.fix) : filtered;
  }, [tasks, filters, nearest, gps.fix]);
  const mine = inspections
    .filter((r) => r.pending || r.data.inspector?.id === user.id)
    .sort((a, b) => (a.data.started_at < b.data.started_at ? 1 : -1))
    .slice(0, 8);
  const names = new Map(projects.map((r) => [r.data.id, r.data.name]));
  const set = <K extends keyof TaskFilters>(key: K, value: TaskFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));

  return (
    <section class="page field-page" data-testid="field-home">
      <SyncBar />
      <h1>{t('field.home.title')}</h1>
      {assigned.length > 0 && (
        <section class="card" data-testid="assigned-tasks">
          <h2>
            {t('field.home.tasks')} <span class="count">{assigned.length}</span>
          </h2>
          <ul class="plain-list">
            {assigned.map((task) => (
              <li key={task.id}>
                <Link
                  href={`/field/projects/${task.project_id}?kind=${encodeURIComponent(String(task.kind))}`}
                  class="line-link"
                  data-testid="assigned-task"
                >
                  <span>
                    <strong>{t(`field.kind.${task.kind}`)}</strong> {task.project.name}
                  </span>
                  <span class="line-meta">
                    {task.plan.name}
                    {task.due_date
                      ? ` · ${t('field.home.due', { date: formatDate(task.due_date) })}`
                      : ''}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {toVerify.length > 0 && (
        <section class="card" data-testid="to-verify">
          <h2>
            {t('field.home.toVerify')} <span class="count">{toVerify.length}</span>
          </h2>
          <ul class="plain-list">
            {toVerify.map((r) => (
              <IssueLine
                key={r.id}
                record={r}
                href={`/field/issues/${r.id}`}
                returned={inspectionReturned(r.data, returned)}
              />
            ))}
          </ul>
        </section>
      )}
      {mine.length > 0 && (
        <section class="card">
          <h2>{t('field.home.mine')}</h2>
          <ul class="plain-list">
            {mine.map((r) => (
              <InspectionLine key={r.id} record={r} projectName={names.get(r.data.project_id)} />
            ))}
          </ul>
        </section>
      )}
      <div class="field-search">
        <input
          type="search"
          placeholder={t('field.home.search')}
          aria-label={t('field.home.search')}
          value={filters.q}
          data-testid="field-search"
          onInput={(e) => set('q', e.currentTarget.value)}
        />
        <div class="filter-row">
          <select
            aria-label={t('field.home.township')}
            value={filters.township}
            data-testid="field-township"
            onChange={(e) => set('township', e.currentTarget.value)}
          >
            <option value="">{t('field.home.allTownships')}</option>
            {townships.map((tw) => (
              <option key={tw.id} value={String(tw.id)}>
                {tw.name}
              </option>
            ))}
          </select>
          <select
            aria-label={t('field.home.status')}
            value={filters.status}
            data-testid="field-status"
            onChange={(e) => set('status', e.currentTarget.value as TaskFilters['status'])}
          >
            <option value="">{t('field.home.allStatuses')}</option>
            {STATUS_ORDER.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          class={`btn btn-block${nearest ? ' btn-primary' : ''}`}
          aria-pressed={nearest}
          data-testid="field-nearest"
          onClick={() => {
            if (!nearest && !gps.fix) gps.retry();
            setNearest(!nearest);
          }}
        >
          {t('field.home.nearest')}
        </button>
        {nearest && <GpsCard gps={gps} compact />}
      </div>
      <p class="hint" data-testid="field-tasks-note">
        {assigned.length ? t('field.home.othersNote') : t('field.home.noTasksNote')}
      </p>
      {loading || (!projects.length && sync.view.state === 'syncing') ? (
        <p class="loading">{t('app.loading')}</p>
      ) : !projects.length ? (
        <p class="empty" data-testid="field-empty">
          {sync.view.lastSyncAt ? t('field.home.emptyScope') : t('field.home.notYetSynced')}
        </p>
      ) : nearest && gps.fix ? (
        <ul class="task-list">
          {shown.map((task) => (
            <TaskCard key={task.project.id} task={task} />
          ))}
        </ul>
      ) : (
        groupTasks(shown).map((group) => (
          <section key={group.kind} class="task-group" data-testid={`task-group-${group.kind}`}>
            <h2>
              {t(`field.group.${group.kind}`)} <span class="count">{group.tasks.length}</span>
            </h2>
            <ul class="task-list">
              {group.tasks.map((task) => (
                <TaskCard key={task.project.id} task={task} />
              ))}
            </ul>
          </section>
        ))
      )}
      {!shown.length && projects.length > 0 && <p class="empty">{t('field.home.noMatch')}</p>}
    </section>
  );
}
