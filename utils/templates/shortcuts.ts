import { findShortcutConflicts } from '../schemas/shortcut-conflicts';

export { findShortcutConflicts, type ShortcutConflict, shortcutKey } from '../schemas/shortcut-conflicts';

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
