/**
 * The office's moves on one problem, as the state machine allows them (the server checks
 * again): 交办 / 重新交办 with unit, deadline and requirements; 不予立案 and 退回整改 with a
 * reason; 合并 into another problem; 复核通过; 销号 (the decision on a waiting extension request:
 * ExtensionDecision.tsx).
 * A 409 (the problem moved on meanwhile) is said in the server's words and the problem reloaded.
 */
import { useEffect, useState } from 'preact/hooks';
import { listUnits } from '../../api';
import { ApiError } from '../../api/client';
import { listIssues, transitionIssue, type IssueDetail } from '../../api/issues';
import { getLang, t } from '../../i18n';
import { todayISO } from '../../lib/format';
import { useLoad } from '../../lib/hooks';
import {
  actionProblem,
  EMPTY_FORM,
  officeActions,
  suggestedDeadline,
  suggestedUnit,
  transitionBody,
  type ActionForm,
  type OfficeAction,
} from '../../lib/issues';
import {
  canPassVerification,
  closeFlags,
  closeProblem,
  newEvidence,
  type StagePhoto,
} from '../../lib/stage-photos';
import { errorMessage } from '../ui';
import { CloseFlags, VerifyEvidence } from './ActionEvidence';

/** What one printed slip holds (sync/slips.py REQUIREMENTS_MAX_CHARS; the server checks too). */
const REQUIREMENTS_MAX = 1000;
/** The moves offered as the primary button (the others are plain ones). */
const PRIMARY_ACTIONS = new Set<OfficeAction['kind']>(['assign', 'reassign', 'verify', 'close']);

export interface ActionOutcome {
  issue: IssueDetail;
  message: string;
}

export interface Props {
  issue: IssueDetail;
  /** the problem's photos by stage: 复核 cites the checker's, 销号 weighs their flags */
  photos?: readonly StagePhoto[];
  onDone: (outcome: ActionOutcome) => void;
  /** The server refused with 409: show `message` and read the problem again. */
  onConflict: (message: string) => void;
}

/** Run `call`; a 409 goes to `onConflict`, anything else comes back as the message to show. */
export async function run(
  call: () => Promise<IssueDetail>,
  done: (issue: IssueDetail) => void,
  onConflict: (m: string) => void,
): Promise<string | null> {
  try {
    done(await call());
    return null;
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      onConflict(err.message);
      return null;
    }
    return errorMessage(err);
  }
}

