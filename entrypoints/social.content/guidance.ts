/**
 * Approved templates, fetched when a composer is first focused and again when the pack or the
 * settings change. Pack changes matter once templates are held: the listener is added then, not at
 * every page load (the storage API's first use costs up to ~1.5 ms there).
 */
import { browser } from 'wxt/browser';
import { type ContentScriptContext, type ContentSend, onLocalStorageChanged } from '@/utils/content-scripts/lifecycle';
import { loadPageLocale } from '@/utils/i18n/page-text';
import type { ContentGuidance } from '@/utils/messaging/protocol';
import type { Template } from '@/utils/schemas/template';
import { pairsOf } from '@/utils/templates/reply-language';
import { createShortcutMatcher, type ShortcutMatch } from '@/utils/templates/shortcut-matcher';

/** What the content script holds: the approved templates and names, and how to answer in the comment's language. */
export interface HeldGuidance extends ContentGuidance {
  /** The templates of each pair (same `pairId`), for answering in the comment's language. */
  pairs: Map<string, Template[]>;
  /** Settings: "Reply in the commenter's language" (on unless turned off). */
  replyInCommentLanguage: boolean;
}

export interface Guidance {
  load(): Promise<HeldGuidance | undefined>;
  /** The shortcut matcher of the templates held, once they have arrived. */
  matcher(): ((text: string) => ShortcutMatch<Template> | undefined) | undefined;
}

/** The setting, read raw like the page's locale (no schema code in page scripts); on when missing or unreadable. */
const readReplySetting = (): Promise<boolean> =>
  browser.storage.local.get('settings').then(
    ({ settings }) => (settings as { replyInCommentLanguage?: unknown } | undefined)?.replyInCommentLanguage !== false,
    () => true,
  );

export function createGuidance(ctx: ContentScriptContext, send: ContentSend): Guidance {
  let guidance: Promise<HeldGuidance | undefined> | undefined;
  let matcher: ((text: string) => ShortcutMatch<Template> | undefined) | undefined;
  let watching = false;
  const load = () => {
    if (!watching) {
      watching = true;
      // Toasts, the composer button and the checklist in Dalil's language (Settings), read with the first templates.
      void loadPageLocale(ctx);
      onLocalStorageChanged(ctx, (changes) => {
        if ('guidanceRevision' in changes || 'settings' in changes) {
          guidance = undefined;
          matcher = undefined;
          void load();
        }
      });
    }
    guidance ??= Promise.all([send('content.getGuidance', {}), readReplySetting()]).then(([g, replyInCommentLanguage]) => {
      matcher = g ? createShortcutMatcher(g.templates) : undefined;
      if (!g) guidance = undefined;
      return g && { ...g, pairs: pairsOf(g.templates), replyInCommentLanguage };
    });
    return guidance;
  };
  return { load, matcher: () => matcher };
}
