import type { SenderKind } from './protocol';

/** The parts of runtime.MessageSender we look at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/**
 * Which of our contexts sent a message, or null for anything else. Extension pages are recognised
 * by origin (the side panel has no tab; our page opened in a tab has one); content scripts by a
 * tab and a web URL. Messages from other extensions (a different id) are never accepted.
 */
export function classifySender(sender: SenderInfo, runtimeId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== runtimeId) return null;
  const url = sender.url ?? '';
  if (url.startsWith(extensionOrigin)) return 'extension';
  if (sender.tab?.id !== undefined && /^https?:\/\//.test(url)) return 'content';
  return null;
}
