/** One-time passwords to hand over: shown this once, printable (only this list is printed). */
import { t } from '../../i18n';

export interface Handover {
  username: string;
  display_name?: string;
  password: string;
}

export function OneTimePasswords({ items, onClose }: { items: Handover[]; onClose?: () => void }) {
  return (
    <section class="card one-time print-only-this" data-testid="one-time-passwords">
      <h2>{t('users.oneTime')}</h2>
      <p class="hint">{t('users.oneTimeHint')}</p>
      <table class="table">
        <thead>
          <tr>
            <th>{t('users.username')}</th>
            <th>{t('users.displayName')}</th>
            <th>{t('users.oneTime')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.username} data-testid="one-time-row" data-username={item.username}>
              <td class="mono">{item.username}</td>
              <td>{item.display_name ?? ''}</td>
              <td class="mono one-time-password" data-testid="one-time-password">
                {item.password}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="admin-actions no-print">
        <button
          type="button"
          class="btn btn-primary"
          data-testid="one-time-print"
          onClick={() => window.print()}
        >
          {t('users.print')}
        </button>
        {onClose && (
          <button type="button" class="btn" data-testid="one-time-close" onClick={onClose}>
            {t('users.close')}
          </button>
        )}
      </div>
    </section>
  );
}
