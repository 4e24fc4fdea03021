/**
 * Small shared pieces: status badge, progress bar, error and success banners, form
 * field, table head, loading.
 */
import type { ComponentChildren, JSX } from 'preact';
import { t } from '../i18n';
import { ApiError } from '../api/client';
import { formatPct } from '../lib/format';
import { statusLabel, statusTone } from '../lib/status';
import { isQuotaError } from '../sync/forms';

export function StatusBadge({
  code,
  label,
}: {
  code: string | null | undefined;
  label?: string | null;
}) {
  return (
    <span
      class={`badge tone-${statusTone(code)}`}
      data-testid="status-badge"
      data-status={code ?? ''}
    >
      {statusLabel(code, label)}
    </span>
  );
}

/** Reported progress as a bar, with a tick at the planned (序时) progress when known. */
export function ProgressBar({
  value,
  planned,
  status,
}: {
  value: number | null | undefined;
  planned?: number | null;
  status?: string | null;
}) {
  const pct = value == null ? 0 : Math.max(0, Math.min(100, value));
  const plannedPct = planned == null ? null : Math.max(0, Math.min(100, planned));
  return (
    <div class="progress">
      <div
        class="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={formatPct(value)}
      >
        <div class={`progress-fill tone-${statusTone(status)}`} style={{ width: `${pct}%` }} />
        {plannedPct !== null && (
          <div class="progress-mark" style={{ left: `${plannedPct}%` }} aria-hidden="true" />
        )}
      </div>
      <span class="progress-value">{formatPct(value)}</span>
    </div>
  );
}

/** The message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (isQuotaError(err)) return t('field.draft.full'); // the phone is full: say so, in words

  if (err instanceof Error && err.message) return err.message;
  return t('error.generic');
}

/**
 * The error (a message or anything thrown) as an alert, if there is one; `children`
 * follow the message.
 */
export function ErrorBanner({
  error,
  onRetry,
  testid,
  children,
}: {
  error: unknown;
  onRetry?: () => void;
  testid?: string;
  children?: ComponentChildren;
}) {
  if (!error) return null;
  return (
    <div class="alert alert-error" role="alert" data-testid={testid}>
      <span>{typeof error === 'string' ? error : errorMessage(error)}</span>
      {children}
      {onRetry && (
        <button type="button" class="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function SuccessBanner({
  testid,
  children,
}: {
  testid?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="alert alert-ok" role="status" data-testid={testid}>
      {children}
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/** A labelled control with its error underneath; the error gets `<testid>-error`. */
export function Field({
  id,
  label,
  error,
  testid,
  hint,
  children,
  class: className,
}: {
  id: string;
  label: string;
  error?: string;
  testid?: string;
  hint?: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <div class={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && !error && <p class="hint">{hint}</p>}
      {error && (
        <p
          class="field-error"
          id={`${id}-error`}
          role="alert"
          data-testid={testid ? `${testid}-error` : undefined}
        >
          {error}
        </p>
      )}
    </div>
  );
}

/** Props for an input that belongs to a Field with a possible error. */
export function describedBy(id: string, error?: string): JSX.HTMLAttributes<HTMLInputElement> {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}

export function PageTitle({
  children,
  actions,
}: {
  children: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <div class="page-title">
      <h1>{children}</h1>
      {actions && <div class="page-actions">{actions}</div>}
    </div>
  );
}

/** A table column heading: its text, or its text and a class (`num`, `col-note`…). */
export type Column = string | { label: string; class: string };

/** A table's header row; every cell is a column heading (`scope="col"`). */
export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) =>
          typeof c === 'string' ? (
            <th key={i} scope="col">
              {c}
            </th>
          ) : (
            <th key={i} scope="col" class={c.class}>
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
