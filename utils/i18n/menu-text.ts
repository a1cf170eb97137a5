/** The context menus' titles in Dalil's language: the one chosen in Settings, else the browser's. */
import type { UiLocale } from '../schemas/settings';
import { resolveLocale } from './locale';
import { ar, en, type MenuTitleKey } from './messages/menus';

export type { MenuTitleKey };

/** Every menu's title for a Settings language (`auto` follows the browser's UI language). */
export function menuTitles(choice: UiLocale, browserLanguage: string): Readonly<Record<MenuTitleKey, string>> {
  return resolveLocale(choice, browserLanguage) === 'ar' ? ar : en;
}
