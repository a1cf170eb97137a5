import { describe, expect, it, vi } from 'vitest';
import { pageHandlers } from '../../../entrypoints/background/page-handlers';
import { Refusal } from '../../../entrypoints/background/refusals';
import { type MessageType, protocol } from '../../../utils/messaging/protocol';
import type { Handlers } from '../../../utils/messaging/router';
import { routeMessage } from '../../../utils/messaging/router';
import { classifySender, type SenderInfo } from '../../../utils/messaging/sender';

const self = { runtimeId: 'dalil-id', extensionOrigin: 'chrome-extension://dalil-id' };
const sidePanel = { id: 'dalil-id', url: 'chrome-extension://dalil-id/sidepanel.html' };
const contentScript = { id: 'dalil-id', url: 'https://www.facebook.com/groups/1', tab: { id: 7 } };
const otherExtension = { id: 'evil-id', url: 'chrome-extension://evil-id/page.html' };
/** The picker as Chromium describes it: our page, framed in a platform tab whose top page is tab.url. */
const picker = {
  id: 'dalil-id',
  url: 'chrome-extension://dalil-id/picker.html#n=abc',
  tab: { id: 9, url: 'https://shop.example.org/contact?x=1' },
};

function spyHandlers() {
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_, type: string) =>
      vi.fn(async () => {
        calls.push(type);
        return { ok: true };
      }),
  });
  return { handlers, calls };
}

describe('classifySender', () => {
  it('tells our pages, our content scripts and strangers apart', () => {
    expect(classifySender(sidePanel, self.runtimeId, self.extensionOrigin)).toBe('extension');
    expect(classifySender({ ...sidePanel, tab: { id: 3 } }, self.runtimeId, self.extensionOrigin)).toBe('extension');
    expect(classifySender(contentScript, self.runtimeId, self.extensionOrigin)).toBe('content');
    expect(classifySender(otherExtension, self.runtimeId, self.extensionOrigin)).toBeNull();
    expect(classifySender(picker, self.runtimeId, self.extensionOrigin)).toBe('picker');
    expect(
      classifySender({ ...picker, url: 'chrome-extension://dalil-id/picker.html' }, self.runtimeId, self.extensionOrigin),
    ).toBe('picker');
    expect(classifySender({ id: 'dalil-id', url: 'https://x.com/' }, self.runtimeId, self.extensionOrigin)).toBeNull();
    expect(
      classifySender({ id: 'dalil-id', url: 'file:///etc/passwd', tab: { id: 1 } }, self.runtimeId, self.extensionOrigin),
    ).toBeNull();
  });
});

describe('routeMessage', () => {
  it('runs the handler with the parsed payload for an allowed sender', async () => {
    const { handlers, calls } = spyHandlers();
    const reply = await routeMessage(handlers, { type: 'panel.listLog', payload: { limit: 5 } }, sidePanel, self);
    expect(reply).toEqual({ ok: true, data: { ok: true } });
    expect(calls).toEqual(['panel.listLog']);
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['unknown type', { type: 'panel.deleteEverything', payload: {} }],
    ['inherited name', { type: 'constructor', payload: {} }],
    ['__proto__', { type: '__proto__', payload: {} }],
  ])('refuses %s without running anything', async (_, raw) => {
    const { handlers, calls } = spyHandlers();
    const reply = await routeMessage(handlers, raw, sidePanel, self);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown-type' }) });
    expect(calls).toEqual([]);
  });

  it('refuses panel messages from a content script (a hostile page cannot import a pack)', async () => {
    const { handlers, calls } = spyHandlers();
    const reply = await routeMessage(handlers, { type: 'panel.importPack', payload: { text: '{}' } }, contentScript, self);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden-sender' }) });
    expect(calls).toEqual([]);
  });

  it('refuses every message from another extension', async () => {
    const { handlers, calls } = spyHandlers();
    const reply = await routeMessage(handlers, { type: 'panel.getGuidance', payload: {} }, otherExtension, self);
    expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden-sender' }) });
    expect(calls).toEqual([]);
  });

  it('refuses content messages from extension pages', async () => {
    const { handlers, calls } = spyHandlers();
    const payload = { platform: 'facebook', url: 'https://www.facebook.com/' };
    const reply = await routeMessage(handlers, { type: 'content.hello', payload }, sidePanel, self);
    expect(reply.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it.each([
    ['missing payload', { type: 'panel.saveTemplate' }],
    ['extra fields', { type: 'panel.getGuidance', payload: { sneaky: true } }],
    ['wrong types', { type: 'panel.setTemplateStatus', payload: { id: 'a', status: 'deleted' } }],
    [
      'template without a title',
      { type: 'panel.saveTemplate', payload: { template: { id: 'a', body: 'x', lang: 'en', status: 'draft' } } },
    ],
    ['limit out of range', { type: 'panel.listLog', payload: { limit: 1e9 } }],
  ])('answers a malformed payload (%s) with an error and changes nothing', async (_, raw) => {
    const { handlers, calls } = spyHandlers();
    const reply = await routeMessage(handlers, raw, sidePanel, self);
    expect(reply).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'invalid-payload', problems: expect.any(Array) }),
    });
    expect(calls).toEqual([]);
  });

  it('refuses a content script’s hello for a non-web URL', async () => {
    const { handlers, calls } = spyHandlers();
    const payload = { platform: 'facebook', url: 'javascript:alert(1)' };
    const reply = await routeMessage(handlers, { type: 'content.hello', payload }, contentScript, self);
    expect(reply.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('turns a handler’s exception into an error reply', async () => {
    const handlers = { 'panel.getGuidance': async () => Promise.reject(new Error('disk on fire')) } as unknown as Handlers;
    const reply = await routeMessage(handlers, { type: 'panel.getGuidance', payload: {} }, sidePanel, self);
    expect(reply).toEqual({ ok: false, error: { code: 'failed', message: 'disk on fire' } });
  });

  it('passes a refusal’s code on as a problem, for the panel to say in its language', async () => {
    const handlers = {
      'panel.getGuidance': async () => Promise.reject(new Refusal('unverified-pack', 'Not signed by the pinned key')),
    } as unknown as Handlers;
    const reply = await routeMessage(handlers, { type: 'panel.getGuidance', payload: {} }, sidePanel, self);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message: 'Not signed by the pinned key',
        problems: [{ path: '$', code: 'unverified-pack', message: 'Not signed by the pinned key' }],
      },
    });
  });
});

