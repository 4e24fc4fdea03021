/**
 * 派督查员回头看, on a rectified problem: makes a 回头看 plan of the problem's project (due in a
 * week), then gives its task to an inspector chosen from those who cover the project.
 */
import { useState } from 'preact/hooks';
import {
  assignTasks,
  createPlan,
  planCandidates,
  type Candidate,
  type PlanDetail,
} from '../../api/plans';
import { t } from '../../i18n';
import { formatDate, todayISO } from '../../lib/format';
import { candidatesFor, revisitBody } from '../../lib/plans';
import { Link } from '../../lib/router';
import { planError } from './PlanTasks';
import '../../styles/plans.css';

interface Props {
  issue: { id: string; title: string; state: string; project: { id: number; name: string } | null };
}

export function PlanRevisit({ issue }: Props) {
  const [plan, setPlan] = useState<PlanDetail | null>(null);
  const [people, setPeople] = useState<Candidate[]>([]);
  const [pick, setPick] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const body = revisitBody(issue, todayISO());
  if (issue.state !== 'rectified' || !body) return null;
  const task = plan?.tasks[0];

  const attempt = async (call: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (err) {
      setError(planError(err));
    }
    setBusy(false);
  };
  const start = () =>
    attempt(async () => {
      const made = await createPlan(body);
      setPlan(made);
      const all = (await planCandidates(made.id)).items;
      setPeople(made.tasks[0] ? candidatesFor(all, made.tasks[0]) : all);
    });
  const send = () =>
    attempt(async () => {
      if (!plan || !task) return;
      if (!pick) throw new Error(t('plans.assign.needPerson'));
      const [done] = (
        await assignTasks(plan.id, { task_ids: [task.id], assignee_id: Number(pick) })
      ).items;
      setSent(done?.assignee?.display_name ?? '');
    });
  const planLink = plan && (
    <Link href={`/office/plans/${plan.id}`} data-testid="issue-revisit-plan">
      {t('plans.revisit.open', { name: plan.name })}
    </Link>
  );

  return (
    <section class="card plan-revisit" data-testid="issue-revisit">
      <h2>{t('plans.revisit.title')}</h2>
      {!plan && (
        <>
          <p class="hint">{t('plans.revisit.hint', { date: formatDate(body.due_date) })}</p>
          <button
            type="button"
            class="btn btn-primary"
            disabled={busy}
            onClick={() => void start()}
            data-testid="issue-revisit-start"
          >
            {t('plans.revisit.start')}
          </button>
        </>
      )}
      {plan && sent === null && (
        <>
          <p>
            {t('plans.revisit.made')} {planLink}
          </p>
          {people.length ? (
            <div class="plan-assign-row">
              <select
                aria-label={t('plans.revisit.pick')}
                value={pick}
                onChange={(e) => setPick(e.currentTarget.value)}
                data-testid="issue-revisit-pick"
              >
                <option value="">{t('plans.revisit.pick')}</option>
                {people.map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    {c.display_name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                class="btn btn-primary"
                disabled={busy}
                onClick={() => void send()}
                data-testid="issue-revisit-send"
              >
                {t('plans.revisit.send')}
              </button>
            </div>
          ) : (
            <p class="muted">{t('plans.assign.nobody')}</p>
          )}
        </>
      )}
      {plan && sent !== null && (
        <p class="alert alert-ok" role="status" data-testid="issue-revisit-done">
          {t('plans.revisit.sent', { name: sent, date: formatDate(task?.due_date) })} {planLink}
        </p>
      )}
      {error && (
        <p class="alert alert-error" role="alert" data-testid="issue-revisit-error">
          {error}
        </p>
      )}
    </section>
  );
}
