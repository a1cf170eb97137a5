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

/**
 * Settings as stored, checked; a bad stored value is reported and replaced field by field. A role
 * that is there but invalid becomes the least privilege, agent (read-only while following a team
 * pack), never manager: whatever wrote it, it did not make anyone a manager.
 */
export async function readSettings(): Promise<{ settings: Settings; problem?: string }> {
  const raw = await settingsItem.getValue();
  const parsed = SettingsSchema.safeParse(raw);
  if (parsed.success) return { settings: parsed.data };
  const stored = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<keyof Settings, unknown>;
  const field = <K extends keyof Settings>(key: K, instead: Settings[K]): Settings[K] => {
    const one = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, [key]: stored[key] });
    return one.success ? one.data[key] : instead;
  };
  return {
    settings: {
      locale: field('locale', DEFAULT_SETTINGS.locale),
      agentName: field('agentName', DEFAULT_SETTINGS.agentName),
      role: field('role', 'agent'),
      replyInCommentLanguage: field('replyInCommentLanguage', undefined),
    },
    problem: `Stored settings were invalid; the invalid values were not used: ${parsed.error.message}`,
  };
}
