import { describe, expect, it } from 'vitest';
import { normalizeForSearch, searchTemplates } from '../../../utils/search';
import { editDistanceWithin } from '../../../utils/search/template-search';
import { defaultPackData } from '../pack-fixtures';

const templates = defaultPackData().templates.map((t) => ({ ...t, tags: t.tags ?? [] }));
const ids = (query: string, options?: { limit?: number; lang?: string }) =>
  searchTemplates(templates, query, options).map((t) => t.id);

// The fold search uses (utils/search/normalize.ts), which template search, the log and copy rules share.
describe('normalizeForSearch', () => {
  it('folds what Arabic typists vary', () => {
    expect(normalizeForSearch('أإآٱ')).toBe('اااا');
    expect(normalizeForSearch('مكتبة')).toBe('مكتبه');
    expect(normalizeForSearch('على')).toBe('علي');
    expect(normalizeForSearch('شُكْرًا')).toBe('شكرا');
    expect(normalizeForSearch('شـــكرا')).toBe('شكرا');
    expect(normalizeForSearch('٤٨٢١ ۱۲')).toBe('4821 12');
    expect(normalizeForSearch('Hello')).toBe('hello'); // Latin is only lowercased
  });
});

describe('searchTemplates', () => {
  it('finds Arabic templates typed without hamza or tashkeel', () => {
    expect(ids('اسعار')[0]).toBe('care.price.ar');
    expect(ids('تاخير')[0]).toBe('care.delay.ar');
  });

  it('finds them with or without the article', () => {
    expect(ids('الشحن')).toContain('care.shipping.ar');
    expect(ids('شحن')).toContain('care.shipping.ar');
  });

  it('tolerates a typo', () => {
    expect(ids('refnud')[0]).toBe('care.refund.en');
    expect(ids('shiping')[0]).toBe('care.shipping.en');
    expect(ids('استرجغع')[0]).toBe('care.refund.ar');
  });

  it('ranks an exact shortcut first and filters by language', () => {
    expect(ids(';refund')[0]).toBe('care.refund.en');
    expect(ids('refund', { lang: 'ar' }).every((id) => id.endsWith('.ar'))).toBe(true);
    expect(ids('', { limit: 3 })).toHaveLength(3);
  });

  it('answers nothing for nonsense rather than everything', () => {
    expect(ids('zzzzqqq')).toEqual([]);
  });
});

describe('editDistanceWithin', () => {
  it.each([
    ['refund', 'refnud', 1, true],
    ['refund', 'refund', 0, true],
    ['refund', 'rfnd', 1, false],
    ['refund', 'rfnd', 2, true],
    ['abc', 'acb', 1, true],
    ['', 'ab', 1, false],
  ])('%s ~ %s within %d: %s', (a, b, max, expected) => {
    expect(editDistanceWithin(a as string, b as string, max as number)).toBe(expected);
  });
});