function AssignFields({
  issue,
  form,
  set,
  preselect,
}: {
  issue: IssueDetail;
  form: ActionForm;
  set: (patch: Partial<ActionForm>) => void;
  preselect: boolean;
}) {
  // the problem's county's units first, then those of no county; another county's cannot take it
  const units = useLoad(() => listUnits(issue.id), [issue.id]);
  const items = (units.data?.items ?? []).filter((u) => u.assignable !== false);
  useEffect(() => {
    // start from the finder's suggestion, or the unit it had before it was returned
    if (!preselect || form.unitId || !items.length) return;
    const start =
      suggestedUnit(items, issue.suggested_unit) ?? items.find((u) => u.id === issue.unit?.id);
    if (start) set({ unitId: String(start.id) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items.length]);
  useEffect(() => {
    // and from the finder's suggested deadline, while it is still ahead
    const deadline = suggestedDeadline(issue.suggested_deadline, todayISO());
    if (preselect && !form.deadline && deadline) set({ deadline });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [issue.id]);
  return (
    <>
      <label for="issue-unit">{t('issues.form.unit')}</label>
      <select
        id="issue-unit"
        value={form.unitId}
        onChange={(e) => set({ unitId: e.currentTarget.value })}
        data-testid="issue-unit"
      >
        <option value="">{units.loading ? t('app.loading') : t('issues.form.pickUnit')}</option>
        {items.map((u) => (
          <option key={u.id} value={String(u.id)}>
            {u.name}
          </option>
        ))}
      </select>
      {units.error != null && <p class="warn-text">{errorMessage(units.error)}</p>}
      {units.data && items.length === 0 && (
        <p class="warn-text" data-testid="issue-no-units">
          {t('issues.form.noUnits')}
        </p>
      )}
      <label for="issue-deadline">{t('issues.form.deadline')}</label>
      <input
        id="issue-deadline"
        type="date"
        min={todayISO()}
        value={form.deadline}
        onInput={(e) => set({ deadline: e.currentTarget.value })}
        data-testid="issue-deadline"
      />
      <label for="issue-requirements">{t('issues.form.requirements')}</label>
      <textarea
        id="issue-requirements"
        rows={3}
        maxLength={REQUIREMENTS_MAX}
        value={form.requirements}
        onInput={(e) => set({ requirements: e.currentTarget.value })}
        data-testid="issue-requirements"
      />
    </>
  );
}

function DuplicateFields({
  issue,
  form,
  set,
}: {
  issue: IssueDetail;
  form: ActionForm;
  set: (patch: Partial<ActionForm>) => void;
}) {
  const projectId = issue.project?.id ?? null;
  const siblings = useLoad(
    (signal) => (projectId ? listIssues({ project_id: projectId }, signal) : Promise.resolve(null)),
    [projectId],
  );
  const others = (siblings.data?.items ?? []).filter(
    (i) => i.id !== issue.id && i.state !== 'duplicate' && i.state !== 'rejected',
  );
  return (
    <>
      <label for="issue-duplicate-pick">{t('issues.form.duplicateOf')}</label>
      {others.length > 0 && (
        <select
          id="issue-duplicate-pick"
          value={others.some((o) => o.id === form.duplicateOf) ? form.duplicateOf : ''}
          onChange={(e) => set({ duplicateOf: e.currentTarget.value })}
          data-testid="issue-duplicate-pick"
        >
          <option value="">{t('issues.form.pickDuplicate')}</option>
          {others.map((o) => (
            <option key={o.id} value={o.id}>
              {o.title} · {o.state_label}
            </option>
          ))}
        </select>
      )}
      <input
        type="text"
        aria-label={t('issues.form.duplicateId')}
        placeholder={t('issues.form.duplicateId')}
        value={form.duplicateOf}
        onInput={(e) => set({ duplicateOf: e.currentTarget.value })}
        data-testid="issue-duplicate-id"
      />
    </>
  );
}

function ActionFormView({
  issue,
  photos = [],
  action,
  onDone,
  onConflict,
  onCancel,
}: Props & { action: OfficeAction; onCancel: () => void }) {
  const [form, setForm] = useState<ActionForm>(EMPTY_FORM);
  // 复核 cites the check photos no move cited yet; 销号 over doubtful photos needs a reason
  const evidence = action.kind === 'verify' ? newEvidence(photos, 'verify', issue.events) : [];
  const closing = action.kind === 'close';
  const flags = closing ? closeFlags(issue, photos, getLang()) : [];
  const blocked = action.kind === 'verify' && !canPassVerification(evidence);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ActionForm>) => setForm((f) => ({ ...f, ...patch }));
  const label = t(`issues.action.${action.kind}`);
  const submit = async (e: Event) => {
    e.preventDefault();
    const problem =
      actionProblem(action, form, todayISO(), issue.id) ??
      (closing ? closeProblem(issue, form.reason) : null);
    if (problem) return setError(t(problem));
    setBusy(true);
    setError(null);
    const done = (next: IssueDetail) => {
      const slip = next.slip?.code ?? '';
      const message =
        action.to === 'assigned'
          ? t('issues.done.assigned', { slip })
          : t('issues.done.moved', { state: next.state_label });
      onDone({ issue: next, message });
    };
    setError(
      await run(
        () =>
          transitionIssue(
            issue.id,
            transitionBody(
              action,
              issue.state,
              form,
              evidence.map((p) => p.id),
            ),
          ),
        done,
        onConflict,
      ),
    );
    setBusy(false);
  };
  const reasonLabel =
    closing && issue.close_needs_reason
      ? t('photos.close.reason')
      : action.needs.reason || action.kind === 'verify'
        ? t(`issues.form.reason.${action.kind}`)
        : null;
  return (
    <form
      class="issue-form"
      onSubmit={submit}
      data-testid="issue-action-form"
      data-kind={action.kind}
      noValidate
    >
      <h3>{label}</h3>
      {/* 改派 goes to another unit: nothing preselected */}
      {action.needs.unitAndDeadline && (
        <AssignFields issue={issue} form={form} set={set} preselect={action.kind !== 'transfer'} />
      )}
      {action.needs.duplicateOf && <DuplicateFields issue={issue} form={form} set={set} />}
      {action.kind === 'verify' && (
        <VerifyEvidence issueId={issue.id} photos={photos} evidence={evidence} />
      )}
      {closing && <CloseFlags flags={flags} />}
      {reasonLabel && (
        <>
          <label for="issue-reason">{reasonLabel}</label>
          <textarea
            id="issue-reason"
            rows={3}
            maxLength={5000}
            value={form.reason}
            onInput={(e) => set({ reason: e.currentTarget.value })}
            data-testid="issue-reason"
          />
        </>
      )}
      {action.kind === 'close' && <p class="hint">{t('issues.form.closeHint')}</p>}
      {error && (
        <p class="alert alert-error" role="alert" data-testid="issue-action-error">
          {error}
        </p>
      )}
      <div class="issue-buttons">
        <button
          type="submit"
          class={
            action.kind === 'reject' || action.kind === 'sendBack'
              ? 'btn btn-danger'
              : 'btn btn-primary'
          }
          disabled={busy || blocked}
          data-testid="issue-action-confirm"
        >
          {t('issues.confirm', { action: label })}
        </button>
        <button type="button" class="btn" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function IssueActions(props: Props) {
  const { issue } = props;
  const [open, setOpen] = useState<OfficeAction | null>(null);
  const actions = officeActions(issue.state, issue.allowed_targets);
  return (
    <section class="issue-actions" data-testid="issue-actions">
      <h2>{t('issues.actions')}</h2>
      {open ? (
        <ActionFormView key={open.kind} {...props} action={open} onCancel={() => setOpen(null)} />
      ) : actions.length ? (
        <div class="issue-buttons">
          {actions.map((a) => (
            <button
              key={a.kind}
              type="button"
              class={PRIMARY_ACTIONS.has(a.kind) ? 'btn btn-primary' : 'btn'}
              onClick={() => setOpen(a)}
              data-testid={`issue-action-${a.kind}`}
            >
              {t(`issues.action.${a.kind}`)}
            </button>
          ))}
        </div>
      ) : (
        <p class="muted" data-testid="issue-no-actions">
          {t('issues.noActions')}
        </p>
      )}
    </section>
  );
}
