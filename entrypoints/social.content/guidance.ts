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
import { shortcutKey } from '@/utils/templates/shortcuts';

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
  /**
   * Fetches the text of the few templates whose shortcut the word before the caret starts, so it is here when
   * the last letter is typed (a space typed right after a shortcut would otherwise come before its text).
   * Returns their entries (none when the word is not a shortcut's start, or starts too many).
   */
  prefetch(textBeforeCaret: string): ShortcutEntry[];
}

/** Prefetched only when the word typed so far narrows the shortcuts to this many. */
const PREFETCH_AT_MOST = 3;

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
  /** The table's shortcuts as the matcher compares them, sorted, for finding those a word starts. */
  let keys: Array<[key: string, entry: ShortcutEntry]> = [];
  /** Each template's pair, whose text is fetched ahead with it (the reply may be the pair, in the comment's language). */
  let pairOf = new Map<string, ShortcutEntry[]>();
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
          keys = [];
          pairOf = new Map();
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
      keys = table.entries
        .flatMap((e): Array<[string, ShortcutEntry]> => (e.shortcut ? [[shortcutKey(e.shortcut), e]] : []))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const pairs = pairsOf(table.entries);
      pairOf = new Map(table.entries.flatMap((e) => (e.pairId ? [[e.id, pairs.get(e.pairId) ?? []] as const] : [])));
      return {
        brandName: table.brandName,
        agentName: table.agentName,
        pairs,
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
  const prefetch = (textBeforeCaret: string): ShortcutEntry[] => {
    const start = Math.max(textBeforeCaret.lastIndexOf(';'), textBeforeCaret.lastIndexOf('؛'));
    const word = textBeforeCaret.slice(start + 1);
    if (start === -1 || word.length === 0 || /\s/.test(word)) return [];
    const prefix = shortcutKey(`;${word}`);
    // The first key not below the prefix, then those that start with it.
    let low = 0;
    let high = keys.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (keys[middle][0] < prefix) low = middle + 1;
      else high = middle;
    }
    const found = [];
    for (let i = low; i < keys.length && keys[i][0].startsWith(prefix) && found.length <= PREFETCH_AT_MOST; i++)
      found.push(keys[i][1]);
    if (found.length > PREFETCH_AT_MOST) return [];
    for (const entry of found) {
      void template(entry.id);
      for (const pair of pairOf.get(entry.id) ?? []) void template(pair.id);
    }
    return found;
  };
  return { load, matcher: () => matcher, template, prefetch };
}
