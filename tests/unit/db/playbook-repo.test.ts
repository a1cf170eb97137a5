import { beforeEach, describe, expect, it } from 'vitest';
import { newActivityEntry } from '../../../utils/activity/new-entry';
import { listActivity } from '../../../utils/db/activity-log-repo';
import { readActiveGuidance, replaceActiveGuidance } from '../../../utils/db/guidance-repo';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import { deletePlaybook, savePlaybook } from '../../../utils/db/playbook-repo';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import type { GuidancePack } from '../../../utils/schemas/guidance-pack';
import type { Playbook } from '../../../utils/schemas/playbook';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

let db: DalilDatabase;
let pack: GuidancePack;

const source = { kind: 'default' as const, appliedAt: '2026-11-20T09:00:00Z' };
const entry = (playbookId: string, action: 'saved' | 'deleted') =>
  newActivityEntry('pack.updated', 'Lina', { part: 'playbooks', playbookId, action });

/** The pack in use, without the playbooks: what saving or deleting one must leave as it was. */
const withoutPlaybooks = ({ playbooks: _, ...rest }: GuidancePack) => rest;

async function active(): Promise<GuidancePack> {
  const stored = await readActiveGuidance(db);
  if (!stored) throw new Error('no pack');
  expect(stored.problems).toEqual([]);
  return stored.pack;
}

beforeEach(async () => {
  const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
  if (!parsed.ok) throw new Error('default pack invalid');
  pack = parsed.pack;
  db = await openDalilDatabase(`playbooks-${Math.random()}`);
  await replaceActiveGuidance(db, pack, source);
});

const fresh: Playbook = {
  id: 'playbook.night-shift',
  title: 'مناوبة الليل',
  lang: 'ar',
  body: 'لا تعد بما لا نملك.\n\n- اكتب ملاحظة للفريق الصباحي.',
  tags: ['ليل'],
};

describe('savePlaybook', () => {
  it('appends a new playbook, logs one entry, and leaves the rest of the pack as it was', async () => {
    expect(pack.playbooks.length).toBeGreaterThan(0);
    const logged = entry(fresh.id, 'saved');
    expect(await savePlaybook(db, fresh, logged)).toEqual({ ok: true });
    const after = await active();
    expect(after.playbooks).toEqual([...pack.playbooks, fresh]);
    expect(withoutPlaybooks(after)).toEqual(withoutPlaybooks(pack));
    expect((await readActiveGuidance(db))?.source).toEqual(source);
    expect(await listActivity(db)).toEqual([logged]);
  });

  it('replaces a playbook with the same id in place, keeping the order', async () => {
    const [, second] = pack.playbooks;
    const edited: Playbook = { ...second, title: 'Edited', body: 'One paragraph.', tags: [] };
    expect(await savePlaybook(db, edited, entry(edited.id, 'saved'))).toEqual({ ok: true });
    const after = await active();
    expect(after.playbooks.map((p) => p.id)).toEqual(pack.playbooks.map((p) => p.id));
    expect(after.playbooks[1]).toEqual(edited);
    expect(after.playbooks.filter((_, i) => i !== 1)).toEqual(pack.playbooks.filter((_, i) => i !== 1));
    expect(withoutPlaybooks(after)).toEqual(withoutPlaybooks(pack));
    const log = await listActivity(db);
    expect(log).toHaveLength(1);
    expect(log[0].details).toEqual({ part: 'playbooks', playbookId: edited.id, action: 'saved' });
  });

  it('writes nothing and logs nothing when no pack is installed', async () => {
    const empty = await openDalilDatabase(`playbooks-empty-${Math.random()}`);
    const result = await savePlaybook(empty, fresh, entry(fresh.id, 'saved'));
    expect(result.ok).toBe(false);
    expect(await readActiveGuidance(empty)).toBeUndefined();
    expect(await listActivity(empty)).toEqual([]);
  });
});

describe('deletePlaybook', () => {
  it('removes the playbook, logs one entry, and leaves the rest of the pack as it was', async () => {
    const [first, ...rest] = pack.playbooks;
    const logged = entry(first.id, 'deleted');
    expect(await deletePlaybook(db, first.id, logged)).toBe(true);
    const after = await active();
    expect(after.playbooks).toEqual(rest);
    expect(withoutPlaybooks(after)).toEqual(withoutPlaybooks(pack));
    expect(await listActivity(db)).toEqual([logged]);
  });

  it('changes nothing and logs nothing for an id the pack does not have', async () => {
    expect(await deletePlaybook(db, 'playbook.nope', entry('playbook.nope', 'deleted'))).toBe(false);
    expect(await active()).toEqual(pack);
    expect(await listActivity(db)).toEqual([]);
  });
});
