import { createLogBatcher } from '@/utils/activity/log-batcher';
import { newActivityEntry } from '@/utils/activity/new-entry';
import { appendActivity, listActivity } from '@/utils/db/activity-log-repo';
import {
  applyGuidanceUpdate,
  getTemplate,
  readActiveGuidance,
  type StoredGuidance,
  saveTemplate,
} from '@/utils/db/guidance-repo';
import type { DalilDatabase } from '@/utils/db/open';
import { deletePlaybook, savePlaybook } from '@/utils/db/playbook-repo';
import type { PackHeader } from '@/utils/db/schema';
import { listTestimonials, saveTestimonial, usageCounts } from '@/utils/db/usage-repo';
import { parseGuidancePack } from '@/utils/guidance/parse-pack';
import type { AdapterHealth, ChangeBroadcast, ContentScriptStatus, GuidanceSnapshot } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';
import type { GuidancePack } from '@/utils/schemas/guidance-pack';
import type { Role } from '@/utils/schemas/settings';
import { verifyPack } from '@/utils/sync/signing';
import { readPinnedKey, readSubscription } from '@/utils/sync/subscription';
import { backupHandlers } from './backup-handlers';
import { logHandlers } from './log-handlers';
import { type PaletteService, paletteService } from './palette-handlers';
import { swipeFileHandlers } from './swipe-file-handlers';
import { type SyncDeps, syncHandlers } from './sync-handlers';

export interface BackgroundDeps {
  db: () => Promise<DalilDatabase>;
  /** Text of the default pack shipped in public/guidance/. */
  loadDefaultPackText: () => Promise<string>;
  actorName: () => Promise<string>;
  broadcast: (topics: ChangeBroadcast['topics']) => void;
  contentScripts: {
    list: () => Promise<ContentScriptStatus[]>;
    put: (status: ContentScriptStatus) => Promise<void>;
  };
  health: {
    list: () => Promise<AdapterHealth[]>;
    put: (entry: AdapterHealth) => Promise<void>;
  };
  /** Tells content scripts that the approved templates changed (they fetch them again). */
  guidanceChanged: () => void;
  sites: {
    list: () => Promise<string[]>;
    set: (origin: string, enabled: boolean) => Promise<{ ok: boolean; error?: string }>;
  };
  /** Manager or agent (settings); managers when absent. */
  role?: () => Promise<Role>;
  /** Team sync's timers (alarms) and webhook runs; the background's index wires them to the browser. */
  sync?: Pick<SyncDeps, 'schedulePack' | 'deliverOutbox' | 'fetch' | 'hasAccess'>;
  now?: () => Date;
  /** Work that continues after a reply (media downloads); tests pass a collector to await it. */
  track?: (work: Promise<void>) => void;
}

const toSnapshot = (stored: StoredGuidance, readOnly = false): GuidanceSnapshot => ({
  pack: stored.pack,
  storedProblems: stored.problems,
  source: stored.source,
  ...(readOnly ? { readOnly } : {}),
});

const READ_ONLY_PROBLEM = {
  path: '$',
  code: 'read-only',
  message: 'The team pack is read-only for agents. Save your own version as a personal draft instead.',
};

function uniqueCopyId(id: string, taken: (id: string) => Promise<boolean>): Promise<string> {
  const base = `${id.slice(0, 70)}-copy`;
  const attempt = async (n: number): Promise<string> => {
    const candidate = n === 1 ? base : `${base}-${n}`;
    return (await taken(candidate)) ? attempt(n + 1) : candidate;
  };
  return attempt(1);
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  return createBackground(deps).handlers;
}

/**
 * The message handlers, and the palette service they use, which the context menu shares (one log
 * batcher, one report list, one broadcast that also starts webhook delivery).
 */
