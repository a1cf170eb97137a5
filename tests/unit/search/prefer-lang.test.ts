import { describe, expect, it } from 'vitest';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import { searchTemplates } from '../../../utils/search';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
if (!parsed.ok) throw new Error('the default pack is invalid');
const templates = parsed.pack.templates;
const ids = (list: Array<{ id: string }>) => list.map((t) => t.id);

describe('search with the comment’s language preferred (preferLang)', () => {
  it('puts the pair in the comment’s language above its twin that would otherwise lead', () => {
    // "tracking" and "escalation" are tags of both templates of their pair; the English one leads on its own.
    for (const [query, pair] of [
      ['tracking', 'care.shipping'],
      ['escalation', 'care.escalate'],
    ]) {
      const plain = ids(searchTemplates(templates, query));
      expect(plain.indexOf(`${pair}.en`)).toBeLessThan(plain.indexOf(`${pair}.ar`));
      const arabic = ids(searchTemplates(templates, query, { preferLang: 'ar' }));
      expect(arabic.indexOf(`${pair}.ar`)).toBeLessThan(arabic.indexOf(`${pair}.en`));
      expect(ids(searchTemplates(templates, query, { preferLang: 'en' }))[0]).toBe(`${pair}.en`);
    }
  });

  it('is a boost, not a filter: the other language stays, and a typed shortcut still leads', () => {
    const arabic = ids(searchTemplates(templates, 'tracking', { preferLang: 'ar' }));
    expect(arabic).toContain('care.shipping.en');
    expect(searchTemplates(templates, 'refund', { preferLang: 'ar' })[0].id).toBe('care.refund.en');
  });

  it('lists the preferred language first for a blank query, each language in pack order', () => {
    const all = searchTemplates(templates, '', { preferLang: 'ar' });
    const firstEnglish = all.findIndex((t) => t.lang === 'en');
    expect(all.slice(0, firstEnglish).every((t) => t.lang === 'ar')).toBe(true);
    expect(all.slice(firstEnglish).every((t) => t.lang === 'en')).toBe(true);
    expect(ids(all.filter((t) => t.lang === 'ar'))).toEqual(ids(templates.filter((t) => t.lang === 'ar')));
  });
});
