/**
 * Dalil's one locale type and the one place a locale becomes an `Intl` locale, for every surface:
 * the side panel and the picker (panel-text.ts, catalogue messages.ts) and the text drawn inside
 * platform and ad library pages (page-text.ts, catalogue messages/page.ts). Both fill `{name}`
 * placeholders the same way (`fillPlaceholders`). Nothing here imports a catalogue, so a content
 * script that needs a number format does not carry the panel's strings.
 */
import type { UiLocale } from '../schemas/settings';

export type Locale = 'ar' | 'en';

/** The UI language: the user's choice, else the browser's (Arabic for any `ar-*`), else English. */
export function resolveLocale(choice: UiLocale, browserLanguage: string): Locale {
  if (choice !== 'auto') return choice;
  return browserLanguage.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

/**
 * The `Intl` locale for a Dalil locale: Egyptian Arabic writes Arabic-Indic digits (٣ من ٢٠), as
 * Arabic readers of the panel expect; British English writes day-month-year dates.
 */
export const intlLocale = (locale: Locale): string => (locale === 'ar' ? 'ar-EG' : 'en-GB');

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number format in a Dalil locale (Arabic-Indic digits in Arabic), made once per locale and options. */
export function numberFormat(locale: Locale, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${options ? JSON.stringify(options) : ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), options);
    numberFormats.set(key, format);
  }
  return format;
}

export const formatNumber = (locale: Locale, value: number, options?: Intl.NumberFormatOptions) =>
  numberFormat(locale, options).format(value);

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** A date format in a Dalil locale, made once per locale and options. */
export function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), options);
    dateFormats.set(key, format);
  }
  return format;
}

/** Dates and numbers as people in that language read them (Arabic uses Arabic-Indic digits). */
export function formatDateTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Text without the invisible bidi controls: for comparisons and for copying out. */
export const withoutBidiControls = (text: string) => text.replace(/[\u2066-\u2069\u200e\u200f\u061c]/g, '');

/**
 * Fills `{name}` placeholders with literal values (never patterns: `$&` stays `$&`); a name with no
 * value stays as written. Numbers are written in the locale's digits; text values are
 * bidi-isolated (FSI…PDI) when `isolate` is set, so a Latin file name in an Arabic sentence keeps its
 * own order and leaves the sentence's order alone.
 */
export function fillPlaceholders(
  locale: Locale,
  text: string,
  params: Readonly<Record<string, string | number>>,
  { isolate }: { isolate: boolean },
): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name];
    if (typeof value === 'number') return formatNumber(locale, value);
    return isolate ? `\u2068${value}\u2069` : value;
  });
}
