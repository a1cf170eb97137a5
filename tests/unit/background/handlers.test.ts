import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { openDalilDatabase } from '../../../utils/db/open';
import type { ChangeBroadcast, ContentScriptStatus } from '../../../utils/messaging/protocol';
import type { Handlers } from '../../../utils/messaging/router';
import { generateSigningKey } from '../../../utils/sync/signing';
import { DEFAULT_PACK_TEXT, smallPack } from '../pack-fixtures';
import { backgroundTestDeps } from './test-deps';

const sidePanel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
let handlers: Handlers;
let broadcasts: ChangeBroadcast['topics'][];
let statuses: ContentScriptStatus[];
let guidanceChanges = 0;

beforeEach(() => {
  const db = openDalilDatabase(`handlers-${Math.random()}`);
  broadcasts = [];
  statuses = [];
  handlers = createHandlers(
    backgroundTestDeps(db, {
      broadcast: (topics) => broadcasts.push(topics),
      contentScripts: { list: async () => statuses, put: async (s) => void statuses.push(s) },
      guidanceChanged: () => void guidanceChanges++,
    }),
  );
});

const get = () => handlers['panel.getGuidance']({}, sidePanel);

describe('guidance in the background', () => {
  it('installs the default pack on first use', async () => {
    const snapshot = await get();
    expect(snapshot.pack.id).toBe(JSON.parse(DEFAULT_PACK_TEXT).id);
    expect(snapshot.source.kind).toBe('default');
    expect(snapshot.storedProblems).toEqual([]);
  });

  it('imports a good pack whole, logs it and tells the panels', async () => {
    await get();
    const result = await handlers['panel.importPack']({ text: JSON.stringify(smallPack()), fileName: 'acme.json' }, sidePanel);
    expect(result.ok).toBe(true);
    const after = await get();
    expect(after.pack.id).toBe('acme-care');
    expect(after.pack.templates.map((t) => t.id)).toEqual(['hi-ar', 'hi-en']);
    expect(after.source).toMatchObject({ kind: 'file', fileName: 'acme.json' });
    expect(broadcasts).toContainEqual(['guidance', 'log']);
    const log = await handlers['panel.listLog']({}, sidePanel);
    expect(log[0]).toMatchObject({
      kind: 'pack.imported',
      actor: 'Lina',
      details: expect.objectContaining({ packId: 'acme-care' }),
    });
  });

  it.each([
    ['invalid JSON', '{"format": '],
    ['a foreign file', JSON.stringify({ name: 'my photos' })],
    ['duplicate ids', JSON.stringify(smallPack({ templates: [smallPack().templates[0], smallPack().templates[0]] }))],
    ['50 MB of junk', ' '.repeat(50 * 1024 * 1024)],
  ])('rejects %s with problems and leaves the pack in use untouched', async (_, text) => {
    const before = await get();
    const result = await handlers['panel.importPack']({ text, fileName: 'bad.json' }, sidePanel);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
    expect(await get()).toEqual(before);
    expect(await handlers['panel.listLog']({}, sidePanel)).toEqual([]);
    expect(broadcasts).toEqual([]);
  });

  it('exports the pack in use so that importing the export gives the same pack back', async () => {
    const original = await get();
    const { fileName, json } = await handlers['panel.exportPack']({}, sidePanel);
    expect(fileName).toBe(`${original.pack.id}-v${original.pack.version}.json`);
    await handlers['panel.importPack']({ text: JSON.stringify(smallPack()) }, sidePanel);
    await handlers['panel.importPack']({ text: json }, sidePanel);
    expect((await get()).pack).toEqual(original.pack);
  });

  it('restores the built-in pack', async () => {
    await handlers['panel.importPack']({ text: JSON.stringify(smallPack()) }, sidePanel);
    const snapshot = await handlers['panel.resetToDefaultPack']({}, sidePanel);
    expect(snapshot.source.kind).toBe('default');
    expect((await get()).pack.templates.length).toBe(JSON.parse(DEFAULT_PACK_TEXT).templates.length);
  });
});

