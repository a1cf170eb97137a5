import { describe, expect, it } from 'vitest';
import { diffLines, diffTemplates } from '../../../utils/proposals/proposal-diff';

const base = {
  id: 'care.refund',
  title: 'Refund',
  body: 'Hello {{commenter.firstName}},\nYour refund is on its way.\nThanks!',
  lang: 'en',
  shortcut: ';refund',
  tags: ['care'],
  status: 'approved',
  updatedAt: '2026-11-01T00:00:00Z',
};

describe('what a proposal changes', () => {
  it('is "new" when there is no template to change', () => {
    expect(diffTemplates(undefined, base)).toEqual({ kind: 'new' });
  });

  it('lists each changed field by path; the body line by line; dates and status are not proposals', () => {
    const diff = diffTemplates(base, {
      ...base,
      body: 'Hello {{commenter.firstName}},\nYour refund reaches your card in 5 days.\nThanks!',
      tags: ['care', 'refund'],
      shortcut: undefined,
      category: 'care::refunds',
      status: 'draft',
      updatedAt: '2026-12-06T00:00:00Z',
    });
    if (diff.kind !== 'edit') throw new Error('expected an edit');
    const byPath = Object.fromEntries(diff.changes.map((c) => [c.path, c]));
    expect(Object.keys(byPath).sort()).toEqual(['body', 'category', 'shortcut', 'tags']);
    expect(byPath.body.lines).toEqual([
      { op: 'same', text: 'Hello {{commenter.firstName}},' },
      { op: 'del', text: 'Your refund is on its way.' },
      { op: 'add', text: 'Your refund reaches your card in 5 days.' },
      { op: 'same', text: 'Thanks!' },
    ]);
    expect(byPath.tags).toMatchObject({ kind: 'changed', before: '["care"]', after: '["care","refund"]' });
    expect(byPath.shortcut).toMatchObject({ kind: 'removed', before: ';refund' });
    expect(byPath.category).toMatchObject({ kind: 'added', after: 'care::refunds' });
  });

  it('compares fields it has never heard of, nested ones by their path (variants, typed fields…)', () => {
    const withParts = {
      ...base,
      variants: { x: { body: 'Refund sent.' } },
      fields: [{ name: 'method', choices: ['card', 'cash'] }],
    };
    const diff = diffTemplates(withParts, {
      ...withParts,
      variants: { x: { body: 'Refund sent ✓' }, facebook: { body: 'Longer text' } },
      fields: [{ name: 'method', choices: ['card', 'cash', 'wallet'] }],
    });
    if (diff.kind !== 'edit') throw new Error('expected an edit');
    expect(diff.changes.map((c) => `${c.kind} ${c.path}`).sort()).toEqual([
      'added variants.facebook.body',
      'changed fields[0].choices',
      'changed variants.x.body',
    ]);
  });

  it('finds nothing to show for the same template saved again', () => {
    expect(diffTemplates(base, { ...base, updatedAt: '2027-01-01T00:00:00Z' })).toEqual({ kind: 'edit', changes: [] });
  });

  it('a very long text falls back to all removed, all added rather than a quadratic table', () => {
    const many = Array.from({ length: 600 }, (_, i) => `line ${i}`).join('\n');
    const ops = diffLines(many, `${many}\nmore`);
    expect(ops.filter((o) => o.op === 'same')).toHaveLength(0);
    expect(ops).toHaveLength(1201);
  });
});
