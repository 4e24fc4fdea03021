/**
 * The bulletin's period and area: one chip per kind of period (month, half-months, quarter, year
 * to date, custom) and the one or two inputs that kind needs; a county picker when the office
 * oversees more than one.
 */
import type { Ref } from '../../api/types';
import { t } from '../../i18n';
import { PERIOD_KINDS, recentQuarters, type PeriodChoice } from '../../lib/bulletin-period';
import { Field } from '../ui';

const MONTH_KINDS = new Set(['month', 'first-half', 'second-half']);

function quarterLabel(quarter: string): string {
  return t('bulletin.quarterOption', { year: quarter.slice(0, 4), q: quarter.slice(-1) });
}

/** The value of the input that fired `event`. */
const valueOf = (event: Event) =>
  (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;

export function BulletinPeriodForm({
  choice,
  today,
  counties,
  onChange,
}: {
  choice: PeriodChoice;
  today: string;
  counties: Ref[];
  onChange: (patch: Partial<PeriodChoice>) => void;
}) {
  const quarters = recentQuarters(today, 12);
  if (!quarters.includes(choice.quarter)) quarters.push(choice.quarter);
  return (
    <form
      class="bulletin-period"
      onSubmit={(e) => e.preventDefault()}
      data-testid="bulletin-period"
    >
      <div class="chips" role="group" aria-label={t('bulletin.period')}>
        {PERIOD_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            class={`chip${choice.kind === kind ? ' active' : ''}`}
            aria-pressed={choice.kind === kind}
            data-testid={`bulletin-kind-${kind}`}
            onClick={() => onChange({ kind })}
          >
            {t(`bulletin.kind.${kind}`)}
          </button>
        ))}
      </div>
      <div class="bulletin-inputs">
        {MONTH_KINDS.has(choice.kind) && (
          <Field id="bulletin-month" label={t('bulletin.month')}>
            <input
              id="bulletin-month"
              type="month"
              value={choice.month}
              max={today.slice(0, 7)}
              data-testid="bulletin-month"
              onChange={(e) => valueOf(e) && onChange({ month: valueOf(e) })}
            />
          </Field>
        )}
        {choice.kind === 'quarter' && (
          <Field id="bulletin-quarter" label={t('bulletin.quarter')}>
            <select
              id="bulletin-quarter"
              value={choice.quarter}
              data-testid="bulletin-quarter"
              onChange={(e) => onChange({ quarter: valueOf(e) })}
            >
              {quarters.map((q) => (
                <option key={q} value={q}>
                  {quarterLabel(q)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {choice.kind === 'custom' && (
          <>
            <Field id="bulletin-from" label={t('bulletin.from')}>
              <input
                id="bulletin-from"
                type="date"
                value={choice.from}
                max={today}
                data-testid="bulletin-from"
                onChange={(e) => onChange({ from: valueOf(e) })}
              />
            </Field>
            <Field id="bulletin-to" label={t('bulletin.to')}>
              <input
                id="bulletin-to"
                type="date"
                value={choice.to}
                max={today}
                data-testid="bulletin-to"
                onChange={(e) => onChange({ to: valueOf(e) })}
              />
            </Field>
          </>
        )}
        {counties.length > 1 && (
          <Field id="bulletin-county" label={t('bulletin.county')}>
            <select
              id="bulletin-county"
              value={choice.county}
              data-testid="bulletin-county"
              onChange={(e) => onChange({ county: valueOf(e) })}
            >
              <option value="">{t('bulletin.allCounties')}</option>
              {counties.map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
    </form>
  );
}
