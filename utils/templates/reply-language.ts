/**
 * Replying in the commenter's language: the agent types the shortcut they know (`;thanks`), and when the
 * comment is in Arabic and the template has an Arabic pair (same `pairId`), the pair is what is inserted
 * (and the reverse). Only when the setting is on and the comment's language is known: unknown swaps nothing.
 */
import type { CommentLanguage } from '../text/comment-language';

/** `ar-EG` → `ar`: the language a comment can be told apart in. */
export const baseLanguage = (lang: string): string => lang.toLowerCase().split('-')[0];

export interface Pairable {
  id: string;
  lang: string;
  pairId?: string;
}

/** The templates of each pair, by `pairId`, for finding a template's pair in another language. */
export function pairsOf<T extends Pairable>(templates: readonly T[]): Map<string, T[]> {
  const pairs = new Map<string, T[]>();
  for (const t of templates) {
    if (!t.pairId) continue;
    const list = pairs.get(t.pairId);
    if (list) list.push(t);
    else pairs.set(t.pairId, [t]);
  }
  return pairs;
}

/**
 * The template to insert for `typed` in reply to a comment in `commentLang`: its pair in that language when
 * the setting is on and the pair is plain — one template in each of the two languages. A pair that holds two
 * in one language (a template copied with its `pairId`, or `ar-EG` beside `ar-SA`) would make the choice a
 * guess, so nothing is swapped in it.
 */
export function replyTemplate<T extends Pairable>(
  typed: T,
  commentLang: CommentLanguage,
  pairs: ReadonlyMap<string, readonly T[]>,
  enabled: boolean,
): T {
  if (!enabled || commentLang === 'unknown' || !typed.pairId) return typed;
  const typedLang = baseLanguage(typed.lang);
  if (typedLang === commentLang) return typed;
  const members = pairs.get(typed.pairId) ?? [];
  const inCommentLang = members.filter((t) => baseLanguage(t.lang) === commentLang);
  const inTypedLang = members.filter((t) => baseLanguage(t.lang) === typedLang);
  return inCommentLang.length === 1 && inTypedLang.length === 1 ? inCommentLang[0] : typed;
}