describe('template edits in the background', () => {
  beforeEach(async () => {
    await handlers['panel.importPack']({ text: JSON.stringify(smallPack()) }, sidePanel);
  });

  it('creates a template at the end of the list, stamped', async () => {
    const template = {
      id: 'new-one',
      title: 'New',
      body: 'Body',
      lang: 'en',
      tags: [],
      status: 'draft' as const,
      shortcut: ';new',
    };
    const result = await handlers['panel.saveTemplate']({ template }, sidePanel);
    expect(result).toMatchObject({ ok: true });
    const templates = (await get()).pack.templates;
    expect(templates.map((t) => t.id)).toEqual(['hi-ar', 'hi-en', 'new-one']);
    expect(templates[2].createdAt).toMatch(/^\d{4}-/);
  });

  it('refuses a shortcut that clashes with another template, and saves nothing', async () => {
    const template = {
      id: 'clash',
      title: 'Clash',
      body: 'Body',
      lang: 'en',
      tags: [],
      status: 'draft' as const,
      shortcut: ';hello-there',
    };
    const result = await handlers['panel.saveTemplate']({ template }, sidePanel);
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ path: 'shortcut', code: 'shortcut-prefix' })] });
    expect((await get()).pack.templates.map((t) => t.id)).toEqual(['hi-ar', 'hi-en']);
  });

  it('lets a template keep its own shortcut when edited', async () => {
    const [first] = (await get()).pack.templates;
    const result = await handlers['panel.saveTemplate']({ template: { ...first, title: 'تحية جديدة' } }, sidePanel);
    expect(result.ok).toBe(true);
    expect((await get()).pack.templates[0]).toMatchObject({ id: 'hi-ar', title: 'تحية جديدة', shortcut: ';اهلا' });
  });

  it('duplicates as a draft without the shortcut (which must stay unique)', async () => {
    const result = await handlers['panel.duplicateTemplate']({ id: 'hi-en' }, sidePanel);
    expect(result).toMatchObject({ ok: true, template: { id: 'hi-en-copy', status: 'draft', title: 'Hello (copy)' } });
    expect(result.ok && result.template.shortcut).toBeUndefined();
    const again = await handlers['panel.duplicateTemplate']({ id: 'hi-en' }, sidePanel);
    expect(again).toMatchObject({ ok: true, template: { id: 'hi-en-copy-2' } });
    const arabic = await handlers['panel.duplicateTemplate']({ id: 'hi-ar' }, sidePanel);
    expect(arabic).toMatchObject({ ok: true, template: { title: 'تحية (نسخة)' } });
  });

  it('retires and approves', async () => {
    await handlers['panel.setTemplateStatus']({ id: 'hi-en', status: 'retired' }, sidePanel);
    expect((await get()).pack.templates[1].status).toBe('retired');
    await handlers['panel.setTemplateStatus']({ id: 'hi-en', status: 'approved' }, sidePanel);
    expect((await get()).pack.templates[1].status).toBe('approved');
    const missing = await handlers['panel.setTemplateStatus']({ id: 'nope', status: 'retired' }, sidePanel);
    expect(missing.ok).toBe(false);
  });
});

describe('the Templates tab’s pages', () => {
  const list = (request: Partial<Parameters<Handlers['panel.listTemplates']>[0]>) =>
    handlers['panel.listTemplates']({ offset: 0, limit: 50, ...request }, sidePanel);

  it('answers a page in the pack’s order with counts, searches and filters in the background', async () => {
    const { pack } = await get();
    const first = await list({ limit: 5 });
    expect(first.items.map((t) => t.id)).toEqual(pack.templates.slice(0, 5).map((t) => t.id));
    expect(first).toMatchObject({ matching: pack.templates.length, total: pack.templates.length });
    const next = await list({ offset: 5, limit: 5 });
    expect(next.items.map((t) => t.id)).toEqual(pack.templates.slice(5, 10).map((t) => t.id));

    const arabic = await list({ lang: 'ar' });
    expect(arabic.matching).toBe(pack.templates.filter((t) => t.lang.startsWith('ar')).length);
    expect(arabic.items.every((t) => t.lang.startsWith('ar'))).toBe(true);

    // Ranked by the same Arabic-aware search as the picker's.
    const refund = await list({ query: 'استرجاع' });
    expect(refund.items[0].id).toBe('care.refund.ar');
    expect(refund.total).toBe(pack.templates.length);
  });

  it('gives the panel every template without its text, the rest of the pack whole', async () => {
    const { pack } = await get();
    const summary = await handlers['panel.getGuidanceSummary']({}, sidePanel);
    expect(summary.pack.templates).toEqual(pack.templates.map(({ body: _, ...rest }) => rest));
    expect(summary.pack.templates.some((t) => 'body' in t)).toBe(false);
    expect({ ...summary.pack, templates: [] }).toEqual({ ...pack, templates: [] });
  });

  it('answers the pack as it is after a change', async () => {
    expect((await list({ status: 'retired' })).matching).toBe(0);
    await handlers['panel.setTemplateStatus']({ id: 'care.refund.en', status: 'retired' }, sidePanel);
    expect((await list({ status: 'retired' })).items.map((t) => t.id)).toEqual(['care.refund.en']);
  });
});

