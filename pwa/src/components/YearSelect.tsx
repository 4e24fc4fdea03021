/** 年度: a select of batch years (each year with projects), optionally with 全部年度. */
import { t } from '../i18n';
import { ALL_YEARS, yearOptions } from '../lib/batch-year';

export function YearSelect({
  years,
  value,
  onValue,
  withAll = false,
  testid = 'batch-year',
}: {
  years: readonly number[];
  value: string | null;
  onValue: (year: string) => void;
  withAll?: boolean;
  testid?: string;
}) {
  return (
    <label class="year-select">
      <span>{t('year.label')}</span>{' '}
      <select
        data-testid={testid}
        value={value ?? ''}
        onChange={(e) => onValue(e.currentTarget.value)}
      >
        {yearOptions(years, value).map((y) => (
          <option key={y} value={String(y)}>
            {t('year.option', { year: y })}
          </option>
        ))}
        {withAll && <option value={ALL_YEARS}>{t('year.all')}</option>}
      </select>
    </label>
  );
}
