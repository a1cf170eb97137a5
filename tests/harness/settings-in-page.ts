/**
 * Changing a setting as the Settings tab does (its value in browser.storage.local), from an extension
 * page; the other settings stay as the person left them. One function for both drivers: Playwright
 * evaluates it in Chromium, puppeteer in Firefox. It must close over nothing.
 */
export const patchSettings = async (patch: {
  locale?: 'ar' | 'en';
  agentName?: string;
  replyInCommentLanguage?: boolean;
  role?: 'agent' | 'manager';
}): Promise<void> => {
  type Area = { get(k: string): Promise<{ settings?: object }>; set(x: object): Promise<void> };
  const api = globalThis as unknown as { browser?: { storage: { local: Area } }; chrome: { storage: { local: Area } } };
  const local = (api.browser ?? api.chrome).storage.local;
  const { settings } = await local.get('settings');
  await local.set({ settings: { agentName: '', ...settings, ...patch } });
};
