/**
 * The background's wiring: one handler set per domain (guidance, palette, swipe file, testimonials,
 * pages, log, backup, sync), each given only what it needs. The handlers themselves live in the
 * *-handlers.ts files beside this one; refusals follow one rule (refusals.ts).
 */

import { createLogBatcher } from '@/utils/activity/log-batcher';
import { appendActivity } from '@/utils/db/activity-log-repo';
import type { AdSearchCache } from '@/utils/db/ad-search-cache';
import { getApprovedTemplate, readBrandName, readShortcutTable } from '@/utils/db/guidance-repo';
import type { KnownCounts } from '@/utils/db/known-counts';
import type { DalilDatabase } from '@/utils/db/open';
import { workspaceStore } from '@/utils/db/workspace-db';
import type { PortLike } from '@/utils/messaging/port-link';
import type { ChangeBroadcast, ShortcutEntry } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';
import type { Role } from '@/utils/schemas/settings';
import { workspaceSignedFetch } from '@/utils/workspace/signed-fetch';
import { backupHandlers, backupService } from './backup-handlers';
import { connectBackupPort } from './backup-ports';
import { guidanceService } from './guidance-handlers';
import { logHandlers } from './log-handlers';
import type { MediaQueue } from './media-queue';
import { type PageDeps, pageHandlers } from './page-handlers';
import { type PaletteService, paletteService } from './palette-handlers';
import { proposalHandlers } from './proposal-handlers';
import { swipeFileHandlers } from './swipe-file-handlers';
import { connectSwipeZipPort } from './swipe-zip-ports';
import { type SyncDeps, syncHandlers } from './sync-handlers';
import { templateList } from './template-list';
import { testimonialHandlers } from './testimonial-handlers';
import { createWorkspace, type WorkspaceDeps } from './workspace';
import { createWorkspaceBoards } from './workspace-boards';
import { createWorkspaceProposals } from './workspace-proposals';

export interface BackgroundDeps {
  db: () => Promise<DalilDatabase>;
  /** Text of the default pack shipped in public/guidance/. */
  loadDefaultPackText: () => Promise<string>;
  actorName: () => Promise<string>;
  broadcast: (topics: ChangeBroadcast['topics'], adIds?: string[]) => void;
  /** How far a long operation has got (`broadcast.progress`). */
  progress?: (operationId: string, done: number, total: number) => void;
  /** Which tabs run a content script, and what adapters reported (session storage). */
  contentScripts: PageDeps['contentScripts'];
  health: PageDeps['health'];
  /** Tells content scripts that the approved templates changed (they fetch them again). */
  guidanceChanged: () => void;
  sites: PageDeps['sites'];
  /** Manager or agent (settings); managers when absent. */
  role?: () => Promise<Role>;
  /** Team sync's timers (alarms) and webhook runs; the background's index wires them to the browser. */
  sync?: Pick<SyncDeps, 'schedulePack' | 'deliverOutbox' | 'fetch' | 'hasAccess'>;
  now?: () => Date;
  /** Work that continues after a reply (media downloads); tests pass a collector to await it. */
  track?: (work: Promise<void>) => void;
  /** The saved ads' media downloads, with their alarm (media-alarm.ts); a queue without one otherwise. */
  media?: MediaQueue;
  /** The swipe file's search rows in memory, told of the connection's writes (index.ts); read from the indexes without it. */
  adSearch?: AdSearchCache;
  /** The followed advertisers' and testimonials' counts the last checks took (index.ts); counted for each page without it. */
  listCounts?: KnownCounts;
  /** After a backup restored over a Port: the policy puts its fixed values back (the message path has policy.guard). */
  afterRestore?: () => Promise<void>;
  /** The team workspace's store, browser permissions and alarm (index.ts); tests pass their own. */
  workspace?: Pick<WorkspaceDeps, 'store' | 'origin' | 'hasAccess' | 'scheduleArchive' | 'fetch'>;
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  return createBackground(deps).handlers;
}

/**
 * The message handlers, and the palette service they use, which the context menu shares (one log
 * batcher, one report list, one broadcast that also starts webhook delivery).
 */
