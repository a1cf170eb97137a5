import { describe, expect, it } from 'vitest';
import { parseGuidancePack, validateGuidancePack } from '../../../utils/guidance/parse-pack';
import { GUIDANCE_PACK_FORMAT_VERSION } from '../../../utils/schemas/guidance-pack';
import type { TemplateField } from '../../../utils/schemas/template';
import { formatFieldDate, formFields, needsForm, renderTemplate } from '../../../utils/templates/render';
import { smallPack } from '../pack-fixtures';

const METHOD: TemplateField = {
  name: 'refundMethod',
  type: 'choice',
  required: true,
  options: [
    { value: 'card', label: 'your card' },
    { value: 'cash', label: 'cash' },
    { value: 'wallet', label: 'your wallet' },
  ],
};
const refund = {
  lang: 'en',
  body: 'Refund for #{{cursor}} to {{refundMethod}}.{{#if refundMethod = card}} Banks take 5 days.{{else}} Ready now.{{/if}}',
  fields: [METHOD],
  variants: { x: 'Refund #{{cursor}}: {{refundMethod}}' },
};

const template = (overrides: Record<string, unknown>) => ({
  id: 't1',
  title: 'T',
  lang: 'en',
  status: 'approved',
  body: 'x',
  ...overrides,
});
const problemsOf = (templates: unknown[]) => {
  const result = validateGuidancePack(smallPack({ formatVersion: 2, templates: templates as never }));
  return result.ok ? [] : result.problems.map((p) => [p.path, p.code]);
};

describe('typed fields and conditions', () => {
  it('inserts the chosen label and the text of the matching condition', () => {
    expect(renderTemplate(refund, { fields: { refundMethod: 'card' } }).text).toBe(
      'Refund for # to your card. Banks take 5 days.',
    );
    expect(renderTemplate(refund, { fields: { refundMethod: 'wallet' } }).text).toBe('Refund for # to your wallet. Ready now.');
  });

  it('asks for a required field before inserting, and not for an optional one', () => {
    expect(renderTemplate(refund).missing).toEqual(['refundMethod']);
    expect(needsForm(refund)).toBe(true);
    const optional = { ...refund, fields: [{ ...METHOD, required: false }] };
    expect(needsForm(optional)).toBe(false);
    expect(renderTemplate(optional).text).toBe('Refund for # to . Ready now.');
  });

  it('puts the caret where {{cursor}} is, and selects its placeholder', () => {
    const { text, cursor } = renderTemplate(refund, { fields: { refundMethod: 'cash' } });
    expect(cursor).toEqual({ start: text.indexOf('#') + 1, end: text.indexOf('#') + 1 });
    const placeholder = renderTemplate({ lang: 'en', body: 'Order {{cursor|number}} ok' });
    expect(placeholder.text.slice(placeholder.cursor?.start, placeholder.cursor?.end)).toBe('number');
  });

  it('writes a date in the reply’s language and the calendar the field asks for', () => {
    expect(formatFieldDate('2026-03-12', 'en', 'gregory')).toBe('March 12, 2026');
    expect(formatFieldDate('2026-03-12', 'en', 'hijri')).toMatch(/Ramadan 23, 1447/);
    const arabic = formatFieldDate('2026-03-12', 'ar', 'both');
    expect(arabic).toContain('مارس');
    expect(arabic).toContain('رمضان');
  });

  it('writes a number in the reply’s digits with its unit, and a toggle as yes/no', () => {
    const fields: TemplateField[] = [
      { name: 'amount', type: 'number', unit: 'ر.س' },
      { name: 'gift', type: 'toggle' },
    ];
    const out = renderTemplate(
      { lang: 'ar-EG', body: '{{amount}} {{#if gift}}هدية{{else}}بلا هدية{{/if}}', fields },
      { fields: { amount: '250', gift: 'false' } },
    );
    expect(out.text).toBe('٢٥٠ ر.س بلا هدية');
    expect(renderTemplate({ lang: 'ar', body: '{{#if gift}}هدية{{/if}}', fields }, { fields: { gift: 'true' } }).text).toBe(
      'هدية',
    );
  });

  it('uses the platform’s variant and lists the form’s fields in the order the text uses them', () => {
    expect(renderTemplate(refund, { platform: 'x', fields: { refundMethod: 'cash' } }).text).toBe('Refund #: cash');
    expect(renderTemplate(refund, { platform: 'facebook', fields: { refundMethod: 'cash' } }).text).toContain('Ready now.');
    const form = formFields({ lang: 'en', body: '{{order}} {{refundMethod}} {{commenter.name}}', fields: [METHOD] });
    expect(form.map((f) => [f.name, f.type])).toEqual([
      ['order', 'text'],
      ['refundMethod', 'choice'],
    ]);
  });

  it('includes another template’s text', () => {
    const signOff = { lang: 'en', body: '— {{agent.name|The team}}' };
    const out = renderTemplate(
      { lang: 'en', body: 'Thanks! {{> care.sign-off}}' },
      { include: (id) => (id === 'care.sign-off' ? signOff : undefined) },
    );
    expect(out.text).toBe('Thanks! — The team');
  });
});

