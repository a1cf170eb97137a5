import type { UiLocale } from '../schemas/settings';
import { ar, en, type MessageKey } from './messages';

export type Locale = 'ar' | 'en';

/** The UI language: the user's choice, else the browser's (Arabic for any `ar-*`), else English. */
export function resolveLocale(choice: UiLocale, browserLanguage: string): Locale {
  if (choice !== 'auto') return choice;
  return browserLanguage.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

/**
 * `{name}` placeholders are replaced by literal values (never patterns: `$&` stays `$&`). Text
 * values are bidi-isolated (FSI…PDI), so a Latin file name in an Arabic sentence, or an Arabic
 * name in an English one, keeps its own order and leaves the sentence's order alone.
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = (locale === 'ar' ? ar : en)[key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    return typeof value === 'number' ? formatNumber(locale, value) : `\u2068${value}\u2069`;
  });
}

export const formatNumber = (locale: Locale, value: number) =>
  new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB').format(value);

/** Text without the invisible bidi controls: for comparisons and for copying out. */
export const withoutBidiControls = (text: string) => text.replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, '');

/** Dates and numbers as people in that language read them (Arabic uses Arabic-Indic digits). */
export function formatDateTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'ar' ? 'ar-EG' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
