import { describe, expect, it } from 'vitest';
import { tabAfterKey } from '../../../components/sidepanel/tab-keys';

describe('tabAfterKey (the side panel tabs, WAI-ARIA tabs pattern)', () => {
  it('moves right to the next tab in English and left to the next in Arabic, wrapping at the ends', () => {
    expect(tabAfterKey('ArrowRight', 0, 5, false)).toBe(1);
    expect(tabAfterKey('ArrowLeft', 0, 5, false)).toBe(4);
    expect(tabAfterKey('ArrowRight', 4, 5, false)).toBe(0);
    expect(tabAfterKey('ArrowLeft', 0, 5, true)).toBe(1);
    expect(tabAfterKey('ArrowRight', 0, 5, true)).toBe(4);
    expect(tabAfterKey('ArrowLeft', 4, 5, true)).toBe(0);
  });

  it('goes to the first and last tab with Home and End in both directions, and ignores other keys', () => {
    for (const rtl of [false, true]) {
      expect(tabAfterKey('Home', 3, 5, rtl)).toBe(0);
      expect(tabAfterKey('End', 1, 5, rtl)).toBe(4);
      expect(tabAfterKey('ArrowDown', 1, 5, rtl)).toBeUndefined();
      expect(tabAfterKey('a', 1, 5, rtl)).toBeUndefined();
    }
  });
});