describe('the picker, an extension page inside a web page', () => {
  const types = Object.keys(protocol) as MessageType[];
  const fromPicker = types.filter((type) => (protocol[type].from as readonly string[]).includes('picker'));

  it('may send only guidance, use counts and turning its own site on', () => {
    expect(fromPicker.sort()).toEqual(['panel.getGuidance', 'panel.setSiteEnabled', 'panel.templateUsage']);
  });

  // Generated from the protocol: a message added later is refused from the picker unless it is listed for it.
  it.each(types.filter((type) => !fromPicker.includes(type)))(
    '%s from the picker is refused before any handler',
    async (type) => {
      const { handlers, calls } = spyHandlers();
      const reply = await routeMessage(handlers, { type, payload: {} }, picker, self);
      expect(reply).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden-sender' }) });
      expect(calls).toEqual([]);
    },
  );

  it('reaches the handlers of what it needs, which are told the sender is the picker', async () => {
    const seen: Array<SenderInfo['kind']> = [];
    const handlers = new Proxy({} as Handlers, {
      get: () => async (_: unknown, sender: SenderInfo) => {
        seen.push(sender.kind);
        return {};
      },
    });
    for (const type of ['panel.getGuidance', 'panel.templateUsage'] as const) {
      expect(await routeMessage(handlers, { type, payload: {} }, picker, self)).toMatchObject({ ok: true });
    }
    const enable = { type: 'panel.setSiteEnabled', payload: { origin: 'https://shop.example.org', enabled: true } };
    expect(await routeMessage(handlers, enable, picker, self)).toMatchObject({ ok: true });
    expect(seen).toEqual(['picker', 'picker', 'picker']);
  });

  describe('turning a site on', () => {
    function sites() {
      const set = vi.fn(async () => ({ ok: true }));
      const handlers = pageHandlers({ sites: { list: async () => [], set }, broadcast: () => undefined } as never) as Handlers;
      const send = (payload: { origin: string; enabled: boolean }, sender: SenderInfo) =>
        routeMessage(handlers, { type: 'panel.setSiteEnabled', payload }, sender, self);
      return { set, send };
    }

    it('from the picker: only the site of the tab it is in, and only on', async () => {
      const { set, send } = sites();
      expect(await send({ origin: 'https://shop.example.org', enabled: true }, picker)).toEqual({ ok: true, data: { ok: true } });
      expect(set).toHaveBeenCalledWith('https://shop.example.org', true);
      set.mockClear();
      for (const payload of [
        { origin: 'https://evil.example', enabled: true },
        { origin: 'https://shop.example.org:8443', enabled: true },
        { origin: 'http://shop.example.org', enabled: true },
        { origin: 'https://shop.example.org', enabled: false },
      ]) {
        expect(await send(payload, picker)).toEqual({ ok: true, data: { ok: false, error: 'not-this-site' } });
      }
      // A tab whose address the browser did not tell: nothing to compare with, refused.
      expect(await send({ origin: 'https://shop.example.org', enabled: true }, { ...picker, tab: { id: 9 } })).toEqual({
        ok: true,
        data: { ok: false, error: 'not-this-site' },
      });
      expect(set).not.toHaveBeenCalled();
    });

    it('from the side panel: any site, on or off', async () => {
      const { set, send } = sites();
      await send({ origin: 'https://evil.example', enabled: true }, sidePanel);
      await send({ origin: 'https://shop.example.org', enabled: false }, sidePanel);
      expect(set.mock.calls).toEqual([
        ['https://evil.example', true],
        ['https://shop.example.org', false],
      ]);
    });
  });
});
