/**
 * The office's inspection plans (任务清单, /office/plans): the list with each plan's tally and the
 * 新建计划 form; one plan (/office/plans/<id>) with its draw, 复核抽样 and its tasks to assign.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import {
  getPlan,
  listPlans,
  planCandidates,
  type PlanDetail,
  type PlanSummary,
  type PlanTask,
} from '../../api/plans';
import { t } from '../../i18n';
import { formatDate, formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/hooks';
import { algorithmName, mergeTasks, planTally } from '../../lib/plans';
import { statusLabel } from '../../lib/status';
import { Link, navigate } from '../../lib/router';
import { ErrorBanner, Loading, PageTitle } from '../../components/ui';
import { PlanForm } from '../../components/office/PlanForm';
import { PlanRedraw } from '../../components/office/PlanRedraw';
import { PlanTasks } from '../../components/office/PlanTasks';
import '../../styles/plans.css';

function PlanRow({ plan }: { plan: PlanSummary }) {
  const tally = planTally(plan);
  const due = plan.due_date
    ? t('plans.dueOn', { date: formatDate(plan.due_date) })
    : t('plans.noDue');
  return (
    <li class="card plan-row" data-testid="plan-row" data-id={plan.id} data-kind={plan.kind}>
      <Link href={`/office/plans/${plan.id}`} class="plan-row-link">
        <span class="plan-row-head">
          <span class={`badge plan-kind plan-kind-${plan.kind}`}>{plan.kind_label}</span>
          <strong class="plan-row-name">{plan.name}</strong>
        </span>
        <span class="line-meta">
          {due} · {t('plans.asOf', { date: formatDate(plan.as_of) })}
        </span>
        <span class="plan-row-tally" data-testid="plan-row-tally">
          {t('plans.tally', { done: tally.done, total: tally.total })}
          {tally.unassigned > 0 && (
            <span class="warn-text"> · {t('plans.tallyUnassigned', { n: tally.unassigned })}</span>
          )}
        </span>
      </Link>
    </li>
  );
}

export function Plans() {
  const list = useLoad((signal) => listPlans(signal), []);
  const [creating, setCreating] = useState(false);
  const items = list.data?.items ?? [];
  return (
    <section class="page plans-page" data-testid="plans-page">
      <PageTitle
        actions={
          !creating && (
            <button
              type="button"
              class="btn btn-primary"
              onClick={() => setCreating(true)}
              data-testid="plan-new"
            >
              {t('plans.new')}
            </button>
          )
        }
      >
        {t('plans.title')}
      </PageTitle>
      <p class="hint">{t('plans.intro')}</p>
      {creating && (
        <PlanForm
          onCreated={(plan) => navigate(`/office/plans/${plan.id}?created=1`)}
          onCancel={() => setCreating(false)}
        />
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {!list.data && list.loading && <Loading />}
      {list.data &&
        (items.length ? (
          <ul class="plan-list">
            {items.map((plan) => (
              <PlanRow key={plan.id} plan={plan} />
            ))}
          </ul>
        ) : (
          <p class="empty" data-testid="plans-empty">
            {t('plans.empty')}
          </p>
        ))}
    </section>
  );
}

function Fact({
  label,
  children,
  testid,
}: {
  label: string;
  children: ComponentChildren;
  testid?: string;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testid}>{children}</dd>
    </div>
  );
}

function PlanFacts({ plan }: { plan: PlanDetail }) {
  const tally = planTally(plan);
  const random = plan.kind === 'random';
  return (
    <dl class="plan-facts">
      <Fact label={t('plans.fact.region')}>{plan.region?.name ?? t('plans.allRegions')}</Fact>
      <Fact label={t('plans.fact.asOf')}>{formatDate(plan.as_of)}</Fact>
      <Fact label={t('plans.fact.statuses')}>
        {plan.statuses.map((s) => statusLabel(s)).join('、')}
      </Fact>
      <Fact label={t('plans.fact.due')}>
        {plan.due_date ? formatDate(plan.due_date) : t('plans.noDue')}
      </Fact>
      <Fact label={t('plans.fact.tally')} testid="plan-tally">
        {t('plans.tally', { done: tally.done, total: tally.total })}
      </Fact>
      <Fact label={t('plans.fact.population')} testid="plan-population">
        {t('plans.projects', { n: plan.population_size })}
      </Fact>
      {random && (
        <>
          <Fact label={t('plans.fact.seed')} testid="plan-seed">
            {plan.seed}
          </Fact>
          <Fact label={t('plans.fact.sample')} testid="plan-sample-rule">
            {plan.sample_share
              ? t('plans.sampleShare', { share: plan.sample_share, n: plan.sample_size })
              : t('plans.projects', { n: plan.sample_size })}
            {plan.stratify === 'township' && ` · ${t('plans.stratified')}`}
          </Fact>
          <Fact label={t('plans.fact.algorithm')} testid="plan-algorithm">
            {algorithmName(plan.algorithm)}
          </Fact>
        </>
      )}
      <Fact label={t('plans.fact.createdBy')}>
        {plan.created_by.display_name} · {formatDateTime(plan.created_at)}
      </Fact>
    </dl>
  );
}

/** One plan at /office/plans/<id>. */
export function PlanPage({ id, search = '' }: { id: string; search?: string }) {
  const loaded = useLoad((signal) => getPlan(id, signal), [id]);
  const candidates = useLoad((signal) => planCandidates(Number(id), signal), [id]);
  const [tasks, setTasks] = useState<PlanTask[] | null>(null);
  const plan =
    loaded.data && tasks
      ? { ...loaded.data, tasks, assigned_count: tasks.filter((x) => x.assignee).length }
      : loaded.data;
  const created = new URLSearchParams(search).get('created') === '1';
  return (
    <section class="page plans-page" data-testid="plan-page">
      <p>
        <Link href="/office/plans" data-testid="plans-back">
          {t('plans.back')}
        </Link>
      </p>
      <ErrorBanner error={loaded.error} onRetry={loaded.reload} />
      {!plan && loaded.loading && <Loading />}
      {plan && (
        <article data-testid="plan-detail" data-id={plan.id} data-kind={plan.kind}>
          <h1>
            <span class={`badge plan-kind plan-kind-${plan.kind}`}>{plan.kind_label}</span>{' '}
            <span data-testid="plan-name">{plan.name}</span>
          </h1>
          {created && (
            <p class="alert alert-ok" role="status" data-testid="plan-created">
              {plan.kind === 'random'
                ? t('plans.createdRandom', { seed: plan.seed ?? '' })
                : t('plans.created')}
            </p>
          )}
          <PlanFacts plan={plan} />
          {plan.kind === 'random' && <PlanRedraw plan={plan} />}
          <ErrorBanner error={candidates.error} onRetry={candidates.reload} />
          {candidates.data ? (
            <PlanTasks
              plan={plan}
              candidates={candidates.data.items}
              onAssigned={(changed) => setTasks(mergeTasks(plan.tasks, changed))}
            />
          ) : (
            candidates.loading && <Loading />
          )}
        </article>
      )}
    </section>
  );
}
