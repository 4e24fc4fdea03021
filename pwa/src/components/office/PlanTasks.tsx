/**
 * A plan's tasks: project, township, assignee and 待检查 / 已完成; assigning one task, or every
 * unassigned task a chosen person covers, to an inspector (or a deputy for 联合督导).
 */
import { useState } from 'preact/hooks';
import { assignTasks, type Candidate, type PlanDetail, type PlanTask } from '../../api/plans';
import { t } from '../../i18n';
import { formatDate } from '../../lib/format';
import { candidatesFor, unassigned, unassignedFor } from '../../lib/plans';
import { Link } from '../../lib/router';
import { fieldMessages } from '../form';
import { errorMessage, StatusBadge, SuccessBanner } from '../ui';

/** The server's words for a refused request, with its field messages. */
export function planError(err: unknown): string {
  const fields = Object.values(fieldMessages(err));
  return fields.length ? fields.join('；') : errorMessage(err);
}

const personName = (c: { display_name: string }) => c.display_name;

function CandidateSelect({
  id,
  label,
  candidates,
  value,
  onValue,
  testid,
  count,
}: {
  id: string;
  label: string;
  candidates: Candidate[];
  value: string;
  onValue: (v: string) => void;
  testid: string;
  count?: (c: Candidate) => number;
}) {
  return (
    <select
      id={id}
      aria-label={label}
      value={value}
      onChange={(e) => onValue(e.currentTarget.value)}
      data-testid={testid}
    >
      <option value="">{t('plans.assign.pick')}</option>
      {candidates.map((c) => (
        <option key={c.id} value={String(c.id)}>
          {personName(c)}
          {c.townships.length
            ? ` · ${c.townships.map((tw) => tw.name).join('、')}`
            : c.region
              ? ` · ${c.region.name}`
              : ''}
          {count ? ` (${t('plans.assign.n', { n: count(c) })})` : ''}
        </option>
      ))}
    </select>
  );
}

interface Props {
  plan: PlanDetail;
  candidates: Candidate[];
  onAssigned: (tasks: PlanTask[]) => void;
}

function TaskRow({ plan, task, candidates, onAssigned }: Props & { task: PlanTask }) {
  const [pick, setPick] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const who = candidatesFor(candidates, task);
  const assign = async () => {
    if (!pick) return setError(t('plans.assign.needPerson'));
    setBusy(true);
    setError(null);
    try {
      onAssigned(
        (await assignTasks(plan.id, { task_ids: [task.id], assignee_id: Number(pick) })).items,
      );
      setPick('');
    } catch (err) {
      setError(planError(err));
    }
    setBusy(false);
  };
  const done = task.status === 'done';
  return (
    <li
      class="plan-task"
      data-testid="plan-task"
      data-id={task.id}
      data-status={task.status}
      data-township={task.project.township?.name ?? ''}
    >
      <div class="plan-task-head">
        <Link href={`/projects/${task.project.id}`} class="plan-project-name">
          {task.project.name}
        </Link>
        <span class={`badge plan-status-${task.status}`} data-testid="plan-task-status">
          {t(`plans.task.${task.status}`)}
        </span>
      </div>
      <p class="line-meta">
        {task.project.code} · {task.project.township?.name ?? t('plans.noTownship')}{' '}
        <StatusBadge code={task.schedule_status} label={task.schedule_status_label} />
        {task.due_date && ` · ${t('plans.dueOn', { date: formatDate(task.due_date) })}`}
      </p>
      <p data-testid="plan-task-assignee">
        {task.assignee ? (
          t('plans.task.assignee', { name: task.assignee.display_name })
        ) : (
          <span class="warn-text">{t('plans.task.unassigned')}</span>
        )}
      </p>
      {!done &&
        (who.length ? (
          <div class="plan-assign-row">
            <CandidateSelect
              id={`plan-task-${task.id}-pick`}
              label={t('plans.assign.label', { project: task.project.name })}
              candidates={who}
              value={pick}
              onValue={setPick}
              testid="plan-task-pick"
            />
            <button
              type="button"
              class="btn"
              disabled={busy}
              onClick={() => void assign()}
              data-testid="plan-task-assign"
            >
              {task.assignee ? t('plans.assign.change') : t('plans.assign.one')}
            </button>
          </div>
        ) : (
          <p class="muted">{t('plans.assign.nobody')}</p>
        ))}
      {error && (
        <p class="alert alert-error" role="alert" data-testid="plan-task-error">
          {error}
        </p>
      )}
    </li>
  );
}

/** 批量派发: one person takes every unassigned task they cover. */
function AssignAll({ plan, candidates, onAssigned }: Props) {
  const [pick, setPick] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = unassigned(plan.tasks);
  if (!open.length || !candidates.length) return null;
  const chosen = candidates.find((c) => String(c.id) === pick);
  const tasks = chosen ? unassignedFor(chosen, plan.tasks) : [];
  const assign = async () => {
    if (!chosen) return setError(t('plans.assign.needPerson'));
    if (!tasks.length) return setError(t('plans.assign.noneFor', { name: chosen.display_name }));
    setBusy(true);
    setError(null);
    try {
      onAssigned(
        (await assignTasks(plan.id, { task_ids: tasks.map((x) => x.id), assignee_id: chosen.id }))
          .items,
      );
      setPick('');
    } catch (err) {
      setError(planError(err));
    }
    setBusy(false);
  };
  return (
    <section class="card plan-assign-all" data-testid="plan-assign-all">
      <h2>{t('plans.assign.allTitle', { n: open.length })}</h2>
      <div class="plan-assign-row">
        <CandidateSelect
          id="plan-assign-all-pick"
          label={t('plans.assign.allTitle', { n: open.length })}
          candidates={candidates}
          value={pick}
          onValue={setPick}
          testid="plan-assign-all-pick"
          count={(c) => unassignedFor(c, plan.tasks).length}
        />
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy || (chosen != null && !tasks.length)}
          onClick={() => void assign()}
          data-testid="plan-assign-all-submit"
        >
          {chosen ? t('plans.assign.allTo', { n: tasks.length }) : t('plans.assign.all')}
        </button>
      </div>
      {error && (
        <p class="alert alert-error" role="alert" data-testid="plan-assign-all-error">
          {error}
        </p>
      )}
    </section>
  );
}

export function PlanTasks(props: Props) {
  const [notice, setNotice] = useState<string | null>(null);
  const onAssigned = (tasks: PlanTask[]) => {
    const name = tasks[0]?.assignee?.display_name ?? '';
    setNotice(t('plans.assign.done', { name, n: tasks.length }));
    props.onAssigned(tasks);
  };
  const { plan } = props;
  return (
    <section class="plan-tasks">
      {notice && <SuccessBanner testid="plan-assign-done">{notice}</SuccessBanner>}
      <AssignAll {...props} onAssigned={onAssigned} />
      <h2>{t('plans.tasks', { n: plan.tasks.length })}</h2>
      {props.candidates.length === 0 && (
        <p class="muted" data-testid="plan-no-candidates">
          {t('plans.assign.noCandidates')}
        </p>
      )}
      <ul class="plan-task-list">
        {plan.tasks.map((task) => (
          <TaskRow
            key={`${task.id}:${task.assignee?.id ?? ''}`}
            {...props}
            task={task}
            onAssigned={onAssigned}
          />
        ))}
      </ul>
    </section>
  );
}
