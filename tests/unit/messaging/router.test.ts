import { describe, expect, it, vi } from 'vitest';
import { Refusal } from '../../../entrypoints/background/refusals';
import type { Handlers } from '../../../utils/messaging/router';
import { routeMessage } from '../../../utils/messaging/router';
import { classifySender } from '../../../utils/messaging/sender';

const self = { runtimeId: 'dalil-id', extensionOrigin: 'chrome-extension://dalil-id' };
const sidePanel = { id: 'dalil-id', url: 'chrome-extension://dalil-id/sidepanel.html' };
const contentScript = { id: 'dalil-id', url: 'https://www.facebook.com/groups/1', tab: { id: 7 } };
const otherExtension = { id: 'evil-id', url: 'chrome-extension://evil-id/page.html' };

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
