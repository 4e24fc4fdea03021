/** One-time passwords to hand over: shown this once, printable (only this list is printed). */
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';

export interface Handover {
  username: string;
  display_name?: string;
  password: string;
}

export function OneTimePasswords({ items, onClose }: { items: Handover[]; onClose?: () => void }) {
  const card = useRef<HTMLElement>(null);
  // the list appears at the page's top, maybe far from the row's button: bring it into view
  useEffect(() => card.current?.scrollIntoView?.({ block: 'start' }), [items]);
  return (
    <section ref={card} class="card one-time print-only-this" data-testid="one-time-passwords">
      <h2>{t('users.oneTime')}</h2>
      <p class="hint">{t('users.oneTimeHint')}</p>
      <div class="table-wrap">
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
      </div>
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
