import { describe, expect, it } from 'vitest';
import { createShortcutMatcher } from '../../../utils/templates/shortcut-matcher';

const templates = [
  { id: 'thanks', shortcut: ';thanks' },
  { id: 'shukran', shortcut: ';شكرا' },
  { id: 'delay', shortcut: ';sorry-delay' },
  { id: 'none' },
];
const match = createShortcutMatcher(templates);

describe('shortcut matching as people type', () => {
  it('matches a shortcut that ends at the caret', () => {
    expect(match(';thanks')).toEqual({ template: templates[0], length: 7 });
    expect(match('Hello ;thanks')).toEqual({ template: templates[0], length: 7 });
    expect(match('line one\n;sorry-delay')?.template.id).toBe('delay');
    expect(match('@Maryam ;شكرا')).toEqual({ template: templates[1], length: 5 });
  });

  it('takes the Arabic semicolon an Arabic keyboard types', () => {
    expect(match('؛شكرا')?.template.id).toBe('shukran');
    expect(match('؛thanks')?.template.id).toBe('thanks');
  });

  it('ignores case', () => {
    expect(match(';Thanks')?.template.id).toBe('thanks');
  });

  it('does not match half-typed shortcuts, words glued to text, or text after the shortcut', () => {
    expect(match(';thank')).toBeUndefined();
    expect(match('no;thanks')).toBeUndefined();
    expect(match(';thanks ')).toBeUndefined();
    expect(match(';thanks!')).toBeUndefined();
    expect(match('thanks')).toBeUndefined();
    expect(match('')).toBeUndefined();
  });
});
