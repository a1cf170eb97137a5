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

const ARABIC_INDIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';
const isWholeNumber = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * A whole number ≥ 0 exactly as `Intl.NumberFormat` writes it in the locale (en-GB 1,234; ar-EG ١٬٢٣٤), without
 * Intl: the first Intl object in a content script's world costs ~30 ms (ICU's locale data), measured on the
 * ad library's first days-running badge. tests/unit/i18n/locale.test.ts compares it with Intl.
 */
function formatWholeNumber(locale: Locale, n: number): string {
  const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'ar' ? '\u066c' : ',');
  return locale === 'ar' ? grouped.replace(/\d/g, (d) => ARABIC_INDIC_DIGITS[Number(d)]) : grouped;
}

export const formatNumber = (locale: Locale, value: number, options?: Intl.NumberFormatOptions) =>
  !options && isWholeNumber(value) ? formatWholeNumber(locale, value) : numberFormat(locale, options).format(value);

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

const pluralRules = new Map<Locale, Intl.PluralRules>();
/** The CLDR plural category of `n` in a Dalil locale: Arabic has six, English two. Made once per locale. */
export function pluralCategory(locale: Locale, n: number): Intl.LDMLPluralRule {
  // CLDR's rules for whole numbers, without Intl (see formatWholeNumber); others ask Intl.PluralRules.
  if (isWholeNumber(n)) {
    if (locale === 'en') return n === 1 ? 'one' : 'other';
    const tail = n % 100;
    return n === 0 ? 'zero' : n === 1 ? 'one' : n === 2 ? 'two' : tail >= 3 && tail <= 10 ? 'few' : tail >= 11 ? 'many' : 'other';
  }
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(intlLocale(locale));
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
}

/**
 * The forms of a counted phrase by plural category, `#` standing for the number. Arabic writes all
 * six, since the noun changes with the number and with its place in the sentence: zero (٠), one
 * (إعلان واحد), two (إعلانان / إعلانين), few 3–10 (٣ إعلانات), many 11–99 (١١ إعلانًا), other 100+
 * (١٠٠ إعلان). English writes one and other. `=N` keys, as in ICU, match one number exactly.
 */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule | `=${number}`, string>>;

/** The form of `forms` for `n` in the locale, its `#` written in the locale's digits (Arabic-Indic in Arabic). */
export function plural(locale: Locale, n: number, forms: PluralForms): string {
  const form = forms[`=${n}`] ?? forms[pluralCategory(locale, n)] ?? forms.other;
  const digits = formatNumber(locale, n);
  return form.replace(/#/g, () => digits);
}

/**
 * The `{name, plural, one {…} other {…}}` blocks of a message (ICU's syntax, so translators know
 * it) replaced by the form for the number given as `name`. A block whose number is missing stays as
 * written, like any placeholder without a value. Forms may hold `{name}` placeholders of their own.
 */
function selectPlurals(locale: Locale, text: string, params: Readonly<Record<string, string | number>>): string {
  const start = /\{(\w+),\s*plural,/g;
  let out = '';
  let from = 0;
  for (let match = start.exec(text); match; match = start.exec(text)) {
    const forms: Record<string, string> = {};
    let i = start.lastIndex;
    for (;;) {
      const key = /^\s*(=?\w+)\s*\{/.exec(text.slice(i));
      if (!key) break;
      i += key[0].length;
      let depth = 1;
      let j = i;
      for (; j < text.length && depth > 0; j++) depth += text[j] === '{' ? 1 : text[j] === '}' ? -1 : 0;
      forms[key[1]] = text.slice(i, j - 1);
      i = j;
    }
    const end = /^\s*\}/.exec(text.slice(i));
    if (!end || !('other' in forms)) continue; // not a block this function reads: left as written
    i += end[0].length;
    const given = Object.hasOwn(params, match[1]) ? params[match[1]] : undefined;
    // Values given in order (page-text.ts) are strings: a number written as one counts too.
    const value = typeof given === 'string' && /^\d+(\.\d+)?$/.test(given) ? Number(given) : given;
    const chosen =
      typeof value === 'number'
        ? selectPlurals(locale, plural(locale, value, forms as PluralForms), params)
        : text.slice(match.index, i);
    out += text.slice(from, match.index) + chosen;
    from = i;
    start.lastIndex = i;
  }
  return out + text.slice(from);
}

/**
 * Fills `{name}` placeholders with literal values (never patterns: `$&` stays `$&`); a name with no
 * value stays as written. `{name, plural, …}` blocks take the form for that number (`plural`).
 * Numbers are written in the locale's digits; text values are bidi-isolated (FSI…PDI) when
 * `isolate` is set, so a Latin file name in an Arabic sentence keeps its own order and leaves the
 * sentence's order alone.
 */
export function fillPlaceholders(
  locale: Locale,
  text: string,
  params: Readonly<Record<string, string | number>>,
  { isolate }: { isolate: boolean },
): string {
  return selectPlurals(locale, text, params).replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name];
    if (typeof value === 'number') return formatNumber(locale, value);
    return isolate ? `\u2068${value}\u2069` : value;
  });
}
