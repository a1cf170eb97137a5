/** The guidance pack's messages: templates, playbooks, importing, exporting and resetting the pack. */
import { newActivityEntry } from '@/utils/activity/new-entry';
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
import { getSyncState } from '@/utils/db/sync-state-repo';
import { usageCounts } from '@/utils/db/usage-repo';
import { parseGuidancePack } from '@/utils/guidance/parse-pack';
import type { ChangeBroadcast, GuidanceSnapshot } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';
import type { GuidancePack } from '@/utils/schemas/guidance-pack';
import type { Role } from '@/utils/schemas/settings';
import { sealOf } from '@/utils/sync/signing';
import type { SyncFailureCode, SyncFailureParams } from '@/utils/sync/types';
import { judgeByMark, raisePackMark } from './pack-marks';
import { readOnlyRefusal, refusedAsProblems } from './refusals';
import { checkEnvelope } from './subscription';

/** A signature, claim or high-water refusal as the import's one problem; `problem.<code>` says it in Arabic too. */
function trustProblem(refused: { code: SyncFailureCode; message: string; params?: SyncFailureParams }) {
  const params = Object.fromEntries(Object.entries(refused.params ?? {}).map(([key, value]) => [key, String(value)]));
  return { path: '$', code: refused.code, message: refused.message, ...(refused.params ? { params } : {}) };
}

type GuidanceMessages =
  | 'panel.getGuidance'
  | 'panel.getGuidanceSummary'
  | 'panel.saveTemplate'
  | 'panel.savePlaybook'
  | 'panel.deletePlaybook'
  | 'panel.duplicateTemplate'
  | 'panel.setTemplateStatus'
  | 'panel.importPack'
  | 'panel.exportPack'
  | 'panel.resetToDefaultPack'
  | 'panel.templateUsage';

export interface GuidanceDeps {
  db: () => Promise<DalilDatabase>;
  /** Text of the default pack shipped in public/guidance/. */
  loadDefaultPackText: () => Promise<string>;
  actorName: () => Promise<string>;
  role: () => Promise<Role>;
  /** The current time as an ISO string. */
  now: () => string;
  changed: (topics: ChangeBroadcast['topics']) => void;
}

const toSnapshot = (stored: StoredGuidance, readOnly = false): GuidanceSnapshot => ({
  pack: stored.pack,
  storedProblems: stored.problems,
  source: stored.source,
  ...(readOnly ? { readOnly } : {}),
});

function uniqueCopyId(id: string, taken: (id: string) => Promise<boolean>): Promise<string> {
  const base = `${id.slice(0, 70)}-copy`;
  const attempt = async (n: number): Promise<string> => {
    const candidate = n === 1 ? base : `${base}-${n}`;
    return (await taken(candidate)) ? attempt(n + 1) : candidate;
  };
  return attempt(1);
}

/**
 * The pack in use (installing the default one on a first run), the read-only rule, and the messages
 * that read and change the pack. The other domains (palette, sync) read the pack through `pack` and
 * `active`.
 */
