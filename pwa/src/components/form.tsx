/**
 * Form pieces shared by the pages: a labelled input or select (a Field with its error line), the
 * error / success / submit row under a form, and the server's field errors as messages.
 */
import type { ComponentChildren, JSX } from 'preact';
import { ApiError } from '../api/client';
import { describedBy, ErrorBanner, Field, SuccessBanner } from './ui';

type InputAttributes = Omit<JSX.IntrinsicElements['input'], 'id' | 'value' | 'onInput' | 'label'>;

/**
 * A labelled text-like input with its error underneath (`<testid>-error`); other attributes
 * (name, type, autocomplete, required…) go to the input.
 */
export function InputField({
  id,
  label,
  testid,
  error,
  value,
  onValue,
  ...attributes
}: InputAttributes & {
  id: string;
  label: string;
  testid: string;
  error?: string;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <Field id={id} label={label} error={error} testid={testid}>
      <input
        id={id}
        data-testid={testid}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
        {...describedBy(id, error)}
        {...attributes}
      />
    </Field>
  );
}

/** One option of a select. */
export interface Choice {
  value: string;
  label: string;
}

/** Choices from records with an id and a name (counties, townships, units, series). */
export const idChoices = (items: readonly { id: number; name: string }[]): Choice[] =>
  items.map((x) => ({ value: String(x.id), label: x.name }));

/** Choices from records with a code and a label (levels, statuses). */
export const codeChoices = (items: readonly { code: string; label: string }[]): Choice[] =>
  items.map((x) => ({ value: x.code, label: x.label }));

/**
 * A labelled select with its error underneath. `empty`, when given, is the label of a first
 * option with the value "" ("全部", "请选择…").
 */
export function SelectField({
  id,
  label,
  testid,
  value,
  onValue,
  options,
  empty,
  error,
  disabled,
}: {
  id: string;
  label: string;
  testid: string;
  value: string;
  onValue: (value: string) => void;
  options: Choice[];
  empty?: string;
  error?: string;
  disabled?: boolean;
}) {
  return (
    <Field id={id} label={label} error={error} testid={testid}>
      <select
        id={id}
        data-testid={testid}
        value={value}
        disabled={disabled}
        onChange={(e) => onValue(e.currentTarget.value)}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * The row under a form: its error (`<testid>-error`), its success message (`<testid>-success`)
 * and the submit button (`<testid>-submit`, disabled while busy).
 */
export function FormActions({
  testid,
  error,
  success,
  busy,
  submitLabel,
}: {
  testid: string;
  error: string | null;
  success: ComponentChildren;
  busy: boolean;
  submitLabel: string;
}) {
  return (
    <div class="span-all form-actions">
      <ErrorBanner error={error} testid={`${testid}-error`} />
      {success && <SuccessBanner testid={`${testid}-success`}>{success}</SuccessBanner>}
      <button
        type="submit"
        class="btn btn-primary"
        disabled={busy}
        data-testid={`${testid}-submit`}
      >
        {submitLabel}
      </button>
    </div>
  );
}

/**
 * A refused request's field errors, one message per field (a field's messages joined
 * by "；"); {} for other errors.
 */
export function fieldMessages(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError)
    for (const [field, msgs] of Object.entries(err.fieldErrors)) out[field] = msgs.join('；');
  return out;
}
