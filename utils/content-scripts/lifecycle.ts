/**
 * What every content-script feature needs to stop with its script. WXT gives each run of a content
 * script a context (`ctx`) that is invalidated when the extension is reloaded or updated under an
 * open page, or when a newer copy of the script starts in the same page (the keyboard command injects
 * one into a tab whose old copy was orphaned by a reload). Chrome does not re-inject declared content
 * scripts into open tabs, and neither does Dalil's background on install or update (its
 * runtime.onInstalled only installs the default pack and the context menus); a new copy arrives when
 * the page is reloaded, or when the picker's command finds no live copy in the tab and injects one.
 * An orphaned script's listeners keep firing: without this, an old copy and a new one would both
 * expand the same shortcut (tests/e2e/extension-reload.test.ts).
 *
 * Features register everything through the context (`on`, `ctx.setTimeout`, `ctx.onInvalidated`,
 * `ctx.signal`); each event first asks whether the extension is still there (`ctx.isValid` reads
 * `runtime.id`, gone in an orphaned script) and, when it is not, the whole script stops: listeners
 * removed, observers disconnected, overlays taken off the page.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground } from '../messaging/client';
import type { MessageFrom, RequestOf, ResponseOf } from '../messaging/protocol';

export type { ContentScriptContext };

/** Sends a protocol message from a content script (see `contentSender`). */
export type ContentSend = <K extends MessageFrom<'content'>>(
  type: K,
  payload: RequestOf<K>,
) => Promise<ResponseOf<K> | undefined>;

/**
 * `target.addEventListener` for as long as the context lives, for one event type or several (one listener for
 * all). The handler runs only while the extension is there: the first event after a reload stops the orphaned
 * script instead.
 */
export function on<E extends Event = Event>(
  ctx: ContentScriptContext,
  target: EventTarget,
  type: string | readonly string[],
  handler: (event: E) => void,
  options: AddEventListenerOptions = {},
): void {
  const listener = (event: Event) => {
    if (ctx.isValid) handler(event as E);
  };
  const listening = { ...options, signal: ctx.signal };
  for (const each of typeof type === 'string' ? [type] : type) target.addEventListener(each, listener, listening);
}

/** Calls `observer.disconnect()` when the context is invalidated; returns the observer. */
export function stopWith<T extends { disconnect(): void }>(ctx: ContentScriptContext, observer: T): T {
  ctx.onInvalidated(() => observer.disconnect());
  return observer;
}

/** `browser.storage.onChanged` (local area) for as long as the context lives. */
export function onLocalStorageChanged(
  ctx: ContentScriptContext,
  listener: (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>) => void,
): void {
  const wrapped = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>, area: string) => {
    if (area === 'local' && ctx.isValid) listener(changes);
  };
  browser.storage.onChanged.addListener(wrapped);
  ctx.onInvalidated(() => {
    try {
      browser.storage.onChanged.removeListener(wrapped);
    } catch {
      // An orphaned script's extension APIs may be gone already: nothing is listening then.
    }
  });
}

/**
 * A sender for one content script: the reply's data, or undefined when the background refused the
 * request. When the extension is gone (reloaded or updated under the page) the error is not hidden
 * as a refusal: the context is invalidated, which stops every feature of this script, and the
 * returned promise never settles, so no caller goes on to act (a toast, a mark, an insertion) on an
 * answer that never came.
 */
export function contentSender(ctx: ContentScriptContext): ContentSend {
  return async (type, payload) => {
    if (ctx.isInvalid) return ctx.block();
    try {
      return await sendToBackground(type, payload);
    } catch {
      if (ctx.isInvalid) return ctx.block();
      return undefined;
    }
  };
}
