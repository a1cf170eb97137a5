import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground, createHandlers } from '../../../entrypoints/background/handlers';
import { type PaletteService, paletteService, sessionReportStore } from '../../../entrypoints/background/palette-handlers';
import type { PaletteReport } from '../../../utils/brand/report';
import { DecodeError } from '../../../utils/color/decode';
import { openDalilDatabase } from '../../../utils/db/open';
import type { ChangeBroadcast } from '../../../utils/messaging/protocol';
import type { Handlers } from '../../../utils/messaging/router';
import { routeMessage } from '../../../utils/messaging/router';
import type { BrandKit } from '../../../utils/schemas/brand-kit';
import { backgroundTestDeps } from '../background/test-deps';
import { blankImage, fillRect } from '../color/synthetic-images';

const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
const content = { id: 'x', url: 'https://www.facebook.com/dalilcoffee/posts/1001', tab: { id: 7 } };
const self = { runtimeId: 'x', extensionOrigin: 'chrome-extension://x' };

let handlers: Handlers;
let service: PaletteService;
let broadcasts: ChangeBroadcast['topics'][];
let changes: ChangeBroadcast['topics'][];
let opened: Array<{ tabId?: number; windowId?: number }>;
let decodeFails = false;

/** Brown 80%, off-brand blue 20%. */
function creative() {
  const image = blankImage(50, 40);
  fillRect(image, 0, 0, 40, 40, '#5b3a29');
  fillRect(image, 40, 0, 50, 40, '#1e6fd9');
  return image;
}

beforeEach(() => {
  const db = openDalilDatabase(`palette-${Math.random()}`);
  broadcasts = [];
  changes = [];
  opened = [];
  decodeFails = false;
  handlers = createHandlers(backgroundTestDeps(db, { broadcast: (topics) => broadcasts.push(topics) }));
  service = paletteService({
    db: () => db,
    actorName: async () => 'Lina',
    brandKit: async () => (await handlers['panel.getGuidance']({}, panel)).pack.brandKit,
    broadcast: (topics) => broadcasts.push(topics),
    changed: (topics) => changes.push(topics),
    now: () => new Date().toISOString(),
    decode: async () => {
      if (decodeFails) throw new DecodeError('undecodable', 'The PNG image could not be decoded');
      return { image: creative(), type: 'png', sourceWidth: 1000, sourceHeight: 800, ms: 3 };
    },
    toDataUrl: async () => 'data:image/png;base64,AAAA',
    openView: async (where) => {
      opened.push(where);
      return 'tab';
    },
  });
});

const log = async () => handlers['panel.listLog']({}, panel);

describe('saving the brand kit', () => {
  it('replaces the kit of the pack in use, logs it, and tells panels and content scripts', async () => {
    const before = (await handlers['panel.getGuidance']({}, panel)).pack;
    const kit: BrandKit = { ...before.brandKit, colors: [{ name: 'Alarm red', hex: '#FF0000' }], deltaETolerance: 5 };
    const reply = await routeMessage(handlers, { type: 'panel.saveBrandKit', payload: { brandKit: kit } }, panel, self);
    expect(reply).toEqual({ ok: true, data: { ok: true } });
    const after = (await handlers['panel.getGuidance']({}, panel)).pack;
    expect(after.brandKit.colors).toEqual([{ name: 'Alarm red', hex: '#FF0000' }]);
    expect(after.brandKit.deltaETolerance).toBe(5);
    expect(after.templates).toEqual(before.templates);
    expect(after.version).toBe(before.version);
    expect((await log())[0]).toMatchObject({ kind: 'pack.updated', actor: 'Lina', details: { part: 'brandKit', colors: 1 } });
    expect(broadcasts).toContainEqual(['guidance', 'log']);
  });

  it('refuses a kit that fails the schema before anything is written', async () => {
    const before = (await handlers['panel.getGuidance']({}, panel)).pack.brandKit;
    const bad = { ...before, colors: [before.colors[0], { ...before.colors[1], name: before.colors[0].name.toUpperCase() }] };
    const reply = await routeMessage(handlers, { type: 'panel.saveBrandKit', payload: { brandKit: bad } }, panel, self);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('invalid-payload');
      expect(reply.error.problems?.[0]).toMatchObject({ path: 'brandKit.colors[1].name', code: 'duplicate-color-name' });
    }
    const forbidden = await routeMessage(handlers, { type: 'panel.saveBrandKit', payload: { brandKit: before } }, content, self);
    expect(forbidden.ok).toBe(false);
    expect((await handlers['panel.getGuidance']({}, panel)).pack.brandKit).toEqual(before);
    expect((await log()).filter((e) => e.kind === 'pack.updated')).toEqual([]);
  });
});

