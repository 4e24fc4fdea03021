import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api';
import type { TemplateBody } from '../../src/api/templates';
import { serverItemErrors } from '../../src/components/office/TemplateEditor';
import {
  blankItem,
  bodyOf,
  cleanBody,
  hasErrors,
  moveItem,
  validateTemplate,
  withKind,
} from '../../src/lib/template-editor';

const body = (over: Partial<TemplateBody> = {}): TemplateBody => ({
  name: '道路检查',
  county_id: 7,
  series_ids: [],
  kinds: [],
  items: [{ ...blankItem('yes_no_na'), label: '路面平整' }],
  ...over,
});

describe('validateTemplate', () => {
  it('accepts a named checklist with one labelled item', () => {
    expect(hasErrors(validateTemplate(body()))).toBe(false);
  });

  it('needs a name and at least one item', () => {
    const errors = validateTemplate(body({ name: ' ', items: [] }));
    expect(errors.name).toBe('required');
    expect(errors.noItems).toBe(true);
  });

  it('needs two distinct options for a choice and a bad answer among them', () => {
    const item = {
      ...blankItem('choice'),
      label: '卫生',
      options: ['好', '好'],
      bad_answer: ['差'],
    };
    expect(validateTemplate(body({ items: [item] })).items[0]).toEqual(['options', 'badAnswer']);
  });

  it('refuses a minimum above the maximum and a photo count outside 1–20', () => {
    const n = { ...blankItem('number'), label: '宽度', minimum: 9, maximum: 3 };
    const p = { ...blankItem('photo'), label: '照片', min_count: 21 };
    const errors = validateTemplate(body({ items: [n, p] }));
    expect(errors.items[0]).toEqual(['range']);
    expect(errors.items[1]).toEqual(['minCount']);
  });
});

describe('editing items', () => {
  it('moves an item up and down within the list', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the label and required flag when the kind changes, drops the rest', () => {
    const item = { ...blankItem('number'), label: '宽度', minimum: 1, required: false };
    const changed = withKind(item, 'photo');
    expect(changed).toMatchObject({ kind: 'photo', label: '宽度', required: false, minimum: null });
    expect(changed.min_count).toBe(1);
  });

  it('sends only the fields of each kind, trimmed', () => {
    const item = {
      ...blankItem('choice'),
      label: ' 卫生 ',
      options: ['好', ' 差 ', ''],
      bad_answer: ['差'],
      minimum: 3,
    };
    const [sent] = cleanBody(body({ items: [item] })).items;
    expect(sent).toMatchObject({ label: '卫生', options: ['好', '差'], bad_answer: ['差'] });
    expect(sent!.minimum).toBeNull();
    expect(sent!.opens_problem).toBe(false);
  });

  it('turns a stored version back into a body in item order', () => {
    const b = bodyOf({
      id: 't',
      category: 'general',
      name: '旧版',
      version: 2,
      active: true,
      county_id: 7,
      series_ids: [3],
      kinds: ['random'],
      items: [
        {
          id: 'b',
          position: 2,
          kind: 'text',
          label: '二',
          required: false,
          options: null,
          unit: null,
          hint: null,
        },
        {
          id: 'a',
          position: 1,
          kind: 'text',
          label: '一',
          required: true,
          options: null,
          unit: null,
          hint: null,
        },
      ],
    });
    expect(b.items.map((i) => i.label)).toEqual(['一', '二']);
    expect(b.series_ids).toEqual([3]);
    expect('id' in b.items[0]!).toBe(false);
  });
});

describe('serverItemErrors', () => {
  it("words the server's per-item refusals with the item's number counted from 1", () => {
    const err = new ApiError(422, 'validation_error', '检查表有误', {
      body: { errors: { items: { '2': { bad_answer: ['算问题的回答须为选项之一'] } } } },
    });
    expect(serverItemErrors(err)).toEqual(['第 3 项：算问题的回答须为选项之一']);
  });

  it('passes a message about the whole list through', () => {
    const err = new ApiError(422, 'validation_error', '检查表有误', {
      body: { errors: { items: ['检查表至少要有 1 道题（最多 200 道）'] } },
    });
    expect(serverItemErrors(err)).toEqual(['检查表至少要有 1 道题（最多 200 道）']);
  });
});
