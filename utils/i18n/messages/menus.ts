/**
 * The context menus' titles. The background gives them in Dalil's language from Settings, as the
 * panel and the pages speak it, and retitles them when it changes (menu-text.ts); `browser.i18n`
 * (the _locales files) could only give the browser's language.
 */
export const en = {
  saveTestimonial: 'Save comment as testimonial',
  checkPalette: 'Check against brand palette',
} as const;

export type MenuTitleKey = keyof typeof en;

export const ar: Record<MenuTitleKey, string> = {
  saveTestimonial: 'حفظ التعليق كشهادة عميل',
  checkPalette: 'افحص ألوانها مقابل هوية العلامة',
};
