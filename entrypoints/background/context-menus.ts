/**
 * Dalil's two context menus, titled in Dalil's language from Settings (like the panel and the
 * pages), not the browser's: created with the language stored, retitled when Settings (or the
 * organisation's policy, which writes them) change it, and on each worker start, since `auto`
 * follows a browser language that may have changed while the worker slept.
 */
import { browser } from 'wxt/browser';
import { type MenuTitleKey, menuTitles } from '@/utils/i18n/menu-text';
import { PLATFORM_MATCHES } from '@/utils/platforms/matches';
import { readSettings } from '@/utils/settings';
import { createPaletteMenu, PALETTE_MENU_ID } from './palette-menu';

export const TESTIMONIAL_MENU_ID = 'save-testimonial';

const MENU_TITLES: Record<string, MenuTitleKey> = {
  [TESTIMONIAL_MENU_ID]: 'saveTestimonial',
  [PALETTE_MENU_ID]: 'checkPalette',
};

async function currentTitles() {
  const { settings } = await readSettings();
  return menuTitles(settings.locale, browser.i18n.getUILanguage());
}

/** On install and update: the menus, in the language stored. */
export async function createContextMenus(): Promise<void> {
  const titles = await currentTitles();
  browser.contextMenus.create({
    id: TESTIMONIAL_MENU_ID,
    title: titles.saveTestimonial,
    contexts: ['page', 'selection', 'link'],
    documentUrlPatterns: PLATFORM_MATCHES,
  });
  createPaletteMenu(titles.checkPalette);
}

/** Each menu's title in the language stored now. A menu not created yet (first install) is skipped. */
export async function retitleContextMenus(): Promise<void> {
  const titles = await currentTitles();
  await Promise.all(
    Object.entries(MENU_TITLES).map(([id, key]) =>
      Promise.resolve(browser.contextMenus.update(id, { title: titles[key] })).catch(() => undefined),
    ),
  );
}

/** Registered at the worker's start, so a change of language wakes it. */
export function followMenuLanguage(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) void retitleContextMenus();
  });
  void retitleContextMenus();
}
