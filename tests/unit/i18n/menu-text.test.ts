import { describe, expect, it } from 'vitest';
import { menuTitles } from '../../../utils/i18n/menu-text';

describe('context-menu titles', () => {
  it('follow the language chosen in Settings, not the browser’s', () => {
    expect(menuTitles('ar', 'en-US')).toEqual({
      saveTestimonial: 'حفظ التعليق كشهادة عميل',
      checkPalette: 'افحص ألوانها مقابل هوية العلامة',
    });
    expect(menuTitles('en', 'ar-EG')).toEqual({
      saveTestimonial: 'Save comment as testimonial',
      checkPalette: 'Check against brand palette',
    });
  });

  it('follow the browser’s language when Settings says “Browser language”', () => {
    expect(menuTitles('auto', 'ar-SA').checkPalette).toBe('افحص ألوانها مقابل هوية العلامة');
    expect(menuTitles('auto', 'fr-FR').checkPalette).toBe('Check against brand palette');
  });
});
