import type { SenderKind } from './protocol';

/** The parts of runtime.MessageSender we look at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  /** The tab a content script or an extension frame is in; `url` is the tab's top page (when the browser tells it). */
  tab?: { id?: number; url?: string };
  /** Set by the router once it has classified the sender; handlers narrow what they do by it. */
  kind?: SenderKind;
}

/** The picker's page: an extension page, but framed inside a web page (see entrypoints/social.content/picker-frame.ts). */
const PICKER_PATH = '/picker.html';

/**
 * Which of our contexts sent a message, or null for anything else. Extension pages are recognised
 * by origin (the side panel has no tab; our page opened in a tab has one), and the picker among
 * them by its path: it lives inside a page we do not control, so it gets its own, smaller, set of
 * messages. Content scripts by a tab and a web URL. Messages from other extensions (a different
 * id) are never accepted.
 */
export function classifySender(sender: SenderInfo, runtimeId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== runtimeId) return null;
  const url = sender.url ?? '';
  if (url.startsWith(`${extensionOrigin}/`) || url === extensionOrigin) {
    return new URL(url).pathname === PICKER_PATH ? 'picker' : 'extension';
  }
  if (sender.tab?.id !== undefined && /^https?:\/\//.test(url)) return 'content';
  return null;
}

/** The web origin of the tab a sender is in, or null when the browser did not tell it. */
export function tabOrigin(sender: SenderInfo): string | null {
  const url = sender.tab?.url;
  if (!url || !/^https?:\/\//.test(url)) return null;
  return new URL(url).origin;
}
