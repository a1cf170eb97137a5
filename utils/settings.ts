import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, type Settings, SettingsSchema } from './schemas/settings';

/**
 * Small settings in browser.storage.local, versioned: bump `version` and add a migration step
 * (WXT runs them in order) when the shape changes.
 */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: {
    // Everyone who used Dalil before roles existed edited their own pack: a manager.
    2: (v1: Omit<Settings, 'role'>): Settings => ({ ...v1, role: 'manager' }),
  },
});

/** Settings as stored, checked; a bad stored value is reported and the defaults are used for it. */
export async function readSettings(): Promise<{ settings: Settings; problem?: string }> {
  const raw = await settingsItem.getValue();
  const parsed = SettingsSchema.safeParse(raw);
  return parsed.success
    ? { settings: parsed.data }
    : { settings: DEFAULT_SETTINGS, problem: `Stored settings were invalid and were not used: ${parsed.error.message}` };
}