export function createBackground(deps: BackgroundDeps): {
  handlers: Handlers;
  palette: PaletteService;
  /** Takes a Port an extension page opened for a large transfer (a backup, a swipe-file zip); false when it is not one of ours. */
  connectPort: (port: PortLike) => boolean;
  workspace: ReturnType<typeof createWorkspace>;
  workspaceProposals: ReturnType<typeof createWorkspaceProposals>;
  boards: ReturnType<typeof createWorkspaceBoards>;
} {
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  const role = deps.role ?? (async (): Promise<Role> => 'manager');
  // Standalone entries (insertions, checks, sync) are batched; entries that record an action are
  // written in that action's own transaction instead.
  const log = createLogBatcher({
    write: async (entries) => appendActivity(await deps.db(), entries),
    written: () => deps.broadcast(['log']),
  });
  // The composers' shortcut table, kept until the guidance changes: every tab asks for it on its first composer.
  let shortcutTable: Promise<{ entries: ShortcutEntry[]; brandName: string }> | undefined;
  const templates = templateList({ db: deps.db, ready: () => guidance.active() });
  const changed = (topics: ChangeBroadcast['topics']) => {
    if (topics.includes('guidance')) {
      shortcutTable = undefined;
      templates.invalidate();
    }
    deps.broadcast(topics);
    if (topics.includes('guidance')) deps.guidanceChanged();
  };

  const guidance = guidanceService({
    db: deps.db,
    loadDefaultPackText: deps.loadDefaultPackText,
    actorName: deps.actorName,
    role,
    now,
    changed,
  });
  const paletteSvc = paletteService({
    ...deps,
    changed,
    now,
    brandKit: async () => (await guidance.pack()).brandKit,
    log: (entry) => log.add(entry),
  });
  const palette = paletteSvc.handlers;

  const workspaceStoreInUse = deps.workspace?.store ?? workspaceStore();
  const workspace = createWorkspace({
    store: workspaceStoreInUse,
    origin: deps.workspace?.origin ?? '',
    hasAccess: deps.workspace?.hasAccess ?? (async () => true),
    scheduleArchive: deps.workspace?.scheduleArchive,
    fetch: deps.workspace?.fetch,
    db: deps.db,
    role,
    now: deps.now,
    changed: () => deps.broadcast(['sync']),
  });
  const workspaceProposals = createWorkspaceProposals({
    db: deps.db,
    store: workspaceStoreInUse,
    role,
    pack: guidance.pack,
    now: deps.now,
    changed: deps.broadcast,
    fetch: deps.workspace?.fetch,
  });
  const boards = createWorkspaceBoards({
    store: workspaceStoreInUse,
    fetch: deps.workspace?.fetch,
    db: deps.db,
    now: deps.now,
    changed: (adIds) => deps.broadcast(['ads', 'sync'], adIds),
  });

  const handlers: Handlers = {
    ...guidance.handlers,
    ...templates.handlers,
    ...palette,
    // The brand kit is part of the team's pack: the same read-only rule as its templates.
    'panel.saveBrandKit': async (payload, sender) => {
      await guidance.assertEditable();
      return palette['panel.saveBrandKit'](payload, sender);
    },
    ...swipeFileHandlers({
      db: deps.db,
      actorName: deps.actorName,
      broadcast: deps.broadcast,
      progress: deps.progress,
      now,
      track: deps.track,
      media: deps.media,
      adSearch: deps.adSearch,
      listCounts: deps.listCounts,
    }),
    ...testimonialHandlers({
      db: deps.db,
      actorName: deps.actorName,
      broadcast: deps.broadcast,
      now,
      listCounts: deps.listCounts,
    }),
    ...pageHandlers({
      actorName: deps.actorName,
      broadcast: deps.broadcast,
      now,
      shortcuts: () => {
        shortcutTable ??= deps.db().then(async (db) => {
          // A first run installs the default pack before there is a header to read.
          const brandName = (await readBrandName(db)) ?? (await guidance.pack()).brandKit.name;
          return { entries: await readShortcutTable(db), brandName };
        });
        shortcutTable.catch(() => {
          shortcutTable = undefined;
        });
        return shortcutTable;
      },
      approvedTemplate: async (id) => getApprovedTemplate(await deps.db(), id),
      log: (entry) => log.add(entry),
      contentScripts: deps.contentScripts,
      health: deps.health,
      sites: deps.sites,
    }),
    ...logHandlers({ db: deps.db }),
    ...proposalHandlers({
      db: deps.db,
      actorName: deps.actorName,
      role,
      pack: guidance.pack,
      now,
      changed,
      exchange: workspaceProposals,
    }),
    ...workspaceProposals.handlers,
    ...backupHandlers({ db: deps.db, actorName: deps.actorName, now, changed, sites: deps.sites }),
    ...syncHandlers({
      db: deps.db,
      now: () => deps.now?.() ?? new Date(),
      actorName: deps.actorName,
      role,
      currentPack: guidance.pack,
      currentSource: async () => (await guidance.active()).source,
      log: (entry) => log.add(entry),
      changed,
      schedulePack: deps.sync?.schedulePack ?? (async () => undefined),
      deliverOutbox: deps.sync?.deliverOutbox ?? (async () => undefined),
      // A pack published in the team's private bucket is fetched signed (utils/workspace/signed-fetch.ts).
      fetch: workspaceSignedFetch(workspaceStoreInUse.connection, deps.sync?.fetch),
      hasAccess: deps.sync?.hasAccess,
    }),
    ...workspace.handlers,
    ...boards.handlers,
  };
  const backups = backupService({ db: deps.db, actorName: deps.actorName, now, changed, sites: deps.sites });
  const swipeZips = { db: deps.db, actorName: deps.actorName, broadcast: deps.broadcast, now };
  return {
    handlers,
    palette: paletteSvc,
    workspace,
    workspaceProposals,
    boards,
    connectPort: (port) => connectBackupPort(port, backups, deps.afterRestore) || connectSwipeZipPort(port, swipeZips),
  };
}
