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

/**
 * Why `shortcut` cannot be used next to `others`' shortcuts, as problems on the `shortcut` field
 * (empty when it is free). Shared by the editor (as you type) and the background (on save).
 */
export function shortcutClashes(
  shortcut: string | undefined,
  others: ReadonlyArray<{ shortcut?: string; title: string }>,
): Array<{ path: 'shortcut'; code: string; params: Record<string, string>; message: string }> {
  if (!shortcut) return [];
  return findShortcutConflicts([shortcut, ...others.map((o) => o.shortcut)])
    .filter((c) => c.index === 0 || c.otherIndex === 0)
    .map((c) => {
      const other = others[(c.index === 0 ? c.otherIndex : c.index) - 1];
      const equal = c.kind === 'equal';
      return {
        path: 'shortcut',
        code: equal ? 'shortcut-equal' : 'shortcut-prefix',
        params: { value: shortcut, otherValue: other.shortcut ?? '', other: `“${other.title}”` },
        message: equal
          ? `Shortcut ${shortcut} is already used by “${other.title}”`
          : `Shortcuts ${shortcut} and ${other.shortcut} (“${other.title}”) start the same way`,
      };
    });
}
