import { browser } from 'wxt/browser';
import { ensureLogCounts } from '@/utils/db/activity-log-repo';
import { adSearchCache } from '@/utils/db/ad-search-cache';
import type { BackupStorage } from '@/utils/db/backup/create';
import { finishInterruptedRestore } from '@/utils/db/backup/restore';
import { databaseConnection } from '@/utils/db/connection';
import { knownCounts } from '@/utils/db/known-counts';
import { backfillLogWords } from '@/utils/db/log-words-repo';
import { roomCheck } from '@/utils/db/room';
import { workspaceStore } from '@/utils/db/workspace-db';
import type { TabCommand } from '@/utils/messaging/channels';
import type {
  AdapterHealth,
  ChangeBroadcast,
  ContentScriptStatus,
  MediaProgressBroadcast,
  ProgressBroadcast,
} from '@/utils/messaging/protocol';
import { routeMessage } from '@/utils/messaging/router';
import { classifySender } from '@/utils/messaging/sender';
import { createContextMenus, followMenuLanguage, TESTIMONIAL_MENU_ID } from './context-menus';
import { injectInto, listEnabledSites, setSiteEnabled } from './enabled-sites';
import { createBackground } from './handlers';
import { createBackgroundMediaQueue } from './media-alarm';
import { onPaletteMenuClick, PALETTE_MENU_ID } from './palette-menu';
import { createPolicy } from './policy';
import { retryingHandlers } from './retrying-handlers';
import { sessionRecords } from './session-records';
import { createTeamSync } from './team-sync';
import { archiveSchedule, boardsSchedule } from './workspace-alarm';

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

    // Reopened after the browser closes it under us (connection.ts), and after a failed open.
    // Chromium: writes stop while the disk is nearly full, since a write that fails for want of room can cost
    // the whole database there (room.ts). Not in Firefox: its estimate's quota is a share of the disk, not the
    // room left on it (measured: 13 MB on a 128 MB disk with 117 MB free), and its SQLite store rolls back.
    // The swipe file's search rows held in memory, dropped by any write to them through this connection.
    const adSearch = adSearchCache();
    // …and how many followed advertisers and testimonials the last checks counted, dropped the same way.
    const listCounts = knownCounts();
    const connection = databaseConnection(undefined, import.meta.env.FIREFOX ? undefined : roomCheck(), (stores) => {
      adSearch.noteWrite(stores);
      listCounts.noteWrite(stores);
    });
    const { db } = connection;

    // Per-tab facts that must survive the worker stopping, not the browser: session storage.
    const contentScripts = sessionRecords<ContentScriptStatus>('contentScripts');
    const health = sessionRecords<AdapterHealth>('adapterHealth');
    browser.tabs.onRemoved.addListener((tabId) => void contentScripts.remove(String(tabId)));

    // Derived data first: the Log tab's per-hour counts, should they be missing.
    void db().then(ensureLogCounts);
    // The log's word index, for entries logged before it existed or restored since: resumed where it stopped.
    void db().then(backfillLogWords);
    // …and the swipe file's search rows.
    void db().then((d) => adSearch.check(d));
    // A restore cut off by a stopped worker after its data committed: its settings are written now.
    // The policy's first apply waits for it: it rewrites the settings it read, and would put the old ones back.
    const restoreSettled = db()
      .then((d) => finishInterruptedRestore(d, browser.storage.local as unknown as BackupStorage))
      .catch(() => false);
    const teamSync = createTeamSync(db);
    const broadcast = (topics: ChangeBroadcast['topics'], adIds?: string[]) => {
      const message: ChangeBroadcast = { type: 'broadcast.changed', topics, ...(adIds ? { adIds } : {}) };
      // No extension page open is normal: nobody to tell.
      browser.runtime.sendMessage(message).catch(() => undefined);
      // New log entries may be queued for the team webhook, and are due in the workspace's log archive.
      if (topics.includes('log')) {
        teamSync.deliverSoon();
        workspaceArchive.soon();
      }
      // The subscription may have changed under the alarms (a restored backup): set them for what is stored now.
      if (topics.includes('sync')) teamSync.rescheduleSoon();
      // An ad, note or tag changed here: what is on a shared board goes out (a write from a poll finds nothing to send).
      if (topics.includes('ads')) workspaceBoards.soon();
    };
    // Media saved ads are still owed: a worker stopped mid-download left them queued; resume them now.
    const tellMediaProgress = (ads: MediaProgressBroadcast['ads']) => {
      const message: MediaProgressBroadcast = { type: 'broadcast.mediaProgress', ads };
      browser.runtime.sendMessage(message).catch(() => undefined);
    };
    const media = createBackgroundMediaQueue(db, (adIds) => broadcast(['ads'], adIds), connection.ensureRoom, tellMediaProgress);
    const progress = (operationId: string, done: number, total: number) => {
      const message: ProgressBroadcast = { type: 'broadcast.progress', operationId, done, total };
      browser.runtime.sendMessage(message).catch(() => undefined);
    };
    void media.start();
    // The organisation's policy (storage.managed) wins over the person's settings; see policy.ts.
    const policy = createPolicy({
      db,
      handlers: () => background.handlers,
      sites: { list: listEnabledSites, set: setSiteEnabled },
      broadcast,
    });
    // The team workspace's log archive: a run a minute after log writes while the worker lives, and an
    // alarm every few minutes that outlives it (entries written just before the worker stopped).
    const workspaceArchive = archiveSchedule(async () => {
      await Promise.all([background.workspace.archive(), background.workspaceProposals.run()]);
    });
    const workspaceBoards = boardsSchedule(
      () => background.boards.syncIfDue(),
      () => background.boards.sync({ poll: false }),
    );
    const background = createBackground({
      db,
      loadDefaultPackText: async () => (await fetch(browser.runtime.getURL('/guidance/default-pack.json'))).text(),
      actorName: async () => (await policy.settings()).agentName,
      broadcast,
      progress,
      media,
      adSearch,
      listCounts,
      role: async () => (await policy.settings()).role,
      sync: teamSync,
      guidanceChanged: () => void browser.storage.local.set({ guidanceRevision: Date.now() }),
      contentScripts: {
        list: contentScripts.list,
        put: (status) => contentScripts.put(String(status.tabId), status),
      },
      sites: { list: listEnabledSites, set: setSiteEnabled },
      // A backup brings its own settings and sync state: the organisation's values are put back over them.
      afterRestore: () => policy.reapply(),
      workspace: {
        store: workspaceStore(),
        origin: browser.runtime.getURL('/').replace(/\/$/, ''),
        hasAccess: teamSync.hasAccess,
        scheduleArchive: async (connected) => {
          await workspaceArchive.schedule(connected);
          await workspaceBoards.schedule(connected);
        },
      },
      health: {
        list: health.list,
        // One entry per platform and problem: the latest occurrence.
        put: (entry) => health.put(`${entry.platform}:${entry.problem}`, entry),
      },
    });
    const { palette } = background;
    // Connected before shared boards existed, or the alarm was lost: the boards' alarm is set now.
    void background.workspace
      .status()
      .then((s) => workspaceBoards.schedule(s.connected))
      .catch(() => undefined);
    // Messages that would change what the policy set are refused, whatever sends them.
    // A message that failed because the database closed under it runs once more on a new connection.
    const handlers = retryingHandlers(policy.guard(background.handlers), connection);

    const self = { runtimeId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, '') };
    browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
      const type = (raw as { type?: unknown } | null)?.type;
      if (type === 'broadcast.changed' || type === 'broadcast.mediaProgress' || type === 'broadcast.progress') return false; // our own broadcast echo
      routeMessage(handlers, raw, sender, self).then(sendResponse);
      return true; // answer asynchronously
    });

    // Large transfers (backups) come over Ports, from extension pages only.
    browser.runtime.onConnect.addListener((port) => {
      if (
        classifySender(port.sender ?? {}, self.runtimeId, self.extensionOrigin) !== 'extension' ||
        !background.connectPort(port)
      ) {
        port.disconnect();
      }
    });

    const tell = (tabId: number | undefined, command: TabCommand): Promise<boolean> =>
      tabId === undefined
        ? Promise.resolve(false)
        : browser.tabs.sendMessage(tabId, command).then(
            () => true,
            () => false,
          );

    // The picker's keyboard shortcut (configurable at chrome://extensions/shortcuts). On a site
    // without Dalil, pressing it grants activeTab for this tab: inject the content script, then open.
    browser.commands.onCommand.addListener(async (command, tab) => {
      if (command !== 'open-picker' || tab?.id === undefined) return;
      if (await tell(tab.id, { type: 'dalil.open-picker' })) return;
      if (await injectInto(tab.id)) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        await tell(tab.id, { type: 'dalil.open-picker' });
      }
    });

    browser.contextMenus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === TESTIMONIAL_MENU_ID) void tell(tab?.id, { type: 'dalil.save-testimonial' });
      // The palette check: background fetch, else a cropped screenshot (see palette-menu.ts).
      if (info.menuItemId === PALETTE_MENU_ID) void onPaletteMenuClick(info, tab, palette);
    });

    // The menus speak Dalil's language from Settings, and follow it when it changes.
    followMenuLanguage();

    teamSync.start(async () => {
      await handlers['panel.refreshPack']({}, {});
    });
    void restoreSettled.then(() => policy.start());

    browser.runtime.onInstalled.addListener(() => {
      // Install the default pack on first run so the panel and content scripts have guidance at once.
      void handlers['panel.getGuidance']({}, {});
      void createContextMenus();
    });
  },
});
