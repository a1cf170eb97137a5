/**
 * Counts read right in both languages: one plural helper (`plural`, through `Intl.PluralRules`) and
 * `{n, plural, …}` blocks in the catalogues, Arabic with its six forms and Arabic-Indic digits.
 */
import { describe, expect, it } from 'vitest';
import { fillPlaceholders, type PluralForms, plural, pluralCategory } from '../../../utils/i18n/locale';
import { ar, en } from '../../../utils/i18n/messages';
import * as page from '../../../utils/i18n/messages/page';
import { translate } from '../../../utils/i18n/panel-text';

const ADS: PluralForms = {
  zero: 'لا إعلانات',
  one: 'إعلان واحد',
  two: 'إعلانان',
  few: '# إعلانات',
  many: '# إعلانًا',
  other: '# إعلان',
};

describe('plural forms', () => {
  it('picks each of Arabic’s six forms, with Arabic-Indic digits', () => {
    const cases: Array<[number, string, string]> = [
      [0, 'zero', 'لا إعلانات'],
      [1, 'one', 'إعلان واحد'],
      [2, 'two', 'إعلانان'],
      [3, 'few', '٣ إعلانات'],
      [10, 'few', '١٠ إعلانات'],
      [11, 'many', '١١ إعلانًا'],
      [99, 'many', '٩٩ إعلانًا'],
      [100, 'other', '١٠٠ إعلان'],
      [101, 'other', '١٠١ إعلان'],
      [102, 'other', '١٠٢ إعلان'],
    ];
    for (const [n, category, text] of cases) {
      expect(pluralCategory('ar', n), String(n)).toBe(category);
      expect(plural('ar', n, ADS), String(n)).toBe(text);
    }
    // The last two digits decide above a hundred: 103 takes the 3–10 form, 111 the 11–99 form.
    expect(plural('ar', 103, ADS)).toBe('١٠٣ إعلانات');
    expect(plural('ar', 280, ADS)).toBe('٢٨٠ إعلانًا');
  });

  it('picks English’s one and other', () => {
    const forms = { one: '# ad', other: '# ads' };
    expect([0, 1, 2, 1000].map((n) => plural('en', n, forms))).toEqual(['0 ads', '1 ad', '2 ads', '1,000 ads']);
    expect(plural('en', 0, { '=0': 'no ads', ...forms })).toBe('no ads');
  });

  it('reads {n, plural, …} blocks in messages, filling their own placeholders and leaving values alone', () => {
    const text = 'From {file}: {count, plural, one {# ad from {who}} other {# ads from {who}}}.';
    expect(fillPlaceholders('en', text, { file: 'a.zip', count: 1, who: '#1 $&' }, { isolate: false })).toBe(
      'From a.zip: 1 ad from #1 $&.',
    );
    expect(fillPlaceholders('en', text, { file: 'a.zip', count: 12, who: 'x' }, { isolate: false })).toBe(
      'From a.zip: 12 ads from x.',
    );
    // Without its number a block stays as written, like any placeholder without a value.
    expect(fillPlaceholders('en', text, { file: 'a' }, { isolate: false })).toBe(`From a: ${text.slice(13)}`);
  });

  it('writes the counts people reported right: “Imported 1 ad”, “٣ إعلانات”', () => {
    const imported = (locale: 'ar' | 'en', count: number) => translate(locale, 'swipe.imported', { count });
    expect([0, 1, 2, 3].map((n) => imported('en', n))).toEqual([
      'Imported 0 ads.',
      'Imported 1 ad.',
      'Imported 2 ads.',
      'Imported 3 ads.',
    ]);
    expect([0, 1, 2, 3, 10, 11, 99, 100, 101, 102].map((n) => imported('ar', n))).toEqual([
      'لم يُستورد أي إعلان.',
      'تم استيراد إعلان واحد.',
      'تم استيراد إعلانين.',
      'تم استيراد ٣ إعلانات.',
      'تم استيراد ١٠ إعلانات.',
      'تم استيراد ١١ إعلانًا.',
      'تم استيراد ٩٩ إعلانًا.',
      'تم استيراد ١٠٠ إعلان.',
      'تم استيراد ١٠١ إعلان.',
      'تم استيراد ١٠٢ إعلان.',
    ]);
    expect(translate('ar', 'settings.imported', { name: 'x', version: 2, count: 4 })).toBe(
      'تم استيراد «\u2068x\u2069» الإصدار ٢: ٤ قوالب.',
    );
    expect(translate('ar', 'sync.sub.every', { minutes: 2 })).toBe('يُتفقَّد كل دقيقتين');
    expect(translate('en', 'sync.sub.every', { minutes: 1 })).toBe('Checked every minute');
  });
});

