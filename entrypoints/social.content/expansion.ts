/**
 * What a shortcut typed in a composer becomes: its template, or the template's pair in the comment's language,
 * rendered for that composer's comment. Prepared while the shortcut is one key or a few away (the word typed
 * narrows the table to a few), off the keystroke's task, so the key that completes it only has to insert.
 */
import type { CursorMark } from '@/utils/editors/caret';
import type { ShortcutEntry } from '@/utils/messaging/protocol';
import type { Template } from '@/utils/schemas/template';
import { includedTemplates } from '@/utils/templates/includes';
import { renderTemplate } from '@/utils/templates/render';
import { replyTemplate } from '@/utils/templates/reply-language';
import { detectCommentLanguage } from '@/utils/text/comment-language';
import type { Guidance } from './guidance';
import type { Page } from './page';

export interface Expansion {
  template: Template;
  text: string;
  /** Fill-in fields with no value: the picker's form asks for them. */
  missing: string[];
  cursor?: CursorMark;
  /** The typed template's pair was chosen instead, for the comment's language (logged). */
  swap?: { swappedFrom: string; commentLanguage: 'ar' | 'en' };
}

export interface Expansions {
  /** The expansion of `typed` in `composer`: the prepared one when it is ready, otherwise worked out now. */
  of(composer: HTMLElement, typed: ShortcutEntry): Promise<Expansion | undefined>;
  /** Works out, after the current task, the expansions of the shortcuts the word typed so far may become. */
  prepare(composer: HTMLElement, candidates: ShortcutEntry[]): void;
}

interface Prepared {
  composer: HTMLElement;
  typed: ShortcutEntry;
  /** Set once worked out; a failed one is not kept. */
  expansion?: Expansion;
}

export function createExpansions(page: Page, guidance: Guidance): Expansions {
  const work = async (composer: HTMLElement, typed: ShortcutEntry): Promise<Expansion | undefined> => {
    const g = await guidance.load();
    if (!g) return undefined;
    const context = page.contextFor(composer);
    // The comment is in the other language and the template has a pair in it: the pair is the reply.
    const commentLanguage = detectCommentLanguage(context.commentText);
    const entry = replyTemplate(typed, commentLanguage, g.pairs, g.replyInCommentLanguage);
    const swap = entry !== typed && commentLanguage !== 'unknown' ? { swappedFrom: typed.id, commentLanguage } : undefined;
    const template = await guidance.template(entry.id);
    if (!template) return undefined;
    // Templates it includes ({{> id}}), fetched like its own text; cycles were refused on import.
    const included = await includedTemplates(template, page.platform, guidance.template);
    const { text, missing, cursor } = renderTemplate(template, {
      commenter: { name: context.commenterName },
      agent: { name: g.agentName },
      brand: { name: g.brandName },
      platform: page.platform,
      include: (id) => included.get(id),
    });
    return { template, text, missing, cursor, swap };
  };

  /** The few shortcuts of the word being typed, in the composer typed in last. */
  let prepared: Prepared[] = [];

  const of = (composer: HTMLElement, typed: ShortcutEntry) => {
    // The table's entries are new objects after a pack or settings change: nothing prepared before it matches.
    const ready = prepared.find((p) => p.composer === composer && p.typed === typed)?.expansion;
    return ready ? Promise.resolve(ready) : work(composer, typed);
  };

  const prepare = (composer: HTMLElement, candidates: ShortcutEntry[]) => {
    const kept = prepared.filter((p) => p.composer === composer && candidates.includes(p.typed));
    const added = candidates
      .filter((typed) => !kept.some((p) => p.typed === typed))
      .map((typed): Prepared => ({ composer, typed }));
    prepared = [...kept, ...added];
    if (added.length === 0) return;
    // After this keystroke's task: its text fetched first (a message to the background), or a task away.
    setTimeout(() => {
      for (const p of added)
        void work(composer, p.typed).then((expansion) => {
          p.expansion = expansion;
        });
    }, 0);
  };

  return { of, prepare };
}
