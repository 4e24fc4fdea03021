/**
 * 复核抽样: draw a random check again from its stored seed and population and say whether the
 * sample is the one on record (重抽结果一致) or how it differs.
 */
import { useState } from 'preact/hooks';
import { redrawPlan, type PlanDetail, type Redraw } from '../../api/plans';
import { t } from '../../i18n';
import { compareDraw } from '../../lib/plans';
import { errorMessage } from '../ui';

function names(ids: number[], plan: PlanDetail): string {
  const byId = new Map(plan.tasks.map((task) => [task.project.id, task.project.name]));
  return ids.map((id) => byId.get(id) ?? `#${id}`).join('、');
}

export function PlanRedraw({ plan }: { plan: PlanDetail }) {
  const [redraw, setRedraw] = useState<Redraw | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      setRedraw(await redrawPlan(plan.id));
    } catch (err) {
      setError(errorMessage(err));
    }
    setBusy(false);
  };
  const result = redraw && compareDraw(redraw);
  return (
    <section class="plan-redraw">
      <button
        type="button"
        class="btn"
        disabled={busy}
        onClick={() => void check()}
        data-testid="plan-redraw"
      >
        {t('plans.redraw')}
      </button>
      {result && result.same && (
        <p class="alert alert-ok" role="status" data-testid="plan-redraw-result" data-same="true">
          {t('plans.redraw.same', { n: redraw.sample.length, seed: redraw.seed })}
        </p>
      )}
      {result && !result.same && (
        <div
          class="alert alert-error"
          role="alert"
          data-testid="plan-redraw-result"
          data-same="false"
        >
          <p>{t('plans.redraw.differs')}</p>
          {result.onlyRecorded.length > 0 && (
            <p>{t('plans.redraw.onlyRecorded', { list: names(result.onlyRecorded, plan) })}</p>
          )}
          {result.onlyRedrawn.length > 0 && (
            <p>
              {t('plans.redraw.onlyRedrawn', {
                list: result.onlyRedrawn.map((id) => `#${id}`).join('、'),
              })}
            </p>
          )}
          {result.tasksDiffer && <p>{t('plans.redraw.tasksDiffer')}</p>}
        </div>
      )}
      {error && (
        <p class="alert alert-error" role="alert" data-testid="plan-redraw-error">
          {error}
        </p>
      )}
    </section>
  );
}
