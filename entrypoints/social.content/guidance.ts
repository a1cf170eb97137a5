/**
 * Approved templates, fetched when a composer is first focused and again when the pack or the
 * settings change. Pack changes matter once templates are held: the listener is added then, not at
 * every page load (the storage API's first use costs up to ~1.5 ms there).
 */
import { type ContentScriptContext, type ContentSend, onLocalStorageChanged } from '@/utils/content-scripts/lifecycle';
import { loadPageLocale } from '@/utils/i18n/page-text';
import type { ContentGuidance } from '@/utils/messaging/protocol';
import type { Template } from '@/utils/schemas/template';
import { createShortcutMatcher, type ShortcutMatch } from '@/utils/templates/shortcut-matcher';

export interface Guidance {
  load(): Promise<ContentGuidance | undefined>;
  /** The shortcut matcher of the templates held, once they have arrived. */
  matcher(): ((text: string) => ShortcutMatch<Template> | undefined) | undefined;
}

export function createGuidance(ctx: ContentScriptContext, send: ContentSend): Guidance {
  let guidance: Promise<ContentGuidance | undefined> | undefined;
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
    guidance ??= send('content.getGuidance', {}).then((g) => {
      matcher = g ? createShortcutMatcher(g.templates) : undefined;
      if (!g) guidance = undefined;
      return g;
    });
    return guidance;
  };
  return { load, matcher: () => matcher };
}
