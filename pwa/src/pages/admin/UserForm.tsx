/**
 * An account's fields, for a new account and for editing one: name, role, and by role the
 * region (office, deputy), townships (inspector) or unit (unit); the password only when new
 * (left empty, the server answers a one-time password).
 */
import { useState } from 'preact/hooks';
import type { NewUser, Role, User, UserPatch } from '../../api';
import { ROLES } from '../../api/types';
import { t } from '../../i18n';
import { errorMessage } from '../../components/ui';
import {
  fieldMessages,
  FormActions,
  idChoices,
  InputField,
  SelectField,
} from '../../components/form';
import type { Lookups } from './lookups';

export interface Draft {
  username: string;
  display_name: string;
  password: string;
  role: Role;
  unit_id: string;
  region_id: string;
  township_ids: number[];
}

export const emptyDraft = (): Draft => ({
  username: '',
  display_name: '',
  password: '',
  role: 'inspector',
  unit_id: '',
  region_id: '',
  township_ids: [],
});

export const draftOf = (u: User): Draft => ({
  username: u.username,
  display_name: u.display_name,
  password: '',
  role: u.role,
  unit_id: u.unit ? String(u.unit.id) : '',
  region_id: u.region ? String(u.region.id) : '',
  township_ids: u.townships.map((tw) => tw.id),
});

/** Roles tied to a region (their county, or a city or province for a 市/省 office). */
const REGIONAL: ReadonlySet<Role> = new Set(['supervisor', 'deputy', 'admin']);

/** The body of POST /users: only what the role uses, no empty password. */
export function newUserBody(d: Draft): NewUser {
  const body: NewUser = {
    username: d.username.trim(),
    display_name: d.display_name.trim(),
    role: d.role,
  };
  if (d.password) body.password = d.password;
  if (d.role === 'unit' && d.unit_id) body.unit_id = Number(d.unit_id);
  if (d.role === 'inspector') body.township_ids = d.township_ids;
  if (REGIONAL.has(d.role) && d.region_id) body.region_id = Number(d.region_id);
  return body;
}

/** The body of PATCH /users/<id>: every field of the role (none clears a region or unit). */
export function patchBody(d: Draft): UserPatch {
  return {
    display_name: d.display_name.trim(),
    role: d.role,
    unit_id: d.role === 'unit' && d.unit_id ? Number(d.unit_id) : null,
    region_id: REGIONAL.has(d.role) && d.region_id ? Number(d.region_id) : null,
    township_ids: d.role === 'inspector' ? d.township_ids : [],
  };
}

export function UserForm({
  lookups,
  initial,
  testid,
  submitLabel,
  onSubmit,
}: {
  lookups: Lookups | undefined;
  /** An account to edit; none for a new one. */
  initial?: Draft;
  testid: string;
  submitLabel: string;
  /** Sends the draft; resolves with the success line to show. */
  onSubmit: (draft: Draft) => Promise<string>;
}) {
  const editing = initial !== undefined;
  const [draft, setDraft] = useState<Draft>(initial ?? emptyDraft());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSuccess(null);
  };

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      setSuccess(await onSubmit(draft));
      if (!editing) setDraft(emptyDraft());
    } catch (err) {
      setErrors(fieldMessages(err));
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const id = (key: string) => `${testid}-${key}`;
  const townships = (lookups?.townships ?? []).filter(
    (tw) =>
      !draft.region_id ||
      tw.county_id === Number(draft.region_id) ||
      !lookups?.regions.some((r) => r.id === Number(draft.region_id) && r.level === 'county'),
  );

  return (
    <form class="form-grid" onSubmit={submit} noValidate data-testid={`${testid}-form`}>
      {!editing && (
        <InputField
          id={id('username')}
          name="username"
          label={t('users.username')}
          testid={`${testid}-username`}
          error={errors.username}
          value={draft.username}
          onValue={(v) => set('username', v)}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          required
        />
      )}
      <InputField
        id={id('display-name')}
        name="display_name"
        label={t('users.displayName')}
        testid={`${testid}-display-name`}
        error={errors.display_name}
        value={draft.display_name}
        onValue={(v) => set('display_name', v)}
        autocomplete="off"
        required
      />
      {!editing && (
        <InputField
          id={id('password')}
          name="password"
          type="password"
          label={t('users.passwordOptional')}
          testid={`${testid}-password`}
          error={errors.password}
          value={draft.password}
          onValue={(v) => set('password', v)}
          autocomplete="new-password"
        />
      )}
      <SelectField
        id={id('role')}
        label={t('users.role')}
        testid={`${testid}-role`}
        error={errors.role}
        value={draft.role}
        onValue={(v) => set('role', v as Role)}
        options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
      />
      {REGIONAL.has(draft.role) && (
        <SelectField
          id={id('region')}
          label={t('users.region')}
          testid={`${testid}-region`}
          error={errors.region_id}
          value={draft.region_id}
          onValue={(v) => set('region_id', v)}
          empty={t('users.chooseRegion')}
          options={(lookups?.regions ?? []).map((r) => ({
            value: String(r.id),
            label: `${'　'.repeat(r.depth)}${r.name}`,
          }))}
        />
      )}
      {draft.role === 'unit' && (
        <SelectField
          id={id('unit')}
          label={t('users.unit')}
          testid={`${testid}-unit`}
          error={errors.unit_id}
          value={draft.unit_id}
          onValue={(v) => set('unit_id', v)}
          empty={t('users.chooseUnit')}
          options={idChoices(lookups?.units ?? [])}
        />
      )}
      {draft.role === 'inspector' && (
        <fieldset
          class={`field span-all checks${errors.township_ids ? ' has-error' : ''}`}
          data-testid={`${testid}-townships`}
        >
          <legend>{t('users.townships')}</legend>
          {townships.length === 0 && <p class="muted">{t('users.noTownships')}</p>}
          <div class="check-grid">
            {townships.map((tw) => (
              <label key={tw.id} class="check">
                <input
                  type="checkbox"
                  value={String(tw.id)}
                  data-testid={`${testid}-township`}
                  checked={draft.township_ids.includes(tw.id)}
                  onChange={(e) =>
                    set(
                      'township_ids',
                      e.currentTarget.checked
                        ? [...draft.township_ids, tw.id]
                        : draft.township_ids.filter((x) => x !== tw.id),
                    )
                  }
                />
                {tw.name}
              </label>
            ))}
          </div>
          {errors.township_ids && (
            <p class="field-error" role="alert" data-testid={`${testid}-townships-error`}>
              {errors.township_ids}
            </p>
          )}
        </fieldset>
      )}
      <FormActions
        testid={testid}
        error={error}
        success={success}
        busy={busy}
        submitLabel={submitLabel}
      />
    </form>
  );
}
