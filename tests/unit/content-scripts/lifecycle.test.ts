import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { contentSender, on, onLocalStorageChanged, stopWith } from '../../../utils/content-scripts/lifecycle';

const idDescriptor = Object.getOwnPropertyDescriptor(fakeBrowser.runtime, 'id') as PropertyDescriptor;

/** What an orphaned content script sees after the extension is reloaded under its page: no runtime id. */
function orphan() {
  Object.defineProperty(fakeBrowser.runtime, 'id', { value: undefined, configurable: true });
}

afterEach(() => {
  Object.defineProperty(fakeBrowser.runtime, 'id', idDescriptor);
  vi.restoreAllMocks();
});

describe('content-script features stop with their context', () => {
  it('runs listeners while the extension is there; the first event after a reload stops the script', () => {
    const ctx = new ContentScriptContext('test');
    const target = new EventTarget();
    const seen: string[] = [];
    const observer = { disconnect: vi.fn() };
    stopWith(ctx, observer);
    on(ctx, target, 'ping', () => seen.push('ping'));
    target.dispatchEvent(new Event('ping'));
    expect(seen).toEqual(['ping']);

    orphan();
    target.dispatchEvent(new Event('ping'));
    expect(seen).toEqual(['ping']); // not run: the script stopped instead
    expect(ctx.signal.aborted).toBe(true);
    expect(observer.disconnect).toHaveBeenCalledOnce();
  });

  it('follows storage changes until invalidated', async () => {
    const ctx = new ContentScriptContext('test');
    const changes: string[] = [];
    onLocalStorageChanged(ctx, (c) => changes.push(...Object.keys(c)));
    await fakeBrowser.storage.local.set({ settings: { locale: 'ar' } });
    ctx.notifyInvalidated();
    await fakeBrowser.storage.local.set({ guidanceRevision: 2 });
    expect(changes).toEqual(['settings']);
  });

  it('reads a refusal as undefined, but a dead context stops the script and never settles', async () => {
    const ctx = new ContentScriptContext('test');
    const send = contentSender(ctx);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({
      ok: false,
      error: { code: 'refused', message: 'no', problems: [] },
    } as never);
    expect(await send('content.getShortcuts', {})).toBeUndefined();
    expect(ctx.isValid).toBe(true);

    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Extension context invalidated.'));
    orphan();
    const settled = vi.fn();
    void send('content.getShortcuts', {}).then(settled, settled);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).not.toHaveBeenCalled();
    expect(ctx.signal.aborted).toBe(true);
  });
});
