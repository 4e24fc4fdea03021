/**
 * 用户管理 (admin): every account of the area with its role, region, townships, unit, state and
 * last login (time, address); create one (a one-time password when none is given), edit it,
 * 重置密码 (the one-time password shown once, printable), 停用/启用, its devices; bulk create
 * from XLSX. A table on a desktop, cards on a phone.
 */
import { useState } from 'preact/hooks';
import { createUser, listUsers, updateUser, type User } from '../api';
import {
  accountTemplateUrl,
  importAccounts,
  resetPassword,
  type AdminUser,
  type CreatedUser,
} from '../api/admin';
import '../styles/admin.css';
import { t } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useLoad, useMediaQuery, WIDE_QUERY } from '../lib/hooks';
import { ErrorBanner, Loading, PageTitle, TableHead } from '../components/ui';
import { loadLookups } from './admin/lookups';
import { draftOf, newUserBody, patchBody, UserForm } from './admin/UserForm';
import { OneTimePasswords, type Handover } from './admin/OneTimePasswords';
import { WorkbookImport } from './admin/WorkbookImport';
import { Devices } from './admin/Devices';

export function Users({ me }: { me: User }) {
  const users = useLoad(() => listUsers(), []);
  const lookups = useLoad(() => loadLookups(), []);
  const wide = useMediaQuery(WIDE_QUERY);
  const [items, setItems] = useState<AdminUser[] | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [resetting, setResetting] = useState<number | null>(null);
  const [handover, setHandover] = useState<Handover[] | null>(null);
  const list: AdminUser[] = items ?? users.data?.items ?? [];

  const replace = (u: AdminUser) => setItems(list.map((x) => (x.id === u.id ? u : x)));

  async function act(u: AdminUser, action: () => Promise<void>) {
    setBusyId(u.id);
    setRowError(null);
    try {
      await action();
    } catch (err) {
      setRowError(err);
    } finally {
      setBusyId(null);
    }
  }

  const toggle = (u: AdminUser) =>
    act(u, async () => replace(await updateUser(u.id, { active: !u.active })));

  const reset = (u: AdminUser) =>
    act(u, async () => {
      const answer = await resetPassword(u.id);
      setResetting(null);
      setHandover([{ ...answer, display_name: u.display_name }]);
      replace({ ...u, must_change_password: true });
    });

  async function create(draft: Parameters<typeof newUserBody>[0]): Promise<string> {
    const user = (await createUser(newUserBody(draft))) as CreatedUser;
    setItems([...list, user]);
    if (user.one_time_password) setHandover([{ ...user, password: user.one_time_password }]);
    return t('users.created', { name: user.display_name || user.username });
  }

  const actions = (u: AdminUser) => (
    <UserActions
      user={u}
      self={u.id === me.id}
      busy={busyId === u.id}
      confirming={resetting === u.id}
      onEdit={() => setEditing(u)}
      onToggle={() => void toggle(u)}
      onAskReset={() => setResetting(u.id)}
      onCancelReset={() => setResetting(null)}
      onReset={() => void reset(u)}
    />
  );

  return (
    <section class="page admin-users">
      <PageTitle>{t('users.title')}</PageTitle>
      {handover && <OneTimePasswords items={handover} onClose={() => setHandover(null)} />}
      {editing && (
        <section class="card" data-testid="user-edit">
          <h2>{t('users.editTitle', { name: editing.display_name || editing.username })}</h2>
          <UserForm
            key={editing.id}
            lookups={lookups.data}
            initial={draftOf(editing)}
            testid="user-edit"
            submitLabel={t('admin.save')}
            onSubmit={async (draft) => {
              const saved = await updateUser(editing.id, patchBody(draft));
              replace(saved);
              setEditing(null);
              return t('users.saved', { name: saved.display_name });
            }}
          />
          <button type="button" class="btn" onClick={() => setEditing(null)}>
            {t('admin.cancel')}
          </button>
        </section>
      )}
      <section class="card">
        <h2>{t('users.create')}</h2>
        <UserForm
          lookups={lookups.data}
          testid="user-create"
          submitLabel={t('users.createSubmit')}
          onSubmit={create}
        />
      </section>
      <section class="card">
        <h2>{t('users.list')}</h2>
        {users.loading && !users.data && <Loading />}
        <ErrorBanner error={users.error} onRetry={users.reload} />
        <ErrorBanner error={rowError} testid="user-row-error" />
        {users.data && list.length === 0 && <p class="empty">{t('users.empty')}</p>}
        {list.length > 0 &&
          (wide ? (
            <UserTable users={list} actions={actions} />
          ) : (
            <ul class="user-cards">
              {list.map((u) => (
                <li
                  key={u.id}
                  {...rowAttributes(u)}
                  class={`card user-card${u.active ? '' : ' inactive'}`}
                >
                  <p class="user-card-head">
                    <b>{u.display_name}</b> <span class="mono">{u.username}</span>
                  </p>
                  <p>
                    {roleOf(u)}
                    {u.region && ` · ${u.region.name}`}
                    {u.unit && ` · ${u.unit.name}`}
                  </p>
                  {u.townships.length > 0 && <p>{u.townships.map((tw) => tw.name).join('、')}</p>}
                  <p>
                    <State user={u} />
                  </p>
                  <p class="hint">
                    {t('users.lastLogin')}：<LastLogin user={u} />
                  </p>
                  {actions(u)}
                  <Devices userId={u.id} />
                </li>
              ))}
            </ul>
          ))}
      </section>
      <WorkbookImport
        testid="user-import"
        title={t('users.bulk')}
        hint={t('users.bulkHint')}
        templateUrl={accountTemplateUrl()}
        submitLabel={t('users.bulkCreate')}
        send={async (file, dryRun) => {
          const answer = await importAccounts(file, dryRun);
          if (!dryRun && answer.errors.length === 0) {
            setHandover(answer.created.map((a) => ({ ...a, password: a.password ?? '' })));
            users.reload();
            setItems(null);
          }
          return answer;
        }}
        summary={(r) =>
          r.dry_run
            ? t('users.bulkPreview', { n: r.created.length })
            : t('users.bulkDone', { n: r.created.length })
        }
      />
    </section>
  );
}