export function createBackground(deps: BackgroundDeps): { handlers: Handlers; palette: PaletteService } {
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  // Standalone entries (insertions, checks, sync) are batched; entries that record an action are
  // written in that action's own transaction instead.
  const log = createLogBatcher({
    write: async (entries) => appendActivity(await deps.db(), entries),
    written: () => deps.broadcast(['log']),
  });
  const changed = (topics: ChangeBroadcast['topics']) => {
    deps.broadcast(topics);
    if (topics.includes('guidance')) deps.guidanceChanged();
  };

  async function installDefaultPack(kind: 'first-run' | 'reset'): Promise<StoredGuidance> {
    const parsed = parseGuidancePack(await deps.loadDefaultPackText());
    if (!parsed.ok) {
      // The shipped pack is checked by the tests; reaching this means a broken build.
      throw new Error(`The built-in pack is invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    }
    const source: PackHeader['source'] = { kind: 'default', appliedAt: now() };
    const entry =
      kind === 'reset'
        ? newActivityEntry('pack.reset', await deps.actorName(), { packId: parsed.pack.id, version: parsed.pack.version })
        : undefined;
    // A reset keeps the pack it replaces in the history (applyGuidanceUpdate archives only when one exists).
    await applyGuidanceUpdate(await deps.db(), parsed.pack, source, { logEntry: entry, archivedAt: source.appliedAt });
    return { pack: parsed.pack, source, problems: [] };
  }

  async function activeGuidance(): Promise<StoredGuidance> {
    return (await readActiveGuidance(await deps.db())) ?? installDefaultPack('first-run');
  }

  const role = deps.role ?? (async (): Promise<Role> => 'manager');
  /** An agent following the team's URL may not change the team's pack. */
  async function isReadOnly(): Promise<boolean> {
    return (await role()) === 'agent' && (await readSubscription(await deps.db())) !== undefined;
  }

  async function guidancePack(): Promise<GuidancePack> {
    return (await activeGuidance()).pack;
  }

  const paletteSvc = paletteService({
    ...deps,
    changed,
    now,
    brandKit: async () => (await guidancePack()).brandKit,
    log: (entry) => log.add(entry),
  });
  const palette = paletteSvc.handlers;

  const handlers: Handlers = {
    ...swipeFileHandlers({ db: deps.db, actorName: deps.actorName, broadcast: deps.broadcast, now, track: deps.track }),
    ...palette,
    'panel.saveBrandKit': async (payload, sender) => {
      if (await isReadOnly()) throw new Error(READ_ONLY_PROBLEM.message);
      return palette['panel.saveBrandKit'](payload, sender);
    },
    ...logHandlers({ db: deps.db }),
    ...backupHandlers({ db: deps.db, actorName: deps.actorName, now, changed, sites: deps.sites }),
    ...syncHandlers({
      db: deps.db,
      now: () => deps.now?.() ?? new Date(),
      actorName: deps.actorName,
      role,
      currentPack: guidancePack,
      currentSource: async () => (await activeGuidance()).source,
      log: (entry) => log.add(entry),
      changed,
      schedulePack: deps.sync?.schedulePack ?? (async () => undefined),
      deliverOutbox: deps.sync?.deliverOutbox ?? (async () => undefined),
      fetch: deps.sync?.fetch,
      hasAccess: deps.sync?.hasAccess,
    }),

    'panel.getGuidance': async () => toSnapshot(await activeGuidance(), await isReadOnly()),

    'panel.saveTemplate': async ({ template }) => {
      await activeGuidance();
      if (await isReadOnly()) return { ok: false, problems: [READ_ONLY_PROBLEM] };
      const stamped = { ...template, updatedAt: now(), createdAt: template.createdAt ?? now() };
      const entry = newActivityEntry('template.saved', await deps.actorName(), {
        templateId: template.id,
        status: template.status,
      });
      const result = await saveTemplate(await deps.db(), stamped, entry);
      if (result.ok) changed(['guidance', 'log']);
      return result;
    },

    'panel.savePlaybook': async ({ playbook }) => {
      await activeGuidance(); // installs the default pack on a first run
      if (await isReadOnly()) return { ok: false, problems: [READ_ONLY_PROBLEM] };
      const entry = newActivityEntry('pack.updated', await deps.actorName(), {
        part: 'playbooks',
        playbookId: playbook.id,
        action: 'saved',
      });
      const result = await savePlaybook(await deps.db(), playbook, entry);
      if (result.ok) changed(['guidance', 'log']);
      return result;
    },

    'panel.deletePlaybook': async ({ id }) => {
      await activeGuidance();
      if (await isReadOnly()) throw new Error(READ_ONLY_PROBLEM.message);
      const entry = newActivityEntry('pack.updated', await deps.actorName(), {
        part: 'playbooks',
        playbookId: id,
        action: 'deleted',
      });
      // Deleting one that is already gone changes nothing and logs nothing.
      if (await deletePlaybook(await deps.db(), id, entry)) changed(['guidance', 'log']);
      return { ok: true as const };
    },

    'panel.duplicateTemplate': async ({ id }) => {
      if (await isReadOnly()) return { ok: false, problems: [READ_ONLY_PROBLEM] };
      const db = await deps.db();
      const original = await getTemplate(db, id);
      if (!original) return { ok: false, problems: [{ path: 'id', message: `No template with id "${id}"` }] };
      const copyId = await uniqueCopyId(id, async (candidate) => (await getTemplate(db, candidate)) !== undefined);
      const { shortcut: _, ...rest } = original;
      const copy = {
        ...rest,
        id: copyId,
        title: `${original.title} ${original.lang.startsWith('ar') ? '(نسخة)' : '(copy)'}`.slice(0, 120),
        status: 'draft' as const,
        createdAt: now(),
        updatedAt: now(),
      };
      const entry = newActivityEntry('template.saved', await deps.actorName(), { templateId: copyId, copyOf: id });
      const result = await saveTemplate(db, copy, entry);
      if (result.ok) changed(['guidance', 'log']);
      return result;
    },

    'panel.setTemplateStatus': async ({ id, status }) => {
      if (await isReadOnly()) return { ok: false, problems: [READ_ONLY_PROBLEM] };
      const db = await deps.db();
      const original = await getTemplate(db, id);
      if (!original) return { ok: false, problems: [{ path: 'id', message: `No template with id "${id}"` }] };
      const entry = newActivityEntry('template.saved', await deps.actorName(), { templateId: id, status });
      const result = await saveTemplate(db, { ...original, status, updatedAt: now() }, entry);
      if (result.ok) changed(['guidance', 'log']);
      return result;
    },

    'panel.importPack': async ({ text, fileName }) => {
      if (await isReadOnly()) return { ok: false, problems: [READ_ONLY_PROBLEM] };
      const parsed = parseGuidancePack(text);
      if (!parsed.ok) return parsed;
      // With a manager's key pinned, a file must carry their signature too (checked on the raw JSON).
      const pinned = await readPinnedKey(await deps.db());
      if (pinned) {
        const verified = await verifyPack(JSON.parse(text), pinned);
        if (!verified.ok) return { ok: false, problems: [{ path: '$', code: verified.code, message: verified.message }] };
      }
      const previous = await guidancePack();
      const source: PackHeader['source'] = { kind: 'file', fileName, appliedAt: now() };
      const entry = newActivityEntry('pack.imported', await deps.actorName(), {
        packId: parsed.pack.id,
        version: parsed.pack.version,
        templates: parsed.pack.templates.length,
        previousPackId: previous.id,
        previousVersion: previous.version,
        fileName: fileName ?? null,
      });
      // The pack it replaces goes to the history, restorable from Settings like one replaced by the team URL.
      await applyGuidanceUpdate(await deps.db(), parsed.pack, source, { logEntry: entry, archivedAt: source.appliedAt });
      changed(['guidance', 'log']);
      return { ok: true, snapshot: { pack: parsed.pack, source, storedProblems: [] } };
    },

    'panel.exportPack': async () => {
      const pack = await guidancePack();
      return { fileName: `${pack.id}-v${pack.version}.json`, json: `${JSON.stringify(pack, null, 2)}\n` };
    },

    'panel.resetToDefaultPack': async () => {
      if (await isReadOnly()) throw new Error(READ_ONLY_PROBLEM.message);
      const stored = await installDefaultPack('reset');
      changed(['guidance', 'log']);
      return toSnapshot(stored);
    },

    'panel.listLog': async ({ limit }) => listActivity(await deps.db(), limit),

    'panel.listContentScripts': () => deps.contentScripts.list(),

    'panel.templateUsage': async () => usageCounts(await deps.db()),

    'panel.listTestimonials': async () => listTestimonials(await deps.db()),

    'panel.deleteTestimonial': async ({ id }) => {
      await (await deps.db()).delete('testimonials', id);
      deps.broadcast(['testimonials']);
      return { ok: true as const };
    },

    'panel.adapterHealth': () => deps.health.list(),

    'panel.listEnabledSites': () => deps.sites.list(),

    'panel.setSiteEnabled': async ({ origin, enabled }) => {
      const result = await deps.sites.set(origin.toLowerCase(), enabled);
      deps.broadcast(['content-scripts']);
      return result;
    },

    // Content scripts get approved templates only: drafts and retired ones never reach a web page's process.
    'content.getGuidance': async () => {
      const pack = await guidancePack();
      return {
        templates: pack.templates.filter((t) => t.status === 'approved'),
        brandName: pack.brandKit.name,
        agentName: await deps.actorName(),
      };
    },

    'content.logInsertion': async ({ templateId, platform, pageUrl, technique, editor, landed, via }) => {
      const entry = newActivityEntry(
        'template.inserted',
        await deps.actorName(),
        { templateId, technique, editor, landed, via },
        { platform, pageUrl },
      );
      await log.add(entry);
      return { ok: true as const };
    },

    'content.saveTestimonial': async ({ author, text, permalink, platform, pageUrl }) => {
      const actor = await deps.actorName();
      const testimonial = { id: crypto.randomUUID(), author, text, permalink, platform, pageUrl, savedAt: now(), savedBy: actor };
      const entry = newActivityEntry(
        'testimonial.saved',
        actor,
        { testimonialId: testimonial.id, author },
        { platform, pageUrl },
      );
      await saveTestimonial(await deps.db(), testimonial, entry);
      deps.broadcast(['testimonials', 'log']);
      return { ok: true as const, id: testimonial.id };
    },

    'content.reportHealth': async ({ platform, problem, url }) => {
      await deps.health.put({ platform, problem, url, at: now() });
      deps.broadcast(['content-scripts']);
      return { ok: true as const };
    },

    'content.hello': async ({ platform, url }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId !== undefined) {
        await deps.contentScripts.put({ tabId, platform, url, at: now() });
        deps.broadcast(['content-scripts']);
      }
      return { ok: true as const };
    },
  };
  return { handlers, palette: paletteSvc };
}
