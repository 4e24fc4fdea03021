import { describe, expect, it } from 'vitest';
import type { TemplateData } from '../../src/lib/field-records';
import {
  allowedTemplates,
  badAnswers,
  isBadAnswer,
  pickTemplate,
  rankedTemplates,
} from '../../src/lib/template-pick';

const tpl = (id: string, over: Partial<TemplateData> = {}): TemplateData => ({
  id,
  category: 'general',
  name: id,
  version: 1,
  active: true,
  county_id: null,
  series_ids: null,
  kinds: null,
  items: [],
  ...over,
});

const ctx = { projectName: '某村道路硬化', countyId: 7, seriesId: 3, kind: 'random' };

describe('allowedTemplates', () => {
  it('leaves out another county, a retired version, another series and another kind', () => {
    const all = [
      tpl('mine', { county_id: 7 }),
      tpl('other-county', { county_id: 8 }),
      tpl('old', { county_id: 7, active: false }),
      tpl('other-series', { series_ids: [4] }),
      tpl('other-kind', { kinds: ['revisit'] }),
      tpl('default'),
    ];
    expect(allowedTemplates(all, ctx).map((t) => t.id)).toEqual(['mine', 'default']);
  });

  it('treats an empty series or kind list as any', () => {
    expect(allowedTemplates([tpl('x', { series_ids: [], kinds: [] })], ctx)).toHaveLength(1);
  });

  it('refuses a series-bound template for a project without a series', () => {
    expect(allowedTemplates([tpl('s', { series_ids: [3] })], { ...ctx, seriesId: null })).toEqual(
      [],
    );
  });
});

describe('pickTemplate', () => {
  it("prefers the county's own template to a default", () => {
    const all = [tpl('road', { category: 'road' }), tpl('mine', { county_id: 7 })];
    expect(pickTemplate(all, ctx)?.id).toBe('mine');
  });

  it('prefers one naming the series or kind to one for any', () => {
    const all = [
      tpl('any', { county_id: 7 }),
      tpl('kind', { county_id: 7, kinds: ['random'] }),
      tpl('both', { county_id: 7, kinds: ['random'], series_ids: [3] }),
    ];
    expect(rankedTemplates(all, ctx).map((t) => t.id)).toEqual(['both', 'kind', 'any']);
  });

  it("among defaults takes the project name's keyword category, then general", () => {
    const all = [
      tpl('general'),
      tpl('road', { category: 'road' }),
      tpl('toilet', { category: 'rural_toilet' }),
    ];
    expect(pickTemplate(all, ctx)?.id).toBe('road');
    expect(pickTemplate(all, { ...ctx, projectName: '村民活动中心' })?.id).toBe('general');
  });

  it('among defaults puts the keyword category before one naming the kind', () => {
    const all = [tpl('kind-default', { kinds: ['random'] }), tpl('road', { category: 'road' })];
    expect(rankedTemplates(all, ctx).map((t) => t.id)).toEqual(['road', 'kind-default']);
  });

  it('is null when nothing is allowed', () => {
    expect(pickTemplate([tpl('x', { county_id: 9 })], ctx)).toBeNull();
  });
});

describe('isBadAnswer', () => {
  it('counts 否 as bad only when the item says so', () => {
    expect(isBadAnswer({ kind: 'yes_no_na', bad_answer: 'no' }, 'no')).toBe(true);
    expect(isBadAnswer({ kind: 'yes_no_na', bad_answer: 'yes' }, 'no')).toBe(false);
    expect(isBadAnswer({ kind: 'yes_no_na', bad_answer: 'yes' }, 'yes')).toBe(true);
  });

  it('finds no bad answer on an item without one', () => {
    expect(isBadAnswer({ kind: 'yes_no_na', bad_answer: null }, 'no')).toBe(false);
    expect(isBadAnswer({ kind: 'yes_no_na' }, 'no')).toBe(false);
  });

  it('checks single and multiple choices against the bad options', () => {
    const item = { kind: 'multiple_choice', bad_answer: ['无水', '脏乱'] };
    expect(isBadAnswer(item, ['干净', '脏乱'])).toBe(true);
    expect(isBadAnswer(item, ['干净'])).toBe(false);
    expect(isBadAnswer({ kind: 'choice', bad_answer: ['较差'] }, '较差')).toBe(true);
    expect(isBadAnswer({ kind: 'choice', bad_answer: ['较差'] }, '良好')).toBe(false);
  });

  it('ignores an empty answer', () => {
    expect(isBadAnswer({ kind: 'yes_no_na', bad_answer: 'no' }, null)).toBe(false);
  });

  it('lists bad answers', () => {
    expect(badAnswers({ kind: 'yes_no_na', bad_answer: 'yes' })).toEqual(['yes']);
    expect(badAnswers({ kind: 'choice', bad_answer: null })).toEqual([]);
  });
});
