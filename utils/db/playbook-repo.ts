import type { Problem } from '../guidance/problems';
import type { ActivityLogEntry } from '../schemas/activity-log';
import type { Playbook } from '../schemas/playbook';
import { LOG_STORES, putLogEntries } from './activity-log-repo';
import type { DalilDatabase } from './open';

const ACTIVE = 'active';
/** The pack schema's limit: a pack with more would fail when read back or exported. */
export const MAX_PLAYBOOKS = 1000;

export type SavePlaybookResult = { ok: true } | { ok: false; problems: Problem[] };

/**
 * Adds a playbook to the pack in use (appended) or replaces the one with its id (in place, so the
 * pack's order is kept), in one transaction with its log entry: a stopped worker leaves the old
 * playbooks and no entry, or the new ones and their entry. The rest of the pack is not touched.
 */
export async function savePlaybook(db: DalilDatabase, playbook: Playbook, entry: ActivityLogEntry): Promise<SavePlaybookResult> {
  const tx = db.transaction(['guidance', ...LOG_STORES], 'readwrite');
  const store = tx.objectStore('guidance');
  const header = await store.get(ACTIVE);
  const playbooks = header?.playbooks ?? [];
  const index = playbooks.findIndex((p) => p.id === playbook.id);
  const problem: Problem | undefined = !header
    ? { path: '$', message: 'No guidance pack is installed' }
    : index < 0 && playbooks.length >= MAX_PLAYBOOKS
      ? { path: 'playbooks', message: `A pack holds at most ${MAX_PLAYBOOKS} playbooks` }
      : undefined;
  if (!header || problem) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return { ok: false, problems: problem ? [problem] : [] };
  }
  const next = index < 0 ? [...playbooks, playbook] : playbooks.map((p, i) => (i === index ? playbook : p));
  await store.put({ ...header, playbooks: next }, ACTIVE);
  await putLogEntries(tx, [entry]);
  await tx.done;
  return { ok: true };
}

/**
 * Removes a playbook from the pack in use, in one transaction with its log entry. False (and
 * nothing written, nothing logged) when no pack is installed or no playbook has that id.
 */
export async function deletePlaybook(db: DalilDatabase, id: string, entry: ActivityLogEntry): Promise<boolean> {
  const tx = db.transaction(['guidance', ...LOG_STORES], 'readwrite');
  const store = tx.objectStore('guidance');
  const header = await store.get(ACTIVE);
  // Records read back are not re-parsed here: a header written before playbooks existed has none.
  const playbooks = header?.playbooks ?? [];
  if (!header || !playbooks.some((p) => p.id === id)) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return false;
  }
  await store.put({ ...header, playbooks: playbooks.filter((p) => p.id !== id) }, ACTIVE);
  await putLogEntries(tx, [entry]);
  await tx.done;
  return true;
}