const rowAttributes = (u: AdminUser) => ({
  'data-testid': 'user-row',
  'data-username': u.username,
});

const roleOf = (u: AdminUser) => u.role_label || t(`role.${u.role}`);

function State({ user: u }: { user: AdminUser }) {
  return (
    <span data-testid="user-active" data-active={String(u.active)}>
      {u.active ? t('users.isActive') : t('users.isInactive')}
      {u.must_change_password && (
        <span class="badge" data-testid="user-must-change">
          {' '}
          {t('users.mustChange')}
        </span>
      )}
    </span>
  );
}

function LastLogin({ user: u }: { user: AdminUser }) {
  if (!u.last_login_at) return <span data-testid="user-last-login">{t('users.never')}</span>;
  return (
    <span data-testid="user-last-login">
      {formatDateTime(u.last_login_at)}
      {u.last_login_ip && <span class="mono"> {u.last_login_ip}</span>}
    </span>
  );
}

function UserTable({
  users,
  actions,
}: {
  users: AdminUser[];
  actions: (u: AdminUser) => preact.ComponentChildren;
}) {
  return (
    <div class="table-wrap">
      <table class="table table-wide users-table">
        <TableHead
          columns={[
            t('users.username'),
            t('users.displayName'),
            t('users.role'),
            t('users.region'),
            t('users.townships'),
            t('users.unit'),
            t('users.active'),
            t('users.lastLogin'),
            t('users.actions'),
          ]}
        />
        <tbody>
          {users.map((u) => (
            <tr key={u.id} {...rowAttributes(u)} class={u.active ? '' : 'inactive'}>
              <td class="mono">{u.username}</td>
              <td>{u.display_name}</td>
              <td>{roleOf(u)}</td>
              <td>{u.region?.name ?? '—'}</td>
              <td>{u.townships.length ? u.townships.map((tw) => tw.name).join('、') : '—'}</td>
              <td>{u.unit?.name ?? '—'}</td>
              <td>
                <State user={u} />
              </td>
              <td>
                <LastLogin user={u} />
              </td>
              <td>
                {actions(u)}
                <Devices userId={u.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UserActions({
  user: u,
  self,
  busy,
  confirming,
  onEdit,
  onToggle,
  onAskReset,
  onCancelReset,
  onReset,
}: {
  user: AdminUser;
  self: boolean;
  busy: boolean;
  confirming: boolean;
  onEdit: () => void;
  onToggle: () => void;
  onAskReset: () => void;
  onCancelReset: () => void;
  onReset: () => void;
}) {
  if (confirming)
    return (
      <div class="admin-actions" role="group">
        <span>{t('users.resetConfirm', { name: u.display_name || u.username })}</span>
        <button
          type="button"
          class="btn btn-small btn-danger"
          disabled={busy}
          data-testid="user-reset-confirm"
          onClick={onReset}
        >
          {t('users.reset')}
        </button>
        <button type="button" class="btn btn-small" onClick={onCancelReset}>
          {t('admin.cancel')}
        </button>
      </div>
    );
  return (
    <div class="admin-actions" role="group">
      <button type="button" class="btn btn-small" data-testid="user-edit-open" onClick={onEdit}>
        {t('users.edit')}
      </button>
      <button
        type="button"
        class="btn btn-small"
        data-testid="user-reset"
        disabled={busy || self}
        onClick={onAskReset}
      >
        {t('users.reset')}
      </button>
      <button
        type="button"
        class={`btn btn-small${u.active ? ' btn-danger' : ''}`}
        data-testid="user-toggle-active"
        disabled={busy || self}
        onClick={onToggle}
      >
        {u.active ? t('users.deactivate') : t('users.reactivate')}
      </button>
    </div>
  );
}