export function guidanceService(deps: GuidanceDeps) {
  const { now, changed } = deps;

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

  /**
   * A person still on the built-in pack gets what a newer Dalil ships in it: the templates created since the copy
   * they hold was published (a pack's `version` says it changed). What they edited stays as it is, a template
   * they removed is not brought back, and the copy before is kept in the history. Once per background start.
   */
  async function upgradeDefaultPack(): Promise<void> {
    const db = await deps.db();
    const current = await readActiveGuidance(db);
    if (current?.source.kind !== 'default' || current.problems.length > 0) return;
    const parsed = parseGuidancePack(await deps.loadDefaultPackText());
    if (!parsed.ok || parsed.pack.id !== current.pack.id || parsed.pack.version <= current.pack.version) return;
    const held = new Set(current.pack.templates.map((t) => t.id));
    const since = Date.parse(current.pack.publishedAt);
    const added = parsed.pack.templates.filter((t) => !held.has(t.id) && Date.parse(t.createdAt ?? '') > since);
    const upgraded = parseGuidancePack(
      JSON.stringify({
        ...current.pack,
        version: parsed.pack.version,
        publishedAt: parsed.pack.publishedAt,
        templates: [...current.pack.templates, ...added],
      }),
    );
    // The person's own templates clash with a new one (a shortcut taken): their pack stays as it is.
    if (!upgraded.ok) return;
    const source: PackHeader['source'] = { kind: 'default', appliedAt: now() };
    const entry = newActivityEntry('pack.updated', await deps.actorName(), {
      part: 'templates',
      packId: parsed.pack.id,
      version: parsed.pack.version,
      previousVersion: current.pack.version,
      templatesAdded: added.length,
    });
    await applyGuidanceUpdate(db, upgraded.pack, source, { logEntry: entry, archivedAt: source.appliedAt });
    changed(['guidance', 'log']);
  }
  let upgraded: Promise<void> | undefined;

  async function active(): Promise<StoredGuidance> {
    upgraded ??= upgradeDefaultPack().catch(() => undefined);
    await upgraded;
    return (await readActiveGuidance(await deps.db())) ?? installDefaultPack('first-run');
  }

  async function pack(): Promise<GuidancePack> {
    return (await active()).pack;
  }

  /** An agent following the team's URL may not change the team's pack. */
  async function isReadOnly(): Promise<boolean> {
    return (await deps.role()) === 'agent' && (await getSyncState(await deps.db(), 'subscription')) !== undefined;
  }

  /** Throws the read-only Refusal for an agent following the team. */
  async function assertEditable(): Promise<void> {
    if (await isReadOnly()) throw readOnlyRefusal();
  }

  const handlers: Pick<Handlers, GuidanceMessages> = {
    'panel.getGuidance': async () => toSnapshot(await active(), await isReadOnly()),

    // The side panel holds every template's title and shortcut, not their text: at 5,000 templates the text
    // was 2.6 MB of the panel's heap and its longest task.
    'panel.getGuidanceSummary': async () => {
      const { pack, ...rest } = toSnapshot(await active(), await isReadOnly());
      return { ...rest, pack: { ...pack, templates: pack.templates.map(({ body: _, ...summary }) => summary) } };
    },

    'panel.saveTemplate': ({ template }) =>
      refusedAsProblems(async () => {
        await active();
        await assertEditable();
        const stamped = { ...template, updatedAt: now(), createdAt: template.createdAt ?? now() };
        const entry = newActivityEntry('template.saved', await deps.actorName(), {
          templateId: template.id,
          status: template.status,
        });
        const result = await saveTemplate(await deps.db(), stamped, entry);
        if (result.ok) changed(['guidance', 'log']);
        return result;
      }),

    'panel.savePlaybook': ({ playbook }) =>
      refusedAsProblems(async () => {
        await active(); // installs the default pack on a first run
        await assertEditable();
        const entry = newActivityEntry('pack.updated', await deps.actorName(), {
          part: 'playbooks',
          playbookId: playbook.id,
          action: 'saved',
        });
        const result = await savePlaybook(await deps.db(), playbook, entry);
        if (result.ok) changed(['guidance', 'log']);
        return result;
      }),

    'panel.deletePlaybook': async ({ id }) => {
      await active();
      await assertEditable();
      const entry = newActivityEntry('pack.updated', await deps.actorName(), {
        part: 'playbooks',
        playbookId: id,
        action: 'deleted',
      });
      // Deleting one that is already gone changes nothing and logs nothing.
      if (await deletePlaybook(await deps.db(), id, entry)) changed(['guidance', 'log']);
      return { ok: true as const };
    },

    'panel.duplicateTemplate': ({ id }) =>
      refusedAsProblems(async () => {
        await assertEditable();
        const db = await deps.db();
        const original = await getTemplate(db, id);
        if (!original) return { ok: false, problems: [{ path: 'id', message: `No template with id "${id}"` }] };
        const copyId = await uniqueCopyId(id, async (candidate) => (await getTemplate(db, candidate)) !== undefined);
        // A copy is a new wording: neither the shortcut nor the place in its pair (one per language) comes with it.
        const { shortcut: _, pairId: __, ...rest } = original;
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
      }),

    'panel.setTemplateStatus': ({ id, status }) =>
      refusedAsProblems(async () => {
        await assertEditable();
        const db = await deps.db();
        const original = await getTemplate(db, id);
        if (!original) return { ok: false, problems: [{ path: 'id', message: `No template with id "${id}"` }] };
        const entry = newActivityEntry('template.saved', await deps.actorName(), { templateId: id, status });
        const result = await saveTemplate(db, { ...original, status, updatedAt: now() }, entry);
        if (result.ok) changed(['guidance', 'log']);
        return result;
      }),

    'panel.importPack': ({ text, fileName }) =>
      refusedAsProblems(async () => {
        await assertEditable();
        const parsed = parseGuidancePack(text);
        if (!parsed.ok) return parsed;
        // With a manager's key pinned, a file must carry their signature too (checked on the raw JSON), and
        // be no older than what the key already vouched for; its claims (expiry, team URL) hold either way.
        const db = await deps.db();
        const pinned = await getSyncState(db, 'pinnedKey');
        const followedUrl = (await getSyncState(db, 'subscription'))?.url;
        const envelope = await checkEnvelope(JSON.parse(text), pinned, { now: new Date(now()), followedUrl });
        const refused = envelope.ok ? await judgeByMark(db, pinned, parsed.pack) : envelope;
        if (refused) return { ok: false, problems: [trustProblem(refused)] };
        const previous = await pack();
        const seal = sealOf(JSON.parse(text), parsed.pack);
        const source: PackHeader['source'] = { kind: 'file', fileName, appliedAt: now(), ...(seal ? { seal } : {}) };
        const entry = newActivityEntry('pack.imported', await deps.actorName(), {
          packId: parsed.pack.id,
          version: parsed.pack.version,
          templates: parsed.pack.templates.length,
          previousPackId: previous.id,
          previousVersion: previous.version,
          fileName: fileName ?? null,
        });
        // The pack it replaces goes to the history, restorable from Settings like one replaced by the team URL.
        await raisePackMark(db, pinned, parsed.pack, source.appliedAt, envelope.ok ? envelope.claims.expires : undefined);
        await applyGuidanceUpdate(db, parsed.pack, source, { logEntry: entry, archivedAt: source.appliedAt });
        changed(['guidance', 'log']);
        return { ok: true, snapshot: { pack: parsed.pack, source, storedProblems: [] } };
      }),

    'panel.exportPack': async () => {
      const current = await pack();
      return { fileName: `${current.id}-v${current.version}.json`, json: `${JSON.stringify(current, null, 2)}\n` };
    },

    'panel.resetToDefaultPack': async () => {
      await assertEditable();
      const stored = await installDefaultPack('reset');
      changed(['guidance', 'log']);
      return toSnapshot(stored);
    },

    'panel.templateUsage': async () => usageCounts(await deps.db()),
  };

  return { handlers, active, pack, assertEditable };
}
