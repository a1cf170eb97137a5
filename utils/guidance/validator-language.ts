import { z } from 'zod/mini';
import ar from 'zod/v4/locales/ar.js';
import en from 'zod/v4/locales/en.js';
import type { Locale } from '../i18n/locale';

/**
 * zod/mini carries no messages of its own ("Invalid input" for everything): load the validator's
 * English or Arabic messages so every problem in a pack says what is wrong.
 */
export function setValidatorLanguage(locale: Locale): void {
  z.config(locale === 'ar' ? ar() : en());
}

setValidatorLanguage('en');
