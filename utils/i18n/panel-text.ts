/** The side panel's and the picker's text: the panel catalogue (messages.ts) in the chosen locale. */
import { fillPlaceholders, type Locale } from './locale';
import { ar, en, type MessageKey } from './messages';

/**
 * A message with its `{name}` placeholders filled (see `fillPlaceholders`): numbers in the locale's
 * digits, text values bidi-isolated.
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = (locale === 'ar' ? ar : en)[key] ?? en[key] ?? key;
  return fillPlaceholders(locale, text, params, { isolate: true });
}
