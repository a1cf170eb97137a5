/**
 * The few strings Dalil draws inside platform pages (toasts, badges, the ad library's controls, the
 * copy-rules checklist), in the language the person chose in Dalil's Settings — not the browser's,
 * which is all `browser.i18n` can give. Both catalogues are the extension's own `_locales` files
 * (~30 short strings each), bundled, so the side panel and the page speak one language.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import ar from '../../public/_locales/ar/messages.json';
import en from '../../public/_locales/en/messages.json';

export type PageLocale = 'ar' | 'en';
type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
export type PageTextKey = keyof typeof en;

const CATALOGUES: Record<PageLocale, Catalogue> = { ar, en };

const fromBrowser = (): PageLocale => (browser.i18n?.getUILanguage?.().toLowerCase().startsWith('ar') ? 'ar' : 'en');
let current: PageLocale | undefined;
let loading: Promise<PageLocale> | undefined;

/** `auto` (or nothing stored) follows the browser; otherwise the setting. Read raw: no schema code in page scripts. */
const localeOf = (settings: unknown): PageLocale => {
  const chosen = (settings as { locale?: unknown } | undefined)?.locale;
  return chosen === 'ar' || chosen === 'en' ? chosen : fromBrowser();
};

/**
 * Reads Dalil's language once (a storage read) and follows later changes. Until it resolves, text
 * is in the browser's language.
 */
export function loadPageLocale(ctx?: ContentScriptContext): Promise<PageLocale> {
  loading ??= browser.storage.local.get('settings').then(
    ({ settings }) => {
      current = localeOf(settings);
      const follow = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && changes.settings) current = localeOf(changes.settings.newValue);
      };
      browser.storage.onChanged.addListener(follow);
      ctx?.onInvalidated(() => {
        try {
          browser.storage.onChanged.removeListener(follow);
        } catch {
          // An orphaned script's extension APIs may be gone already.
        }
      });
      return current;
    },
    () => (current = fromBrowser()),
  );
  return loading;
}

export const pageLocale = (): PageLocale => (current ??= fromBrowser());
export const pageDir = (): 'rtl' | 'ltr' => (pageLocale() === 'ar' ? 'rtl' : 'ltr');

const numberFormats = new Map<PageLocale, Intl.NumberFormat>();
/** A count as the side panel writes it: Arabic-Indic digits in Arabic. */
export function pageNumber(n: number): string {
  const locale = pageLocale();
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'ar' ? 'ar-EG' : 'en-GB');
    numberFormats.set(locale, format);
  }
  return format.format(n);
}

/** A message with `$1`… filled from `subs`, as `browser.i18n.getMessage` fills them (named placeholders too). */
export function pageText(key: PageTextKey, ...subs: string[]): string {
  const entry = CATALOGUES[pageLocale()][key] ?? CATALOGUES.en[key];
  if (!entry) return key;
  const named = entry.message.replace(
    /\$([A-Za-z0-9_@]+)\$/g,
    (whole, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? whole,
  );
  return named.replace(/\$(\d)|\$\$/g, (_, n?: string) => (n === undefined ? '$' : (subs[Number(n) - 1] ?? '')));
}
