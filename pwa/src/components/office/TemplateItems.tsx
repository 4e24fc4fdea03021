/** A checklist's items, read-only: a stored version (older ones cannot be edited) or an
 * XLSForm's preview before it is imported. */
import type { ItemDraft } from '../../api/templates';
import { t } from '../../i18n';
import { badAnswers } from '../../lib/template-pick';

/** "范围 0–100 米 · 整数", "至少 2 张", "选项：好、一般、差" — the settings of an item. */
export function itemDetail(item: ItemDraft): string {
  const parts: string[] = [];
  if (item.options?.length) parts.push(t('tpl.view.options', { options: item.options.join('、') }));
  if (item.kind === 'number') {
    if (item.unit) parts.push(t('tpl.view.unit', { unit: item.unit }));
    if (item.minimum !== null && item.minimum !== undefined)
      parts.push(t('tpl.view.min', { n: item.minimum }));
    if (item.maximum !== null && item.maximum !== undefined)
      parts.push(t('tpl.view.max', { n: item.maximum }));
    if (item.integer) parts.push(t('tpl.capture.integer'));
  }
  if (item.kind === 'photo' && item.min_count)
    parts.push(t('tpl.view.minCount', { n: item.min_count }));
  return parts.join(' · ');
}

export function badText(item: ItemDraft): string {
  const bad = badAnswers(item);
  if (!bad.length) return '';
  const words = bad.map((b) =>
    item.kind === 'yes_no_na' ? t(b === 'yes' ? 'field.check.yes' : 'field.check.no') : b,
  );
  return t(item.opens_problem ? 'tpl.view.badOpens' : 'tpl.view.bad', {
    answers: words.join('、'),
  });
}

export function TemplateItems({
  items,
  testid = 'tpl-items',
}: {
  items: ItemDraft[];
  testid?: string;
}) {
  return (
    <ol class="tpl-view-items" data-testid={testid}>
      {items.map((item, i) => {
        const detail = itemDetail(item);
        const bad = badText(item);
        return (
          <li key={i} class="tpl-view-item" data-testid="tpl-view-item" data-kind={item.kind}>
            <span class="tpl-view-label">
              {item.label}
              {item.required && <span class="req"> *</span>}
            </span>
            <span class="badge">{t(`tpl.kind.${item.kind}`)}</span>
            {detail && <span class="muted tpl-view-detail">{detail}</span>}
            {bad && (
              <span class="tpl-view-bad" data-testid="tpl-view-bad">
                {bad}
              </span>
            )}
            {item.hint && <span class="hint">{item.hint}</span>}
          </li>
        );
      })}
    </ol>
  );
}