/** The `{name, plural, …}` blocks of a message: the number's name and the form keys. */
function pluralBlocks(text: string): Array<{ name: string; keys: string[]; start: number; end: number }> {
  const blocks = [];
  const start = /\{(\w+),\s*plural,/g;
  for (let match = start.exec(text); match; match = start.exec(text)) {
    const keys: string[] = [];
    let i = start.lastIndex;
    for (let key = /^\s*(=?\w+)\s*\{/.exec(text.slice(i)); key; key = /^\s*(=?\w+)\s*\{/.exec(text.slice(i))) {
      keys.push(key[1]);
      let depth = 1;
      for (i += key[0].length; depth > 0; i++) depth += text[i] === '{' ? 1 : text[i] === '}' ? -1 : 0;
    }
    i = text.indexOf('}', i) + 1;
    blocks.push({ name: match[1], keys, start: match.index, end: i });
    start.lastIndex = i;
  }
  return blocks;
}

/** A message with its plural blocks cut out: what is left must not count anything itself. */
const outsideBlocks = (text: string) =>
  pluralBlocks(text).reduceRight((rest, b) => rest.slice(0, b.start) + rest.slice(b.end), text);

// A number placeholder followed by the noun it counts: the English "{count} ads" and the Arabic
// "{count} إعلانًا" that read "1 ads" and "٣ إعلانًا".
const EN_COUNTED =
  /\{\w+\}\s+(?:saved |media |log )?(?:ads?|templates?|colou?rs?|problems?|days?|entry|entries|repl(?:y|ies)|times|uses?|characters?|minutes?|checks?|sites?|images?|testimonials?|files?|items?|playbooks?|phrases?|hashtags?)\b/;
const AR_COUNTED =
  /\{\w+\}\s+(?:إعلان|قالب|قوالب|لون|ألوان|مشكل|يوم|أيام|سجل|ردّ|ردود|مرة|مرات|حرف|أحرف|دقيق|دقائق|فحص|فحوص|موقع|مواقع|صور|رأي|آراء|قيد|قيود|ملف|إدخال)/;

const catalogues = { panel: { en, ar }, page: { en: page.en, ar: page.ar } };

describe('every count in the catalogues goes through the plural forms', () => {
  it('writes no number directly before the noun it counts, in either language', () => {
    const found: string[] = [];
    for (const [surface, { en: english, ar: arabic }] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(english))
        if (EN_COUNTED.test(outsideBlocks(text))) found.push(`${surface} en ${key}: ${text}`);
      for (const [key, text] of Object.entries(arabic))
        if (AR_COUNTED.test(outsideBlocks(text))) found.push(`${surface} ar ${key}: ${text}`);
    }
    expect(found).toEqual([]);
  });

  it('gives every Arabic block its six forms and every English block one and other, about the same numbers', () => {
    const problems: string[] = [];
    for (const [surface, { en: english, ar: arabic }] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(arabic)) {
        for (const b of pluralBlocks(text)) {
          const missing = ['zero', 'one', 'two', 'few', 'many', 'other'].filter((k) => !b.keys.includes(k));
          if (missing.length) problems.push(`${surface} ar ${key} {${b.name}}: no ${missing.join(', ')}`);
        }
        // The Arabic counts the numbers the English gives.
        const named = (s: string) => new Set([...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]));
        const englishText = (english as Record<string, string>)[key];
        for (const b of pluralBlocks(text))
          if (!named(englishText).has(b.name)) problems.push(`${surface} ar ${key}: {${b.name}}?`);
      }
      for (const [key, text] of Object.entries(english)) {
        for (const b of pluralBlocks(text))
          if (!b.keys.includes('other') || !(b.keys.includes('one') || b.keys.includes('=1')))
            problems.push(`${surface} en ${key} {${b.name}}: needs one and other`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('every count the interface writes goes through the catalogues', () => {
  it('builds no text from a count and a word in the panel, the picker or the page controls', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join, relative, resolve } = await import('node:path');
    const root = resolve(import.meta.dirname, '../../..');
    const ui = [
      'components',
      'entrypoints/sidepanel',
      'entrypoints/picker',
      'entrypoints/social.content',
      'utils/ad-library-page',
    ];
    const files = ui.flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => join(root, dir, f)),
    );
    // `${shown.length} ads`, `(${problems.length} ✗)`: a count written into text outside the catalogues
    // (a unit such as MB is not a counted noun).
    const countInText = /\$\{[^}]*\b(?:length|count|total|size)\b[^}]*\}[ \u00a0]*(?!(?:MB|ms|px)\b)[^\s`'"$})\],;:.]/;
    const found = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => [line, i] as const)
        .filter(([line]) => countInText.test(line))
        .map(([line, i]) => `${relative(root, file)}:${i + 1}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
