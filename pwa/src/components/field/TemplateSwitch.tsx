/** Which checklist this inspection uses: the one picked for the project and kind, switchable
 * to another allowed one until the first item is answered (an inspection keeps its version). */
import { t } from '../../i18n';
import type { TemplateData } from '../../lib/field-records';

export function TemplateSwitch({
  current,
  choices,
  onSwitch,
}: {
  current: TemplateData | null;
  choices: TemplateData[];
  onSwitch: (templateId: string) => void;
}) {
  const options =
    current && !choices.some((c) => c.id === current.id) ? [current, ...choices] : choices;
  if (options.length < 2) return null;
  return (
    <label class="card template-switch" data-testid="template-switch">
      <span>{t('tpl.capture.template')}</span>
      <select
        value={current?.id ?? ''}
        data-testid="template-switch-select"
        onChange={(e) => e.currentTarget.value && onSwitch(e.currentTarget.value)}
      >
        {!current && <option value="">—</option>}
        {options.map((tpl) => (
          <option key={tpl.id} value={tpl.id}>
            {t('tpl.nameVersion', { name: tpl.name, n: tpl.version })}
          </option>
        ))}
      </select>
      <span class="hint">{t('tpl.capture.switchHint')}</span>
    </label>
  );
}
