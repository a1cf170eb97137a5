/**
 * What composers need of the approved templates: the shortcut table (shortcut → id, languages and pairs, no
 * bodies), fetched when a composer is first focused and again when the pack or the settings change, and each
 * template's text, fetched when it is first used. Pack changes matter once the table is held: the listener is
 * added then, not at every page load (the storage API's first use costs up to ~1.5 ms there).
 */
import { browser } from 'wxt/browser';
import { type ContentScriptContext, type ContentSend, onLocalStorageChanged } from '@/utils/content-scripts/lifecycle';
import { loadPageLocale } from '@/utils/i18n/page-text';
import type { ShortcutEntry } from '@/utils/messaging/protocol';
import type { Template } from '@/utils/schemas/template';
import { pairsOf } from '@/utils/templates/reply-language';
import { createShortcutMatcher, type ShortcutMatch } from '@/utils/templates/shortcut-matcher';

/** What the content script holds: the shortcut table's names and pairs, and how to answer in the comment's language. */
export interface HeldGuidance {
  brandName: string;
  agentName: string;
  /** The templates of each pair (same `pairId`), for answering in the comment's language. */
  pairs: Map<string, ShortcutEntry[]>;
  /** Settings: "Reply in the commenter's language" (on unless turned off). */
  replyInCommentLanguage: boolean;
}

export interface Guidance {
  load(): Promise<HeldGuidance | undefined>;
  /** The shortcut matcher of the table held, once it has arrived. */
  matcher(): ((text: string) => ShortcutMatch<ShortcutEntry> | undefined) | undefined;
  /** An approved template whole, fetched on its first use and kept until the pack changes. */
  template(id: string): Promise<Template | undefined>;
}

/** The setting, read raw like the page's locale (no schema code in page scripts); on when missing or unreadable. */
const readReplySetting = (): Promise<boolean> =>
  browser.storage.local.get('settings').then(
    ({ settings }) => (settings as { replyInCommentLanguage?: unknown } | undefined)?.replyInCommentLanguage !== false,
    () => true,
  );

export function createGuidance(ctx: ContentScriptContext, send: ContentSend): Guidance {
  let guidance: Promise<HeldGuidance | undefined> | undefined;
  let matcher: ((text: string) => ShortcutMatch<ShortcutEntry> | undefined) | undefined;
  let bodies = new Map<string, Promise<Template | undefined>>();
  let watching = false;
  const load = () => {
    if (!watching) {
      watching = true;
      // Toasts, the composer button and the checklist in Dalil's language (Settings), read with the first table.
      void loadPageLocale(ctx);
      onLocalStorageChanged(ctx, (changes) => {
        if ('guidanceRevision' in changes || 'settings' in changes) {
          guidance = undefined;
          matcher = undefined;
          bodies = new Map();
          void load();
        }
      });
    }
    guidance ??= Promise.all([send('content.getShortcuts', {}), readReplySetting()]).then(([table, replyInCommentLanguage]) => {
      if (!table) {
        guidance = undefined;
        return undefined;
      }
      matcher = createShortcutMatcher(table.entries);
      return {
        brandName: table.brandName,
        agentName: table.agentName,
        pairs: pairsOf(table.entries),
        replyInCommentLanguage,
      };
    });
    return guidance;
  };
  const template = (id: string) => {
    const held = bodies;
    let body = held.get(id);
    if (!body) {
      body = send('content.getTemplate', { id }).then((reply) => {
        // Refused or gone: ask again next time rather than remember the failure.
        if (!reply?.template) held.delete(id);
        return reply?.template;
      });
      held.set(id, body);
    }
    return body;
  };
  return { load, matcher: () => matcher, template };
}
