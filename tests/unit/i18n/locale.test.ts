import { describe, expect, it } from 'vitest';
import { directionOf, formatNumber, pluralCategory, resolveLocale, withoutBidiControls } from '../../../utils/i18n/locale';
import { ar, en } from '../../../utils/i18n/messages';
import { translate } from '../../../utils/i18n/panel-text';

describe('UI language', () => {
  it('follows the browser until the user chooses', () => {
    expect(resolveLocale('auto', 'ar')).toBe('ar');
    expect(resolveLocale('auto', 'ar-SA')).toBe('ar');
    expect(resolveLocale('auto', 'en-US')).toBe('en');
    expect(resolveLocale('auto', 'fr')).toBe('en');
    expect(resolveLocale('en', 'ar-EG')).toBe('en');
    expect(resolveLocale('ar', 'en-US')).toBe('ar');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });

  it('has every English string in Arabic, actually translated', () => {
    expect(Object.keys(ar).sort()).toEqual(Object.keys(en).sort());
    const untranslated = Object.entries(ar).filter(
      ([key, text]) => text.trim() === '' || (text === en[key as keyof typeof en] && /[a-z]{4}/i.test(text)),
    );
    expect(untranslated).toEqual([]);
    // Every placeholder of the English string is in the Arabic one.
    for (const [key, text] of Object.entries(en)) {
      // Each name once: a plural block may repeat a placeholder in each of its forms.
      const placeholders = (s: string) =>
        [...new Set([...s.matchAll(/(?<!\{)\{(\w+)(?:\}(?!\})|,\s*plural,)/g)].map((m) => m[1]))].sort();
      expect(placeholders(ar[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it('fills placeholders with literal values', () => {
    expect(translate('en', 'settings.imported', { name: '$& <b>', version: 2, count: 5 })).toBe(
      'Imported “\u2068$& <b>\u2069” version 2: 5 templates.',
    );
    expect(translate('ar', 'templates.count', { shown: 3, total: 20 })).toBe('٣ من ٢٠');
  });

  it('isolates each text value so mixed Arabic and Latin keep their order', () => {
    const text = translate('ar', 'settings.importRejected', { file: 'pack-v2.json', count: 4 });
    expect(text).toBe('لم يُستورد «\u2068pack-v2.json\u2069». الحزمة الحالية لم تتغير. المشكلات (٤):');
    expect(withoutBidiControls(text)).toBe('لم يُستورد «pack-v2.json». الحزمة الحالية لم تتغير. المشكلات (٤):');
  });
});

describe('whole numbers without Intl (content scripts skip its ~30 ms start)', () => {
  const samples = [
    ...Array.from({ length: 2101 }, (_, i) => i),
    9999,
    10000,
    12345,
    99999,
    100000,
    100002,
    100011,
    1234567,
    987654321,
    Number.MAX_SAFE_INTEGER,
  ];

  it.each([
    ['en', 'en-GB'],
    ['ar', 'ar-EG'],
  ] as const)('writes and counts them in %s exactly as Intl does (%s)', (locale, tag) => {
    const format = new Intl.NumberFormat(tag);
    const rules = new Intl.PluralRules(tag);
    for (const n of samples) {
      expect(formatNumber(locale, n)).toBe(format.format(n));
      expect(pluralCategory(locale, n)).toBe(rules.select(n));
    }
  });

  it('leaves fractions, negatives and options to Intl', () => {
    expect(formatNumber('ar', 1.5)).toBe(new Intl.NumberFormat('ar-EG').format(1.5));
    expect(formatNumber('en', -1200)).toBe('-1,200');
    expect(formatNumber('en', 0.25, { style: 'percent' })).toBe('25%');
    expect(pluralCategory('en', 1.5)).toBe('other');
  });
});