describe('pack checks on import, with JSON paths', () => {
  it('refuses unbalanced conditions, unknown fields and unknown choices', () => {
    expect(
      problemsOf([
        template({ id: 'a', body: '{{#if refundMethod = card}}x', fields: [METHOD] }),
        template({ id: 'b', body: '{{#if method}}x{{/if}}' }),
        template({ id: 'c', body: 'ok', variants: { x: '{{#if refundMethod = cheque}}x{{/if}}' }, fields: [METHOD] }),
        template({ id: 'd', body: 'ok', fields: [{ name: 'm', type: 'choice', options: [{ value: 'a' }, { value: 'a' }] }] }),
      ]),
    ).toEqual([
      ['templates[0].body', 'body-unbalanced'],
      ['templates[1].body', 'condition-unknown-field'],
      ['templates[2].variants.x', 'condition-unknown-choice'],
      ['templates[3].fields[0].options[1].value', 'duplicate-option'],
    ]);
  });

  it('refuses an include of a template not in the pack, and a circle of includes naming it', () => {
    const result = validateGuidancePack(
      smallPack({
        formatVersion: 2,
        templates: [
          template({ id: 'a', body: 'A {{> b}}' }),
          template({ id: 'b', body: 'B {{> c}}' }),
          template({ id: 'c', body: 'C {{> a}} {{> nowhere}}' }),
        ] as never,
      }),
    );
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['templates[0].body', 'include-cycle'],
      ['templates[1].body', 'include-cycle'],
      ['templates[2].body', 'include-unknown'],
      ['templates[2].body', 'include-cycle'],
    ]);
    expect(problems[0].message).toContain('a → b → c → a');
  });
});

describe('format 1 packs', () => {
  it('are read as format 2, unchanged', () => {
    const result = parseGuidancePack(JSON.stringify(smallPack({ formatVersion: 1 })));
    expect(result.ok && result.pack.formatVersion).toBe(GUIDANCE_PACK_FORMAT_VERSION);
    expect(result.ok && result.pack.templates.map((t) => t.body)).toEqual(smallPack().templates.map((t) => t.body));
  });

  it('keep a tag format 2 reads as a directive as the fill-in field it was', () => {
    const v1 = smallPack({
      formatVersion: 1,
      templates: [template({ body: 'Order {{cursor}} {{#ref}} {{else}}' })] as never,
    });
    const result = validateGuidancePack(v1);
    expect(result.ok ? result.pack.templates[0].body : result.problems).toBe('Order {{v1:cursor}} {{v1:#ref}} {{v1:else}}');
    // The same file as format 2 is refused: the directives do not balance.
    expect(validateGuidancePack({ ...v1, formatVersion: 2 }).ok).toBe(false);
  });
});