describe('composer attachments', () => {
  const payload = {
    dataUrl: 'data:image/png;base64,iVBORw0KGgo=',
    sourceWidth: 1000,
    sourceHeight: 800,
    platform: 'facebook' as const,
    pageUrl: 'https://www.facebook.com/dalilcoffee/posts/1001',
  };

  it('checks the image, keeps the report for the panel and logs the check', async () => {
    const reply = await service.handlers['content.checkImage'](payload, content);
    expect(reply).toMatchObject({ verdict: 'pass' }); // 80% ≥ the default kit's 70%
    if (reply.verdict === 'error') throw new Error('expected a verdict');
    expect(reply.onPaletteShare).toBeCloseTo(0.8, 5);
    const { reports } = await service.handlers['panel.listPaletteReports']({}, panel);
    expect(reports[0]).toMatchObject({
      id: reply.reportId,
      origin: 'composer',
      via: 'page',
      platform: 'facebook',
      image: { sourceWidth: 1000, sourceHeight: 800, width: 50, height: 40 },
    });
    expect(reports[0].swatches.map((s) => s.hex)).toEqual(['#5b3a29', '#1e6fd9']);
    expect((await log())[0]).toMatchObject({
      kind: 'palette.checked',
      platform: 'facebook',
      pageUrl: payload.pageUrl,
      details: { origin: 'composer', via: 'page', verdict: 'pass', onPaletteShare: 0.8 },
    });
    expect(broadcasts).toContainEqual(['palette', 'log']);
  });

  it('logs a burst of checks (a post with several images) in one transaction through the background’s batcher', async () => {
    const db = await openDalilDatabase(`palette-burst-${Math.random()}`);
    const said: ChangeBroadcast['topics'][] = [];
    const { handlers: withBatcher } = createBackground({
      ...backgroundTestDeps(db, { broadcast: (topics) => said.push(topics) }),
      // What the browser would decode (happy-dom has no decoder), as in the service above.
      decode: async () => ({ image: creative(), type: 'png', sourceWidth: 1000, sourceHeight: 800, ms: 3 }),
      toDataUrl: async () => 'data:image/png;base64,AAAA',
    } as Parameters<typeof createBackground>[0]);
    await withBatcher['panel.getGuidance']({}, panel);
    const transaction = vi.spyOn(db, 'transaction');
    const replies = await Promise.all([1, 2, 3].map(() => withBatcher['content.checkImage'](payload, content)));
    expect(replies.map((r) => r.verdict)).toEqual(['pass', 'pass', 'pass']);
    const logWrites = transaction.mock.calls.filter(
      ([stores, mode]) => mode === 'readwrite' && ([] as string[]).concat(stores as string | string[]).includes('activityLog'),
    );
    expect(logWrites).toHaveLength(1);
    expect((await withBatcher['panel.listLog']({}, panel)).filter((e) => e.kind === 'palette.checked')).toHaveLength(3);
    expect(said.filter((topics) => topics.includes('log'))).toHaveLength(1);
  });

  it('answers with the reason when the image cannot be read, and logs that too', async () => {
    decodeFails = true;
    const reply = await service.handlers['content.checkImage'](payload, content);
    expect(reply).toMatchObject({ verdict: 'error', error: 'The PNG image could not be decoded' });
    expect((await log())[0].details).toMatchObject({ verdict: 'error', onPaletteShare: null });
  });

  it('checks 10 images from a tab at once, then refuses more, logging the refusals once', async () => {
    const replies = await Promise.allSettled(
      Array.from({ length: 25 }, () => service.handlers['content.checkImage'](payload, content)),
    );
    expect(replies.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refused = replies.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(15);
    expect(refused[0].reason).toMatchObject({ code: 'rate-limited' });
    const entries = (await log()).filter((e) => e.kind === 'palette.checked');
    expect(entries.filter((e) => e.details.verdict === 'pass')).toHaveLength(10);
    expect(entries.filter((e) => e.details.verdict === 'error')).toEqual([
      expect.objectContaining({
        platform: 'facebook',
        details: expect.objectContaining({ error: expect.stringMatching(/Too many/) }),
      }),
    ]);
    // Another tab has its own allowance.
    expect(await service.handlers['content.checkImage'](payload, { ...content, tab: { id: 8 } })).toMatchObject({
      verdict: 'pass',
    });
  });

  it('refuses anything but a PNG data: URL from a content script', async () => {
    for (const dataUrl of ['https://evil.example/x.png', 'data:image/svg+xml;base64,PHN2Zz4=', 'data:image/png;base64,<b>']) {
      const reply = await routeMessage(handlers, { type: 'content.checkImage', payload: { ...payload, dataUrl } }, content, self);
      expect(reply.ok).toBe(false);
    }
    const fromPanel = await routeMessage(handlers, { type: 'content.checkImage', payload }, panel, self);
    expect(fromPanel.ok).toBe(false);
  });

  it('opens the report from a badge: the panel first (while the click still counts), then the marker', async () => {
    const reportId = crypto.randomUUID();
    const pending = service.handlers['content.openPaletteReport']({ reportId }, content);
    expect(opened).toEqual([{ tabId: 7 }]); // called synchronously, before any await
    expect(await pending).toEqual({ opened: 'tab' });
    expect((await service.handlers['panel.listPaletteReports']({}, panel)).open).toMatchObject({ reportId });
  });

  it('gives content scripts the copy rules and nothing else of the kit', async () => {
    const reply = await service.handlers['content.getCopyRules']({}, content);
    expect(Object.keys(reply)).toEqual(['copyRules']);
    expect(reply.copyRules.requiredHashtags).toEqual(['#DalilCoffee']);
  });
});

describe('checks the panel ran itself, and the report store', () => {
  it('logs a local file check', async () => {
    await handlers['panel.logPaletteCheck'](
      { origin: 'file', label: 'poster.jpg', verdict: 'fail', onPaletteShare: 0.2, swatches: 5 },
      panel,
    );
    expect((await log())[0]).toMatchObject({
      kind: 'palette.checked',
      details: { origin: 'file', via: 'file', image: 'poster.jpg', verdict: 'fail', onPaletteShare: 0.2, error: null },
    });
  });

  it('keeps the 8 newest reports, newest first, even when added at once', async () => {
    const store = sessionReportStore(fakeBrowser.storage.session);
    const report = (i: number): PaletteReport => ({
      id: `r${i}`,
      at: new Date(Date.UTC(2026, 10, 27, 10, i)).toISOString(),
      origin: 'context-menu',
      via: 'fetch',
      label: `https://cdn.example.com/${i}.png`,
      swatches: [],
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.add(report(i))));
    const { reports } = await store.list();
    expect(reports.map((r) => r.id)).toEqual(['r9', 'r8', 'r7', 'r6', 'r5', 'r4', 'r3', 'r2']);
    await store.requestOpen('r9', '2026-11-27T10:09:00.000Z');
    expect((await store.list()).open).toEqual({ reportId: 'r9', at: '2026-11-27T10:09:00.000Z' });
  });
});