describe('an agent’s personal drafts', () => {
  it('are kept apart: never in the team’s pack, its export, or what composers expand, even with a team shortcut', async () => {
    const team = await get();
    const teamThanks = team.pack.templates.find((t) => t.shortcut === ';thanks');
    expect(teamThanks?.status).toBe('approved');
    const mine = {
      id: 'my-thanks',
      title: 'My thanks',
      body: 'Cheers!',
      lang: 'en',
      tags: [],
      status: 'approved' as const,
      shortcut: ';thanks',
    };
    const saved = await handlers['panel.savePersonalTemplate']({ template: mine }, sidePanel);
    // Always a draft, whatever status it was sent with.
    expect(saved).toMatchObject({ ok: true, template: { id: 'my-thanks', status: 'draft' } });
    expect(await handlers['panel.listPersonalTemplates']({}, sidePanel)).toMatchObject([{ id: 'my-thanks', status: 'draft' }]);

    expect((await get()).pack.templates).toEqual(team.pack.templates);
    const exported = JSON.parse((await handlers['panel.exportPack']({}, sidePanel)).json) as { templates: Array<{ id: string }> };
    expect(exported.templates.map((t) => t.id)).not.toContain('my-thanks');
    const tab = { id: 'x', tab: { id: 3, url: 'https://www.facebook.com/' }, url: 'https://www.facebook.com/' };
    const forComposers = await handlers['content.getShortcuts']({}, tab as never);
    const thanks = forComposers.entries.filter((t) => t.shortcut === ';thanks');
    expect(thanks.map((t) => t.id)).toEqual([teamThanks?.id]);
    expect(await handlers['content.getTemplate']({ id: 'my-thanks' }, tab as never)).toEqual({});

    await handlers['panel.deletePersonalTemplate']({ id: 'my-thanks' }, sidePanel);
    expect(await handlers['panel.listPersonalTemplates']({}, sidePanel)).toEqual([]);
  });
});

describe('content scripts', () => {
  const tab = { id: 'x', tab: { id: 3, url: 'https://www.facebook.com/' }, url: 'https://www.facebook.com/' };

  it('get the shortcut table without bodies, approved templates only, and a template whole on use', async () => {
    const pack = smallPack();
    const [arabic, english] = pack.templates;
    const text = JSON.stringify({
      ...pack,
      templates: [
        { ...arabic, pairId: 'hello' },
        { ...english, pairId: 'hello', shortcut: undefined },
        { ...english, id: 'hi-draft', shortcut: ';draft', status: 'draft' },
        { ...english, id: 'no-shortcut', shortcut: undefined },
      ],
    });
    expect(await handlers['panel.importPack']({ text }, sidePanel)).toMatchObject({ ok: true });
    const table = await handlers['content.getShortcuts']({}, tab);
    // The English one has no shortcut but is the Arabic one's pair; the one with neither is left out.
    expect(table).toEqual({
      entries: [
        { id: 'hi-ar', lang: arabic.lang, shortcut: arabic.shortcut, pairId: 'hello' },
        { id: 'hi-en', lang: english.lang, pairId: 'hello' },
      ],
      brandName: pack.brandKit.name,
      agentName: 'Lina',
    });
    expect(await handlers['content.getTemplate']({ id: 'hi-en' }, tab)).toEqual({
      template: expect.objectContaining({ id: 'hi-en', body: english.body }),
    });
    expect(await handlers['content.getTemplate']({ id: 'hi-draft' }, tab)).toEqual({});
    expect(await handlers['content.getTemplate']({ id: 'gone' }, tab)).toEqual({});
  });

  it('get a new table after the pack changes', async () => {
    await handlers['panel.importPack']({ text: JSON.stringify(smallPack()) }, sidePanel);
    expect((await handlers['content.getShortcuts']({}, tab)).entries.map((e) => e.id)).toEqual(['hi-ar', 'hi-en']);
    await handlers['panel.setTemplateStatus']({ id: 'hi-en', status: 'retired' }, sidePanel);
    expect((await handlers['content.getShortcuts']({}, tab)).entries.map((e) => e.id)).toEqual(['hi-ar']);
  });

  it('records which tab runs a content script on which platform', async () => {
    const sender = { id: 'x', url: 'https://www.facebook.com/', tab: { id: 4 } };
    await handlers['content.hello']({ platform: 'facebook', url: 'https://www.facebook.com/' }, sender);
    expect(await handlers['panel.listContentScripts']({}, sidePanel)).toEqual([
      expect.objectContaining({ tabId: 4, platform: 'facebook' }),
    ]);
    expect(broadcasts).toEqual([['content-scripts']]);
  });
});

