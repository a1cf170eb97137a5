import type { Problem } from '../guidance/problems';
import { problemsFromZod } from '../guidance/problems';
import type { ShortcutEntry } from '../messaging/protocol';
import type { ActivityLogEntry } from '../schemas/activity-log';
import { type GuidancePack, GuidancePackSchema } from '../schemas/guidance-pack';
import type { Template } from '../schemas/template';
import type { PackHistoryRecord } from '../sync/types';
import { shortcutClashes } from '../templates/shortcuts';
import { LOG_STORES, putLogEntries } from './activity-log-repo';
import { committed } from './commit';
import type { DalilDatabase } from './open';
import type { PackHeader, StoredTemplate } from './schema';

const ACTIVE = 'active';

export interface StoredGuidance {
  pack: GuidancePack;
  source: PackHeader['source'];
  problems: Problem[];
}

/**
 * Reads the pack in use back from the database and checks it against the schema. Data that fails
 * is returned as it is, with its problems, so the side panel can show them — never dropped.
 */
export async function readActiveGuidance(db: DalilDatabase): Promise<StoredGuidance | undefined> {
  const tx = db.transaction(['guidance', 'templates']);
  const header = await tx.objectStore('guidance').get(ACTIVE);
  const stored = await tx.objectStore('templates').getAll();
  await tx.done;
  if (!header) return undefined;
  const { source, ...packHeader } = header;
  const templates = stored.sort((a, b) => a.position - b.position).map(({ position: _, ...t }) => t);
  const raw = { ...packHeader, templates };
  const checked = GuidancePackSchema.safeParse(raw);
  return checked.success
    ? { pack: checked.data, source, problems: [] }
    : { pack: raw as GuidancePack, source, problems: problemsFromZod(checked.error) };
}

/** Replaces the pack in use in one transaction: all of the new pack, or (on any failure) none of it. */
export async function replaceActiveGuidance(
  db: DalilDatabase,
  pack: GuidancePack,
  source: PackHeader['source'],
  logEntry?: ActivityLogEntry,
): Promise<void> {
  const tx = db.transaction(['guidance', 'templates', ...LOG_STORES], 'readwrite');
  const { templates, ...header } = pack;
  const templateStore = tx.objectStore('templates');
  await Promise.all([
    templateStore.clear(),
    ...templates.map((t, position) => templateStore.put({ ...t, position })),
    tx.objectStore('guidance').put({ ...header, source }, ACTIVE),
    putLogEntries(tx, logEntry ? [logEntry] : []),
  ]);
  await tx.done;
}

export type SaveTemplateResult = { ok: true; template: Template } | { ok: false; problems: Problem[] };

/**
 * Creates or updates one template. The shortcut is checked against every other template inside
 * the same transaction, so two panels saving at once cannot both take the same shortcut.
 */
export async function saveTemplate(
  db: DalilDatabase,
  template: Template,
  logEntry?: ActivityLogEntry,
): Promise<SaveTemplateResult> {
  const tx = db.transaction(['templates', ...LOG_STORES], 'readwrite');
  const store = tx.objectStore('templates');
  const all = await store.getAll();
  const problems = shortcutClashes(
    template.shortcut,
    all.filter((t) => t.id !== template.id),
  );
  if (problems.length > 0) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return { ok: false, problems };
  }
  const existing = all.find((t) => t.id === template.id);
  const position = existing?.position ?? all.reduce((max, t) => Math.max(max, t.position + 1), 0);
  const stored: StoredTemplate = { ...template, position };
  await store.put(stored);
  await putLogEntries(tx, logEntry ? [logEntry] : []);
  await tx.done;
  return { ok: true, template };
}

export async function getTemplate(db: DalilDatabase, id: string): Promise<Template | undefined> {
  const stored = await db.get('templates', id);
  if (!stored) return undefined;
  const { position: _, ...template } = stored;
  return template;
}

/**
 * The approved templates a composer can expand or swap to, without their bodies, in the pack's order:
 * read from the status index without checking the pack against its schema, which at 5,000 templates
 * took most of a composer's wait.
 */
export async function readShortcutTable(db: DalilDatabase): Promise<ShortcutEntry[]> {
  const approved = await db.getAllFromIndex('templates', 'by-status', 'approved');
  return approved
    .filter((t) => t.shortcut || t.pairId)
    .sort((a, b) => a.position - b.position)
    .map(({ id, lang, shortcut, pairId }) => ({ id, lang, ...(shortcut ? { shortcut } : {}), ...(pairId ? { pairId } : {}) }));
}

/** The templates of the pack in use in its order, as stored (not checked against the schema: the panel's snapshot does that). */
export async function readTemplates(db: DalilDatabase): Promise<Template[]> {
  const stored = await db.getAll('templates');
  return stored.sort((a, b) => a.position - b.position).map(({ position: _, ...t }) => t);
}

/** The brand's name in the pack in use, read from its header alone; undefined before a pack is installed. */
export async function readBrandName(db: DalilDatabase): Promise<string | undefined> {
  return (await db.get('guidance', ACTIVE))?.brandKit.name;
}

/** An approved template, for a composer about to insert it; undefined for a draft, a retired or an unknown id. */
export async function getApprovedTemplate(db: DalilDatabase, id: string): Promise<Template | undefined> {
  const template = await getTemplate(db, id);
  return template?.status === 'approved' ? template : undefined;
}

const HISTORY_KEPT = 10;

/**
 * Puts `pack` in use and keeps the pack it replaces in the history (newest 10), in one
 * transaction with its log entry and the sync records: a stopped worker leaves either the old pack
 * or the new one, never a mix. A pending update is cleared, since it is applied or superseded.
 */
export async function applyGuidanceUpdate(
  db: DalilDatabase,
  pack: GuidancePack,
  source: PackHeader['source'],
  options: { logEntry?: ActivityLogEntry; lastApplied?: unknown; archivedAt: string },
): Promise<void> {
  const tx = db.transaction(['guidance', 'templates', 'packHistory', ...LOG_STORES], 'readwrite');
  const guidance = tx.objectStore('guidance');
  const templateStore = tx.objectStore('templates');
  const history = tx.objectStore('packHistory');
  const [header, stored] = await Promise.all([guidance.get(ACTIVE), templateStore.getAll()]);
  if (header) {
    const { source: oldSource, ...oldHeader } = header;
    const templates = stored.sort((a, b) => a.position - b.position).map(({ position: _, ...t }) => t);
    const id = `${options.archivedAt}|${oldHeader.id}|v${oldHeader.version}`;
    await history.put({ id, pack: { ...oldHeader, templates }, source: oldSource, archivedAt: options.archivedAt });
    const keys = await history.index('by-archived-at').getAllKeys();
    await Promise.all(keys.slice(0, Math.max(0, keys.length - HISTORY_KEPT)).map((key) => history.delete(key)));
  }
  const { templates, ...newHeader } = pack;
  const state = tx.objectStore('syncState');
  await committed(
    tx,
    Promise.all([
      templateStore.clear().then(() => Promise.all(templates.map((t, position) => templateStore.put({ ...t, position })))),
      guidance.put({ ...newHeader, source }, ACTIVE),
      putLogEntries(tx, options.logEntry ? [options.logEntry] : []),
      state.delete('pending'),
      ...(options.lastApplied ? [state.put(options.lastApplied, 'lastApplied')] : []),
    ]),
  );
}

/** The packs kept in the history, newest first. */
export async function listPackHistory(db: DalilDatabase): Promise<PackHistoryRecord[]> {
  return (await db.getAllFromIndex('packHistory', 'by-archived-at')).reverse();
}
