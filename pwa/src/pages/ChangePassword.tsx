/**
 * 修改密码: the current password and the new one twice. Forced after a login with a one-time
 * password (a new account, an administrator's reset) — then the app goes on to where it was
 * going; else reached from 设置.
 */
import { useState } from 'preact/hooks';
import { me, type Session } from '../api';
import { changeOwnPassword } from '../api/admin';
import '../styles/admin.css';
import { t } from '../i18n';
import { errorMessage } from '../components/ui';
import { fieldMessages, FormActions, InputField } from '../components/form';

type Field = 'current_password' | 'new_password' | 'repeat';

/** The local checks before asking the server (which applies its own rules too). */
export function checkPasswords(values: Record<Field, string>): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const key of ['current_password', 'new_password', 'repeat'] as const)
    if (!values[key]) errors[key] = t('password.required');
  if (values.new_password && values.repeat && values.new_password !== values.repeat)
    errors.repeat = t('password.mismatch');
  return errors;
}

export function ChangePassword({
  forced = false,
  onChanged,
}: {
  forced?: boolean;
  /** The fresh session after the change (the account no longer must change its password). */
  onChanged: (session: Session) => void;
}) {
  const [values, setValues] = useState<Record<Field, string>>({
    current_password: '',
    new_password: '',
    repeat: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const set = (key: Field, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setDone(false);
  };

  async function submit(e: Event) {
    e.preventDefault();
    const local = checkPasswords(values);
    setErrors(local);
    setError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await changeOwnPassword(values.current_password, values.new_password);
      setValues({ current_password: '', new_password: '', repeat: '' });
      setDone(true);
      const session = await me();
      if (session) onChanged(session);
    } catch (err) {
      setErrors(fieldMessages(err));
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const input = (key: Field, label: string, autocomplete: string) => (
    <InputField
      id={`pw-${key}`}
      name={key}
      type="password"
      label={label}
      testid={`password-${key.replace('_password', '')}`}
      autocomplete={autocomplete}
      error={errors[key]}
      value={values[key]}
      onValue={(value) => set(key, value)}
      required
    />
  );

  return (
    <section class="page password-page" data-testid="change-password">
      <h1>{t('password.title')}</h1>
      {forced && (
        <p class="alert alert-info" role="status" data-testid="password-forced">
          {t('password.forced')}
        </p>
      )}
      <form class="card form-grid password-form" onSubmit={submit} noValidate>
        {input(
          'current_password',
          forced ? t('password.currentOneTime') : t('password.current'),
          'current-password',
        )}
        {input('new_password', t('password.new'), 'new-password')}
        {input('repeat', t('password.repeat'), 'new-password')}
        <p class="hint span-all">{t('password.rules')}</p>
        <FormActions
          testid="password"
          error={error}
          success={done && t('password.done')}
          busy={busy}
          submitLabel={t('password.submit')}
        />
      </form>
    </section>
  );
}
