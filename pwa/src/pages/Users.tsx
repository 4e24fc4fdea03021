/** 用户管理 (admin): list users, create one, deactivate or reactivate. */
import { useState } from 'preact/hooks';
import {
  createUser,
  getFacets,
  listUnits,
  listUsers,
  updateUser,
  type Facets,
  type NewUser,
  type Role,
  type UnitRef,
  type User,
} from '../api';
import { ROLES } from '../api/types';
import { t } from '../i18n';
import { useLoad } from '../lib/hooks';
import { ErrorBanner, errorMessage, Loading, PageTitle, TableHead } from '../components/ui';
import { fieldMessages, FormActions, idChoices, InputField, SelectField } from '../components/form';

interface Lookups {
  units: UnitRef[];
  townships: Facets['townships'];
}

async function loadLookups(signal: AbortSignal): Promise<Lookups> {
  const [units, facets] = await Promise.all([
    listUnits(),
    getFacets(signal).catch(() => null), // townships only matter for inspectors
  ]);
  return { units: units.items, townships: facets?.townships ?? [] };
}

export function Users({ me }: { me: User }) {
  const users = useLoad(() => listUsers(), []);
  const lookups = useLoad(loadLookups, []);
  const [items, setItems] = useState<User[] | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const list = items ?? users.data?.items ?? [];

  async function toggle(u: User) {
    setBusyId(u.id);
    setRowError(null);
    try {
      const updated = await updateUser(u.id, { active: !u.active });
      setItems(list.map((x) => (x.id === u.id ? updated : x)));
    } catch (err) {
      setRowError(err);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section class="page">
      <PageTitle>{t('users.title')}</PageTitle>
      <CreateUser lookups={lookups.data} onCreated={(u) => setItems([...list, u])} />
      <section class="card">
        <h2>{t('users.list')}</h2>
        {users.loading && !users.data && <Loading />}
        <ErrorBanner error={users.error} onRetry={users.reload} />
        <ErrorBanner error={rowError} testid="user-row-error" />
        {users.data && list.length === 0 && <p class="empty">{t('users.empty')}</p>}
        {list.length > 0 && (
          <div class="table-wrap">
            <table class="table table-wide users-table">
              <TableHead
                columns={[
                  t('users.username'),
                  t('users.displayName'),
                  t('users.role'),
                  t('users.unit'),
                  t('users.townships'),
                  t('users.active'),
                  t('users.actions'),
                ]}
              />
              <tbody>
                {list.map((u) => (
                  <tr
                    key={u.id}
                    data-testid="user-row"
                    data-username={u.username}
                    class={u.active ? '' : 'inactive'}
                  >
                    <td class="mono">{u.username}</td>
                    <td>{u.display_name}</td>
                    <td>{u.role_label || t(`role.${u.role}`)}</td>
                    <td>{u.unit?.name ?? '—'}</td>
                    <td>
                      {u.townships?.length ? u.townships.map((tw) => tw.name).join('、') : '—'}
                    </td>
                    <td data-testid="user-active" data-active={String(u.active)}>
                      {u.active ? t('users.isActive') : t('users.isInactive')}
                    </td>
                    <td>
                      <button
                        type="button"
                        class={`btn btn-small${u.active ? ' btn-danger' : ''}`}
                        data-testid="user-toggle-active"
                        disabled={busyId === u.id || u.id === me.id}
                        onClick={() => void toggle(u)}
                      >
                        {u.active ? t('users.deactivate') : t('users.reactivate')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}

interface Draft {
  username: string;
  display_name: string;
  password: string;
  role: Role;
  unit_id: string;
  township_ids: number[];
}

const emptyDraft = (): Draft => ({
  username: '',
  display_name: '',
  password: '',
  role: 'inspector',
  unit_id: '',
  township_ids: [],
});

function CreateUser({
  lookups,
  onCreated,
}: {
  lookups: Lookups | undefined;
  onCreated: (u: User) => void;
}) {
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setCreated(null);
  };

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    const body: NewUser = {
      username: draft.username.trim(),
      display_name: draft.display_name.trim(),
      password: draft.password,
      role: draft.role,
    };
    if (draft.role === 'unit' && draft.unit_id) body.unit_id = Number(draft.unit_id);
    if (draft.role === 'inspector') body.township_ids = draft.township_ids;
    try {
      const user = await createUser(body);
      onCreated(user);
      setDraft(emptyDraft());
      setCreated(user.display_name || user.username);
    } catch (err) {
      setErrors(fieldMessages(err));
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const input = (
    key: 'username' | 'display_name' | 'password',
    testid: string,
    label: string,
    extra = {},
  ) => (
    <InputField
      id={`uc-${key}`}
      name={key}
      label={label}
      testid={testid}
      error={errors[key]}
      value={draft[key]}
      onValue={(value) => set(key, value)}
      required
      {...extra}
    />
  );

  return (
    <section class="card">
      <h2>{t('users.create')}</h2>
      <form class="form-grid" onSubmit={submit} noValidate data-testid="user-create-form">
        {input('username', 'user-create-username', t('users.username'), {
          autocomplete: 'off',
          autocapitalize: 'off',
          spellcheck: false,
        })}
        {input('display_name', 'user-create-display-name', t('users.displayName'), {
          autocomplete: 'off',
        })}
        {input('password', 'user-create-password', t('users.password'), {
          type: 'password',
          autocomplete: 'new-password',
        })}
        <SelectField
          id="uc-role"
          label={t('users.role')}
          testid="user-create-role"
          error={errors.role}
          value={draft.role}
          onValue={(value) => set('role', value as Role)}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        {draft.role === 'unit' && (
          <SelectField
            id="uc-unit"
            label={t('users.unit')}
            testid="user-create-unit"
            error={errors.unit_id}
            value={draft.unit_id}
            onValue={(value) => set('unit_id', value)}
            empty={t('users.chooseUnit')}
            options={idChoices(lookups?.units ?? [])}
          />
        )}
        {draft.role === 'inspector' && (
          <fieldset
            class={`field span-all checks${errors.township_ids ? ' has-error' : ''}`}
            data-testid="user-create-townships"
          >
            <legend>{t('users.townships')}</legend>
            {(lookups?.townships ?? []).length === 0 && (
              <p class="muted">{t('users.noTownships')}</p>
            )}
            <div class="check-grid">
              {(lookups?.townships ?? []).map((tw) => (
                <label key={tw.id} class="check">
                  <input
                    type="checkbox"
                    value={String(tw.id)}
                    data-testid="user-create-township"
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
              <p class="field-error" role="alert" data-testid="user-create-townships-error">
                {errors.township_ids}
              </p>
            )}
          </fieldset>
        )}
        <FormActions
          testid="user-create"
          error={error}
          success={created && t('users.created', { name: created })}
          busy={busy}
          submitLabel={t('users.createSubmit')}
        />
      </form>
    </section>
  );
}
