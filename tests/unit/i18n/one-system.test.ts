import { describe, expect, it } from 'vitest';
import { dateFormat, fillPlaceholders, formatNumber, intlLocale, numberFormat } from '../../../utils/i18n/locale';
import * as page from '../../../utils/i18n/messages/page';

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]))].sort();

describe('one i18n system for the panel and the pages', () => {
  it('maps a locale to Intl in one place, Arabic with Arabic-Indic digits', () => {
    expect(intlLocale('ar')).toBe('ar-EG');
    expect(intlLocale('en')).toBe('en-GB');
    expect(formatNumber('ar', 1234)).toBe('١٬٢٣٤');
    expect(formatNumber('en', 0.25, { style: 'percent' })).toBe('25%');
    expect(numberFormat('ar', { style: 'percent' })).toBe(numberFormat('ar', { style: 'percent' })); // made once
    expect(dateFormat('en', { day: 'numeric', month: 'short' }).format(new Date(2026, 2, 3))).toBe('3 Mar');
  });

  it('fills {name} placeholders literally, numbers in the locale’s digits, text isolated only when asked', () => {
    expect(fillPlaceholders('ar', '{count} من {max}', { count: 3, max: 20 }, { isolate: false })).toBe('٣ من ٢٠');
    expect(fillPlaceholders('en', 'Follow {name}', { name: '$& Co' }, { isolate: false })).toBe('Follow $& Co');
    expect(fillPlaceholders('en', 'Follow {name}', { name: 'Acme' }, { isolate: true })).toBe('Follow \u2068Acme\u2069');
    expect(fillPlaceholders('en', '{constructor} {missing}', {}, { isolate: true })).toBe('{constructor} {missing}');
  });

  it('has every page string in Arabic, with the same placeholders', () => {
    expect(Object.keys(page.ar).sort()).toEqual(Object.keys(page.en).sort());
    for (const [key, text] of Object.entries(page.en)) {
      expect(placeholders(page.ar[key as page.PageTextKey]), key).toEqual(placeholders(text));
    }
  });
});
