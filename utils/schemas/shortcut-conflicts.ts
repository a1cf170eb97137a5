/**
 * Shortcut conflicts are a rule of the pack format (a pack with two `;thanks` is invalid), so they
 * live with the schemas; utils/templates/shortcuts.ts re-exports them for the editor.
 */
/** Shortcuts compare without case and in one Unicode form, so `;Thanks` and `;thanks` collide. */
export function shortcutKey(shortcut: string): string {
  return shortcut.normalize('NFC').toLocaleLowerCase();
}

export interface ShortcutConflict {
  /** Index of the template whose shortcut is equal to, or starts with, the other's. */
  index: number;
  otherIndex: number;
  kind: 'equal' | 'prefix';
}

/**
 * Pairs of shortcuts that cannot both work: equal ones, and ones where one is a prefix of the
 * other (typing the longer one would expand the shorter one first). Sorting makes a prefix sit
 * right before the keys that extend it, so this is O(n log n) for the common case.
 */
export function findShortcutConflicts(shortcuts: ReadonlyArray<string | undefined>): ShortcutConflict[] {
  const keyed = shortcuts
    .map((s, index) => (s ? { key: shortcutKey(s), index } : undefined))
    .filter((x): x is { key: string; index: number } => x !== undefined)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  const conflicts: ShortcutConflict[] = [];
  for (let i = 0; i < keyed.length; i++) {
    const shorter = keyed[i];
    for (let j = i + 1; j < keyed.length && keyed[j].key.startsWith(shorter.key); j++) {
      const longer = keyed[j];
      conflicts.push({
        index: longer.index,
        otherIndex: shorter.index,
        kind: longer.key === shorter.key ? 'equal' : 'prefix',
      });
    }
  }
  return conflicts.sort((a, b) => a.index - b.index || a.otherIndex - b.otherIndex);
}
