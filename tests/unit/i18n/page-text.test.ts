import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** A fresh module each time: the chosen language is kept per page script. */
async function load() {
  vi.resetModules();
  return import('../../../utils/i18n/page-text');
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('text Dalil draws in platform pages', () => {
  it('follows Dalil’s language from Settings, not the browser’s, and changes with it', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    await fakeBrowser.storage.local.set({ settings: { locale: 'ar', agentName: '', role: 'agent' } });
    const { loadPageLocale, pageText, pageDir } = await load();
    expect(await loadPageLocale()).toBe('ar');
    expect(pageText('adSave')).toBe('حفظ');
    expect(pageDir()).toBe('rtl');
    await fakeBrowser.storage.local.set({ settings: { locale: 'en', agentName: '', role: 'agent' } });
    expect(pageText('adSave')).toBe('Save');
    expect(pageDir()).toBe('ltr');
  });

  it('follows the browser when Dalil is on "auto" or nothing is stored', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('ar-EG');
    const { loadPageLocale, pageText } = await load();
    expect(await loadPageLocale()).toBe('ar');
    expect(pageText('adNew')).toBe('جديد منذ زيارتك الأخيرة');
  });

  it('fills numbered and named placeholders as browser.i18n does, never re-reading what it filled in', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-GB');
    const { loadPageLocale, pageText } = await load();
    await loadPageLocale();
    expect(pageText('copyLength', '35', '280')).toBe('35 of 280 characters');
    expect(pageText('adFollow', 'Acme $1 & $$ Co')).toBe('Follow Acme $1 & $$ Co');
    expect(pageText('adDays', '12')).toBe('12 days');
  });
});
