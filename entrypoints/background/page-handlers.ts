/**
 * What content scripts on platform pages send (hello, health, insertions, the approved templates they
 * expand) and the panel's view of those pages and of the sites where Dalil is turned on.
 */
import type { LogDetails } from '@/utils/activity/log-details';
import { newActivityEntry } from '@/utils/activity/new-entry';
import type { AdapterHealth, ChangeBroadcast, ContentScriptStatus, ShortcutEntry } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';
import { tabOrigin } from '@/utils/messaging/sender';
import type { ActivityLogEntry } from '@/utils/schemas/activity-log';
import type { Template } from '@/utils/schemas/template';

type PageMessages =
  | 'content.hello'
  | 'content.getShortcuts'
  | 'content.getTemplate'
  | 'content.logInsertion'
  | 'content.reportHealth'
  | 'panel.listContentScripts'
  | 'panel.adapterHealth'
  | 'panel.listEnabledSites'
  | 'panel.setSiteEnabled';

export interface PageDeps {
  actorName: () => Promise<string>;
  broadcast: (topics: ChangeBroadcast['topics']) => void;
  /** The current time as an ISO string. */
  now: () => string;
  /** The shortcut table of the approved templates and the brand's name (read apart from the bodies). */
  shortcuts: () => Promise<{ entries: ShortcutEntry[]; brandName: string }>;
  /** An approved template by id; undefined for any other. */
  approvedTemplate: (id: string) => Promise<Template | undefined>;
  /** Adds a standalone entry to the log (batched). */
  log: (entry: ActivityLogEntry) => Promise<void>;
  contentScripts: {
    list: () => Promise<ContentScriptStatus[]>;
    put: (status: ContentScriptStatus) => Promise<void>;
  };
  health: {
    list: () => Promise<AdapterHealth[]>;
    put: (entry: AdapterHealth) => Promise<void>;
  };
  sites: {
    list: () => Promise<string[]>;
    set: (origin: string, enabled: boolean) => Promise<{ ok: boolean; error?: string }>;
  };
}

export function pageHandlers(deps: PageDeps): Pick<Handlers, PageMessages> {
  return {
    'content.hello': async ({ platform, url }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId !== undefined) {
        await deps.contentScripts.put({ tabId, platform, url, at: deps.now() });
        deps.broadcast(['content-scripts']);
      }
      return { ok: true as const };
    },

    // Content scripts get approved templates only: drafts and retired ones never reach a web page's process.
    // The table first (small, no bodies), a template's body when it is used.
    'content.getShortcuts': async () => ({ ...(await deps.shortcuts()), agentName: await deps.actorName() }),

    'content.getTemplate': async ({ id }) => {
      const template = await deps.approvedTemplate(id);
      return template ? { template } : {};
    },

    'content.logInsertion': async ({ templateId, platform, pageUrl, technique, editor, landed, via, ...swap }) => {
      // Inserted in the comment's language instead of the template typed: which one was typed, and why.
      const swapped: LogDetails = swap.swappedFrom
        ? { swappedFrom: swap.swappedFrom, commentLanguage: swap.commentLanguage ?? null }
        : {};
      const entry = newActivityEntry(
        'template.inserted',
        await deps.actorName(),
        { templateId, technique, editor, landed, via, ...swapped },
        { platform, pageUrl },
      );
      await deps.log(entry);
      return { ok: true as const };
    },

    'content.reportHealth': async ({ platform, problem, url }) => {
      await deps.health.put({ platform, problem, url, at: deps.now() });
      deps.broadcast(['content-scripts']);
      return { ok: true as const };
    },

    'panel.listContentScripts': () => deps.contentScripts.list(),

    'panel.adapterHealth': () => deps.health.list(),

    'panel.listEnabledSites': () => deps.sites.list(),

    'panel.setSiteEnabled': async ({ origin, enabled }, sender) => {
      // The picker sits inside a page that can script nothing of it but may be anywhere: it may only
      // turn Dalil on, and only for the site of the tab it is in, whatever origin it names.
      if (sender.kind === 'picker' && (!enabled || origin.toLowerCase() !== tabOrigin(sender))) {
        return { ok: false, error: 'not-this-site' };
      }
      const result = await deps.sites.set(origin.toLowerCase(), enabled);
      deps.broadcast(['content-scripts']);
      return result;
    },
  };
}
