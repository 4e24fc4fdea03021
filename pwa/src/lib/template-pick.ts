/**
 * Which checklist a phone offers (issue 13, the templates contract): the active templates a
 * project's county, series and the inspection kind allow, best first; and which answer counts
 * as a problem (the item's `bad_answer`, not "否" whatever the question means).
 */
import { categoryFor, type ChecklistItem, type TemplateData } from './field-records';

export interface PickContext {
  projectName: string;
  countyId: number | null;
  seriesId: number | null;
  kind: string;
}

const listed = <T>(xs: readonly T[] | null | undefined): xs is readonly T[] =>
  Array.isArray(xs) && xs.length > 0;

/** The active templates allowed for the project and kind (county's own or a default, the
 * series and kind assigned or "any"). */
export function allowedTemplates(
  templates: readonly TemplateData[],
  ctx: PickContext,
): TemplateData[] {
  return templates.filter((tpl) => {
    if (tpl.active === false) return false;
    const county = tpl.county_id ?? null;
    if (county !== null && county !== ctx.countyId) return false;
    if (listed(tpl.series_ids) && (ctx.seriesId === null || !tpl.series_ids.includes(ctx.seriesId)))
      return false;
    if (listed(tpl.kinds) && !tpl.kinds.includes(ctx.kind)) return false;
    return true;
  });
}

/** Sort key, smaller first (server/inspections/designer.py pick_template and candidates
 * order the same way): the county's own before defaults; among the county's own, those naming
 * the series / kind before "any"; among defaults, the keyword category of the project's name,
 * then 'general', then those naming the series / kind. */
function rank(tpl: TemplateData, ctx: PickContext): number[] {
  const named = (listed(tpl.series_ids) ? 0 : 1) + (listed(tpl.kinds) ? 0 : 1);
  if ((tpl.county_id ?? null) !== null) return [0, 0, named];
  const category = categoryFor(ctx.projectName);
  const keyword = tpl.category === category ? 0 : tpl.category === 'general' ? 1 : 2;
  return [1, keyword, named];
}

/** The allowed templates, the default choice first (ties by name, as the server sorts). */
export function rankedTemplates(
  templates: readonly TemplateData[],
  ctx: PickContext,
): TemplateData[] {
  const ranked = allowedTemplates(templates, ctx).map((tpl) => ({ tpl, key: rank(tpl, ctx) }));
  ranked.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
    return a.tpl.name < b.tpl.name ? -1 : a.tpl.name > b.tpl.name ? 1 : 0;
  });
  return ranked.map((r) => r.tpl);
}

/** The template offered by default, or null when none is allowed. */
export function pickTemplate(
  templates: readonly TemplateData[],
  ctx: PickContext,
): TemplateData | null {
  return rankedTemplates(templates, ctx)[0] ?? null;
}

// --- which answer counts as a problem -----------------------------------------------------------

type BadRule = Pick<ChecklistItem, 'kind' | 'bad_answer'>;

/** True when the value is (or, for 多选, contains) one of the item's bad answers. */
export function isBadAnswer(item: BadRule, value: unknown): boolean {
  const bad = item.bad_answer;
  if (bad === null || bad === undefined || value === null || value === undefined) return false;
  const bads = Array.isArray(bad) ? bad : [bad];
  if (Array.isArray(value)) return value.some((v) => bads.includes(String(v)));
  return bads.includes(String(value));
}

/** The bad answers of an item as a list (for the editor and the red marks of a control). */
export function badAnswers(item: BadRule): string[] {
  const bad = item.bad_answer;
  if (bad === null || bad === undefined) return [];
  return Array.isArray(bad) ? bad.map(String) : [String(bad)];
}
