/**
 * The public test set (tests/fixtures/search/queries.json): natural phrases, inflected English, Arabic with
 * clitics, Gulf and Egyptian dialect words, Arabizi and mixed queries over the built-in pack, scored as top-1 and
 * top-3 per group. The floors sit a little under what the search scores today, far above the all-words-must-match
 * search it replaced (31 % top-3 overall), so a ranking regression fails here.
 */
import { describe, expect, it } from 'vitest';
import { searchTemplates } from '../../../utils/search';
import { formatScores, packTemplates, scoreTestSet, TEST_SET } from '../../fixtures/search/score';

const templates = packTemplates();
const scores = scoreTestSet((q) => searchTemplates(templates, q).map((t) => t.id));
const share = (n: number, of: number) => n / of;

describe('search test set', () => {
  it('has at least 150 queries in every group, each expecting templates that exist', () => {
    expect(TEST_SET.queries.length).toBeGreaterThanOrEqual(150);
    const ids = new Set(templates.map((t) => t.id));
    for (const q of TEST_SET.queries) for (const id of q.expect) expect(ids.has(id), `${q.query} → ${id}`).toBe(true);
    expect(new Set(TEST_SET.queries.map((q) => q.group))).toEqual(
      new Set(['english', 'arabic', 'gulf', 'egyptian', 'arabizi', 'mixed']),
    );
  });

  it('finds an expected template in the first three for at least 95 % of queries, first for 90 %', () => {
    console.log(formatScores('search test set (group, queries, top-1, top-3)', scores));
    const all = scores[scores.length - 1];
    expect(share(all.top3, all.count), `missed: ${all.misses.join(' / ')}`).toBeGreaterThanOrEqual(0.95);
    expect(share(all.top1, all.count)).toBeGreaterThanOrEqual(0.9);
  });

  it.each(['english', 'arabic', 'gulf', 'egyptian', 'arabizi', 'mixed'])(
    '%s: top-3 at least 90 %, top-1 at least 80 %',
    (group) => {
      const row = scores.find((r) => r.group === group);
      expect(row).toBeDefined();
      if (!row) return;
      expect(share(row.top3, row.count), `missed: ${row.misses.join(' / ')}`).toBeGreaterThanOrEqual(0.9);
      expect(share(row.top1, row.count)).toBeGreaterThanOrEqual(0.8);
    },
  );
});

describe('search finds what the issue tried', () => {
  const top3 = (q: string) => searchTemplates(templates, q, { limit: 3 }).map((t) => t.id);

  it.each([
    ['delayed', 'care.delay.en'],
    ['refunds', 'care.refund.en'],
    ['sorry about the delayed order', 'care.delay.en'],
    ['والاسترجاع', 'care.refund.ar'],
    ['اقتراحاتكم', 'care.feedback.ar'],
    ['shukran', 'care.thanks.ar'],
    ['bkam', 'care.price.ar'],
    ['ta2khir', 'care.delay.ar'],
  ])('%s → %s in the first three', (query, id) => {
    expect(top3(query)).toContain(id);
  });

  it('lists templates for a phrase with words that match nothing', () => {
    expect(top3('please help me with a refunds question xyzzy')[0]).toBe('care.refund.en');
  });

  it('reads a Latin word as Arabizi only when it has no match as typed or has a digit', () => {
    // "hello" spells the skeleton of حالة, but it is an English word here (it matches nothing in the pack,
    // so it may be read as Arabizi; "order" matches and is not).
    expect(top3('order')[0]).toBe('care.order-status.en');
  });
});
