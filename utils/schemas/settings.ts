import { z } from 'zod/mini';

export const UiLocaleSchema = z.enum(['auto', 'ar', 'en']);
export type UiLocale = z.infer<typeof UiLocaleSchema>;

/** Version 1 of the small settings kept in browser.storage.local. */
export const SettingsSchema = z.object({
  locale: z._default(UiLocaleSchema, 'auto'),
  agentName: z._default(z.string().check(z.maxLength(120)), ''),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { locale: 'auto', agentName: '' };