describe('pinning the manager’s key while an update waits', () => {
  it('drops the unchecked update and fetches it again whole, so a pack the key did not sign is refused', async () => {
    const db = openDalilDatabase(`pin-${Math.random()}`);
    const requests: Array<Record<string, string>> = [];
    const unsigned = { ...smallPack(), version: smallPack().version + 1 };
    const sync = {
      schedulePack: async () => undefined,
      deliverOutbox: async () => undefined,
      hasAccess: async () => true,
      fetch: (async (_url: string, init?: RequestInit) => {
        requests.push({ ...(init?.headers as Record<string, string>) });
        return new Response(JSON.stringify(unsigned), { status: 200, headers: { etag: '"v2"' } });
      }) as typeof fetch,
    };
    const h = createHandlers(backgroundTestDeps(db, { role: async () => 'agent', sync }));
    await h['panel.importPack']({ text: JSON.stringify(smallPack()) }, sidePanel);
    const waiting = await h['panel.subscribe'](
      { url: 'https://packs.example.com/acme.json', autoApply: false, refreshMinutes: 30 },
      sidePanel,
    );
    expect(waiting.pending).toBeDefined();

    const manager = await generateSigningKey();
    const pinned = await h['panel.pinPublicKey']({ publicKey: manager.publicKeyText }, sidePanel);
    expect(pinned).toMatchObject({ ok: true });
    await vi.waitFor(async () => {
      const status = await h['panel.syncStatus']({}, sidePanel);
      expect(status.subscription?.lastOutcome).toMatchObject({ kind: 'failed', code: 'unsigned' });
    });
    const status = await h['panel.syncStatus']({}, sidePanel);
    expect(status.pending).toBeUndefined();
    expect(requests.at(-1)?.['if-none-match']).toBeUndefined(); // fetched whole, not answered 304
    expect((await h['panel.getGuidance']({}, sidePanel)).pack.version).toBe(smallPack().version);
  });
});

describe('a comment saved as a testimonial', () => {
  const contentScript = { id: 'x', url: 'https://www.facebook.com/dalilcoffee/posts/1001', tab: { id: 4 } };
  const save = (author: string, text: string) =>
    handlers['content.saveTestimonial'](
      { author, text, platform: 'facebook', pageUrl: 'https://www.facebook.com/dalilcoffee/posts/1001' },
      contentScript,
    );

  it('keeps the page’s words without its bidi controls, control characters or broken UTF-16', async () => {
    await save('\u202eSara\u0000 \u2067Ahmed', 'Great \u202ecoffee\u2066 \u0007thanks \ud800!');
    const [saved] = (await handlers['panel.listTestimonials']({ offset: 0, limit: 10 }, sidePanel)).items;
    expect(saved).toMatchObject({ author: 'Sara Ahmed', text: 'Great coffee thanks \ufffd!' });
    expect((await handlers['panel.listLog']({ limit: 1 }, sidePanel))[0].details).toMatchObject({ author: 'Sara Ahmed' });
  });

  it('keeps a comment whose author’s name is invisible, under a visible placeholder', async () => {
    await save('\u200b\u200d\u2060', 'قهوة ممتازة');
    const [saved] = (await handlers['panel.listTestimonials']({ offset: 0, limit: 10 }, sidePanel)).items;
    expect(saved).toMatchObject({ author: '—', text: 'قهوة ممتازة' });
  });

  it('refuses a comment with nothing visible, and stores nothing', async () => {
    await expect(save('Sara', '\u202e\u2066\u0000')).rejects.toThrow(/no visible text/);
    expect((await handlers['panel.listTestimonials']({ offset: 0, limit: 10 }, sidePanel)).items).toEqual([]);
  });
});
