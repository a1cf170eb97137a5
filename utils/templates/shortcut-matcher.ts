import { shortcutKey } from './shortcuts';

/** Arabic keyboards type "؛" where Latin ones type ";": both start a shortcut. */
const SHORTCUT_STARTS = /[;؛]/;

export interface ShortcutMatch<T> {
  template: T;
  /** UTF-16 units to replace before the caret. */
  length: number;
}

/**
 * Finds the template whose shortcut was just typed: the word ending at the caret, starting with
 * ";" (or "؛"), equal to a shortcut. Shortcuts in a pack are prefix-free, so the first exact match
 * is the only one and expands at once, with no extra key.
 */
export function createShortcutMatcher<T extends { shortcut?: string }>(templates: readonly T[]) {
  const byKey = new Map<string, T>();
  for (const t of templates) if (t.shortcut) byKey.set(shortcutKey(t.shortcut), t);
  return (textBeforeCaret: string): ShortcutMatch<T> | undefined => {
    const start = Math.max(textBeforeCaret.lastIndexOf(';'), textBeforeCaret.lastIndexOf('؛'));
    if (start === -1) return undefined;
    const token = textBeforeCaret.slice(start);
    if (/\s/.test(token)) return undefined;
    // The shortcut must start a word: at the start of the text or after a space or line break.
    if (start > 0 && !/\s/.test(textBeforeCaret[start - 1])) return undefined;
    if (!SHORTCUT_STARTS.test(token[0])) return undefined;
    const template = byKey.get(shortcutKey(`;${token.slice(1)}`));
    return template ? { template, length: token.length } : undefined;
  };
}
