import { browser } from 'wxt/browser';

/**
 * Sites beyond the six platforms where the person turned Dalil on. Each has its own host
 * permission (asked for at that moment) and a registered content script; removing the site
 * removes both.
 */
const SCRIPT = 'content-scripts/social.js';
const idOf = (origin: string) => `site:${origin}`;

interface Scripting {
  registerContentScripts(
    scripts: Array<{ id: string; matches: string[]; js: string[]; runAt: string; persistAcrossSessions?: boolean }>,
  ): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  getRegisteredContentScripts(): Promise<Array<{ id: string }>>;
  executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<unknown>;
}
export const scripting = () => (browser as unknown as { scripting: Scripting }).scripting;

export async function listEnabledSites(): Promise<string[]> {
  const scripts = await scripting().getRegisteredContentScripts();
  return scripts.filter((s) => s.id.startsWith('site:')).map((s) => s.id.slice(5));
}

export async function setSiteEnabled(origin: string, enabled: boolean): Promise<{ ok: boolean; error?: string }> {
  const pattern = `${origin}/*`;
  const registered = (await listEnabledSites()).includes(origin);
  if (!enabled) {
    if (registered) await scripting().unregisterContentScripts({ ids: [idOf(origin)] });
    await browser.permissions.remove({ origins: [pattern] }).catch(() => undefined);
    return { ok: true };
  }
  // The side panel or picker asked for the permission on the person's click; without it, do nothing.
  if (!(await browser.permissions.contains({ origins: [pattern] }))) return { ok: false, error: 'permission-missing' };
  if (!registered) {
    await scripting().registerContentScripts([
      { id: idOf(origin), matches: [pattern], js: [SCRIPT], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  }
  return { ok: true };
}

/** Injects the content script into one tab the person invoked Dalil in (activeTab), if it is not there yet. */
export async function injectInto(tabId: number): Promise<boolean> {
  try {
    await scripting().executeScript({ target: { tabId }, files: [SCRIPT] });
    return true;
  } catch {
    return false; // a page extensions may not touch (the browser's own pages, the web store)
  }
}
