/**
 * A person on the built-in pack gets the templates a newer Dalil adds to it (the refund templates of #16 came
 * after the first default pack): only templates created since their copy was published, their own edits kept,
 * one they removed not brought back, the copy before kept in the history. A pack of their own is left alone.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import type { GuidancePackInput } from '../../../utils/schemas/guidance-pack';
import { DEFAULT_PACK_TEXT, defaultPackData, smallPack } from '../pack-fixtures';
import { backgroundTestDeps } from './test-deps';

const sidePanel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
const NEW_IDS = ['care.refund-issued.en', 'care.refund-issued.ar'];

/** The default pack as the first version shipped it: before the refund templates, published 26 November. */
function firstDefaultPack(): GuidancePackInput {
  const pack = defaultPackData();
  return {
    ...pack,
    version: 1,
    publishedAt: '2026-11-26T00:00:00Z',
    templates: pack.templates.filter((t) => !NEW_IDS.includes(t.id) && t.id !== 'care.price.en'),
  };
}

const handlersOn = (db: Promise<DalilDatabase>, packText: string) =>
  createHandlers(backgroundTestDeps(db, { loadDefaultPackText: async () => packText }));

describe('the built-in pack after an update of Dalil', () => {
  it('shipped with a higher version than the first one, and the refund templates created after it', () => {
    const shipped = defaultPackData();
    expect(shipped.version).toBeGreaterThan(1);
    for (const id of NEW_IDS)
      expect(Date.parse(shipped.templates.find((t) => t.id === id)?.createdAt ?? '')).toBeGreaterThan(
        Date.parse('2026-11-26T00:00:00Z'),
      );
  });

  it('adds the templates created since, keeps the person’s edits and removals, and keeps the old copy', async () => {
    const db = openDalilDatabase(`upgrade-${Math.random()}`);
    const before = handlersOn(db, JSON.stringify(firstDefaultPack()));
    const first = await before['panel.getGuidance']({}, sidePanel);
    expect(first.pack.version).toBe(1);
    const thanks = first.pack.templates.find((t) => t.id === 'care.thanks.en');
    if (!thanks) throw new Error('no thanks template');
    await before['panel.saveTemplate'](
      { template: { ...thanks, body: 'Thanks a lot, {{commenter.firstName|friend}}!' } },
      sidePanel,
    );

    // Dalil updated: a new background reads the shipped pack.
    const after = handlersOn(db, DEFAULT_PACK_TEXT);
    const upgraded = await after['panel.getGuidance']({}, sidePanel);
    const ids = upgraded.pack.templates.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(NEW_IDS));
    expect(upgraded.pack.version).toBe(defaultPackData().version);
    expect(upgraded.source.kind).toBe('default');
    expect(upgraded.pack.templates.find((t) => t.id === 'care.thanks.en')?.body).toBe(
      'Thanks a lot, {{commenter.firstName|friend}}!',
    );
    // Created before the person's copy was published and absent from it: they removed it.
    expect(ids).not.toContain('care.price.en');
    const history = await (await db).getAll('packHistory');
    expect(history.map((h) => h.pack.version)).toEqual([1]);
    const log = await after['panel.listLog']({}, sidePanel);
    expect(log[0]).toMatchObject({
      kind: 'pack.updated',
      details: { part: 'templates', version: 2, previousVersion: 1, templatesAdded: 2 },
    });

    // Once: a later start changes nothing.
    await handlersOn(db, DEFAULT_PACK_TEXT)['panel.getGuidance']({}, sidePanel);
    expect(await (await db).count('packHistory')).toBe(1);
  });

  it('leaves a pack the team imported alone', async () => {
    const db = openDalilDatabase(`upgrade-${Math.random()}`);
    const before = handlersOn(db, JSON.stringify(firstDefaultPack()));
    await before['panel.getGuidance']({}, sidePanel);
    await before['panel.importPack']({ text: JSON.stringify(smallPack()), fileName: 'acme.json' }, sidePanel);
    const after = await handlersOn(db, DEFAULT_PACK_TEXT)['panel.getGuidance']({}, sidePanel);
    expect(after.pack.templates.map((t) => t.id)).toEqual(['hi-ar', 'hi-en']);
  });
});
