/**
 * The text Dalil draws inside platform and ad library pages, from the page catalogue
 * (messages/page.ts), in the language the person chose in Dalil's Settings — not the browser's,
 * which is all `browser.i18n` can give — so the side panel and the page speak one language. Same
 * locale type, placeholders and number formats as the panel (locale.ts); a catalogue of its own so
 * the content scripts stay small.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { directionOf, fillPlaceholders, type Locale } from './locale';
import { ar, en, type PageTextKey } from './messages/page';

export type { PageTextKey };

const CATALOGUES: Record<Locale, Record<PageTextKey, string>> = { ar, en };

const fromBrowser = (): Locale => (browser.i18n?.getUILanguage?.().toLowerCase().startsWith('ar') ? 'ar' : 'en');
let current: Locale | undefined;
let loading: Promise<Locale> | undefined;

/** `auto` (or nothing stored) follows the browser; otherwise the setting. Read raw: no schema code in page scripts. */
const localeOf = (settings: unknown, browserLocale?: Locale): Locale => {
  const chosen = (settings as { locale?: unknown } | undefined)?.locale;
  return chosen === 'ar' || chosen === 'en' ? chosen : (browserLocale ?? fromBrowser());
};

/**
 * Reads Dalil's language once (a storage read) and follows later changes, for as long as the
 * content script's context lives. Until it resolves, text is in the browser's language. The listener and
 * the browser's language are set up in the caller's task (idle time in the ad libraries), not in the
 * storage answer's: the first use of an extension API's binding costs a fraction of a millisecond.
 */
export function loadPageLocale(ctx?: ContentScriptContext): Promise<Locale> {
  if (loading) return loading;
  let changed = false;
  const follow = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !changes.settings) return;
    changed = true;
    current = localeOf(changes.settings.newValue);
  };
  browser.storage.onChanged.addListener(follow);
  ctx?.onInvalidated(() => {
    try {
      browser.storage.onChanged.removeListener(follow);
    } catch {
      // An orphaned script's extension APIs may be gone already.
    }
  });
  const browserLocale = fromBrowser();
  loading = browser.storage.local.get('settings').then(
    // A change that arrived before the read is newer than what the read found.
    ({ settings }) => {
      if (!changed) current = localeOf(settings, browserLocale);
      return pageLocale();
    },
    () => (current = browserLocale),
  );
  return loading;
}

export const pageLocale = (): Locale => (current ??= fromBrowser());
export const pageDir = (): 'rtl' | 'ltr' => directionOf(pageLocale());

/**
 * A message with its `{name}` placeholders filled: numbers in the locale's digits (Arabic-Indic in
 * Arabic), text as given (page controls set their own direction). Values may also be given in
 * order, as `browser.i18n.getMessage` takes them: they fill the placeholders in the order the
 * English message names them.
 */
export function pageText(key: PageTextKey, params?: Readonly<Record<string, string | number>>): string;
export function pageText(key: PageTextKey, ...values: string[]): string;
export function pageText(
  key: PageTextKey,
  ...args: Array<string | Readonly<Record<string, string | number>> | undefined>
): string {
  const locale = pageLocale();
  const text = CATALOGUES[locale][key] ?? en[key] ?? key;
  const [first] = args;
  const params =
    typeof first === 'object'
      ? first
      : Object.fromEntries([...(en[key] ?? '').matchAll(/\{(\w+)[,}]/g)].map((m, i) => [m[1], (args[i] as string) ?? '']));
  return fillPlaceholders(locale, text, params, { isolate: false });
}
