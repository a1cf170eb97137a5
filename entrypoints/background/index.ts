import { browser } from 'wxt/browser';
import { type DalilDatabase, openDalilDatabase } from '@/utils/db/open';
import type { ChangeBroadcast, ContentScriptStatus } from '@/utils/messaging/protocol';
import { routeMessage } from '@/utils/messaging/router';
import { readSettings } from '@/utils/settings';
import { createHandlers } from './handlers';

interface SidePanelApi {
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
}

export default defineBackground({
  type: 'module',
  main() {
    // The toolbar button opens Dalil's panel: Chrome's side panel, Firefox's sidebar.
    if (import.meta.env.FIREFOX) {
      browser.action.onClicked.addListener(() => {
        void (browser as unknown as { sidebarAction: { toggle(): Promise<void> } }).sidebarAction.toggle();
      });
    } else {
      // The polyfill's types predate sidePanel; Chrome has it wherever MV3 side panels exist (114+).
      const { sidePanel } = (globalThis as unknown as { chrome: { sidePanel: SidePanelApi } }).chrome;
      void sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
    }

    let database: Promise<DalilDatabase> | undefined;
    const db = () => {
      database ??= openDalilDatabase().catch((error) => {
        database = undefined; // try again on the next message rather than stay broken
        throw error;
      });
      return database;
    };

    // Which tabs have a running content script; in session storage so it survives the worker stopping.
    const CONTENT_SCRIPTS_KEY = 'contentScripts';
    const contentScripts = {
      async list(): Promise<ContentScriptStatus[]> {
        const stored = await browser.storage.session.get(CONTENT_SCRIPTS_KEY);
        return Object.values((stored[CONTENT_SCRIPTS_KEY] ?? {}) as Record<string, ContentScriptStatus>);
      },
      async put(status: ContentScriptStatus): Promise<void> {
        const stored = await browser.storage.session.get(CONTENT_SCRIPTS_KEY);
        const all = (stored[CONTENT_SCRIPTS_KEY] ?? {}) as Record<string, ContentScriptStatus>;
        all[status.tabId] = status;
        await browser.storage.session.set({ [CONTENT_SCRIPTS_KEY]: all });
      },
    };
    browser.tabs.onRemoved.addListener(async (tabId) => {
      const stored = await browser.storage.session.get(CONTENT_SCRIPTS_KEY);
      const all = (stored[CONTENT_SCRIPTS_KEY] ?? {}) as Record<string, ContentScriptStatus>;
      if (!(tabId in all)) return;
      delete all[tabId];
      await browser.storage.session.set({ [CONTENT_SCRIPTS_KEY]: all });
    });

    const handlers = createHandlers({
      db,
      loadDefaultPackText: async () => (await fetch(browser.runtime.getURL('/guidance/default-pack.json'))).text(),
      actorName: async () => (await readSettings()).settings.agentName,
      broadcast: (topics) => {
        const message: ChangeBroadcast = { type: 'broadcast.changed', topics };
        // No extension page open is normal: nobody to tell.
        browser.runtime.sendMessage(message).catch(() => undefined);
      },
      contentScripts,
    });

    const self = { runtimeId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, '') };
    browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
      if ((raw as { type?: unknown } | null)?.type === 'broadcast.changed') return false; // our own broadcast echo
      routeMessage(handlers, raw, sender, self).then(sendResponse);
      return true; // answer asynchronously
    });

    // Install the default pack on first run so the panel and content scripts have guidance at once.
    browser.runtime.onInstalled.addListener(() => {
      void handlers['panel.getGuidance']({}, {});
    });
  },
});
