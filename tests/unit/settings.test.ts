import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../utils/schemas/settings';
import { readSettings, settingsItem } from '../../utils/settings';

describe('settings in browser.storage', () => {
  it('starts from the defaults', async () => {
    expect(await readSettings()).toEqual({ settings: DEFAULT_SETTINGS });
  });

  it('keeps what the user chose', async () => {
    await settingsItem.setValue({ locale: 'ar', agentName: 'ليلى', role: 'agent' });
    expect((await readSettings()).settings).toEqual({ locale: 'ar', agentName: 'ليلى', role: 'agent' });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({
      settings: { locale: 'ar', agentName: 'ليلى', role: 'agent' },
    });
  });

  it('migrates version-1 settings (before roles) to a manager who keeps their choices', async () => {
    await fakeBrowser.storage.local.set({ settings: { locale: 'ar', agentName: 'ليلى' }, settings$: { v: 1 } });
    await settingsItem.migrate();
    expect((await readSettings()).settings).toEqual({ locale: 'ar', agentName: 'ليلى', role: 'manager' });
  });

  it('reports a stored value that fails its schema and uses the defaults instead', async () => {
    await fakeBrowser.storage.local.set({ settings: { locale: 'klingon', agentName: 42 } });
    const { settings, problem } = await readSettings();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problem).toMatch(/Stored settings were invalid/);
  });

  it.each([['admin'], [42], [null], [{ role: 'manager' }]])(
    'makes a stored role that is not valid (%j) the least privilege, agent, and keeps the valid values',
    async (role) => {
      await fakeBrowser.storage.local.set({ settings: { locale: 'ar', agentName: 'ليلى', role } });
      const { settings, problem } = await readSettings();
      expect(settings).toEqual({ locale: 'ar', agentName: 'ليلى', role: 'agent' });
      expect(problem).toMatch(/Stored settings were invalid/);
    },
  );
});
