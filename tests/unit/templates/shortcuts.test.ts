import { describe, expect, it } from 'vitest';
import { ShortcutSchema } from '../../../utils/schemas/template';
import { findShortcutConflicts } from '../../../utils/templates/shortcuts';

describe('shortcut form', () => {
  it.each([';thanks', ';شكرا', ';sorry-delay', ';price_2', ';٣', ';شكراً'])('accepts %s', (s) => {
    expect(ShortcutSchema.safeParse(s).success).toBe(true);
  });
  it.each(['thanks', ';', '; thanks', ';a b', ';thanks!', ';<b>', `;${'x'.repeat(41)}`])('refuses %j', (s) => {
    expect(ShortcutSchema.safeParse(s).success).toBe(false);
  });
});

describe('findShortcutConflicts', () => {
  it('finds none among distinct shortcuts', () => {
    expect(findShortcutConflicts([';thanks', ';refund', undefined, ';شكرا', ';استرجاع'])).toEqual([]);
  });
  it('finds equal shortcuts, ignoring case', () => {
    expect(findShortcutConflicts([';thanks', ';Thanks'])).toEqual([{ index: 1, otherIndex: 0, kind: 'equal' }]);
  });
  it('finds a shortcut that starts with another, in any order', () => {
    expect(findShortcutConflicts([';pricelist', ';refund', ';price'])).toEqual([{ index: 0, otherIndex: 2, kind: 'prefix' }]);
    expect(findShortcutConflicts([';شكر', ';شكرا'])).toEqual([{ index: 1, otherIndex: 0, kind: 'prefix' }]);
  });
  it('finds every pair in a chain of prefixes', () => {
    expect(findShortcutConflicts([';a', ';ab', ';abc'])).toHaveLength(3);
  });
});
