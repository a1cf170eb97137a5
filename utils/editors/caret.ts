/**
 * After a template is inserted, puts the caret (or selects a placeholder) where its `{{cursor}}` was.
 * The caret sits at the end of the inserted text then, so the place is counted back from there: in a
 * text field in UTF-16 units, in a rich editor in text-node characters (a line break there is a block
 * boundary, not a character). The editors read the DOM selection when the next key comes (Lexical on
 * beforeinput, Draft.js through React's select event on keydown, Quill and text fields directly), and
 * take it up on their next selectionchange, as they do when the person clicks.
 */
import { isTextField } from './kind';
import { normalizeEditorText, rangeBeforeCaret } from './read-text';

export interface CursorMark {
  /** UTF-16 offsets in the inserted text; end > start selects a placeholder. */
  start: number;
  end: number;
}

const charsInRichText = (text: string) => text.replace(/\n/g, '').length;
/** Text as a rich editor's DOM holds it: no line breaks (block boundaries), spaces as spaces. */
const asRichText = (text: string) => normalizeEditorText(text.replace(/\n/g, ' ')).replace(/\s+/g, '');
/** Compared over the last characters only: enough to tell, cheap at any length. */
const TAIL = 32;

/** The text from the composer's start to a point (its selection's start or end). */
function textUpTo(root: HTMLElement, end: 'start' | 'end'): string | null {
  if (isTextField(root)) {
    const at = end === 'start' ? root.selectionStart : root.selectionEnd;
    return at === null ? null : root.value.slice(0, at);
  }
  const selection = root.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const point =
    end === 'start' ? ([range.startContainer, range.startOffset] as const) : ([range.endContainer, range.endOffset] as const);
  if (!root.contains(point[0])) return null;
  const before = root.ownerDocument.createRange();
  before.setStart(root, 0);
  before.setEnd(point[0], point[1]);
  return before.toString();
}

/** Whether the text up to a point ends with `expected` (compared as the editor holds it). */
function endsWith(root: HTMLElement, end: 'start' | 'end', expected: string): boolean {
  const held = textUpTo(root, end);
  if (held === null) return false;
  if (isTextField(root)) return held.endsWith(expected.slice(-TAIL));
  const want = asRichText(expected).slice(-TAIL);
  return asRichText(held.slice(-(TAIL * 4))).endsWith(want);
}

/** The inserted text is in the composer and the caret right after it: the editor has committed it. */
export const caretAfterInsert = (root: HTMLElement, inserted: string) => endsWith(root, 'end', inserted);

/** The caret (or the placeholder's selection) is where `{{cursor}}` was. */
export function caretAtCursor(root: HTMLElement, inserted: string, cursor: CursorMark): boolean {
  if (!endsWith(root, 'start', inserted.slice(0, cursor.start))) return false;
  return cursor.end === cursor.start
    ? isTextField(root)
      ? root.selectionStart === root.selectionEnd
      : root.ownerDocument.getSelection()?.isCollapsed === true
    : endsWith(root, 'end', inserted.slice(0, cursor.end));
}

export function placeCaret(root: HTMLElement, inserted: string, cursor: CursorMark): boolean {
  if (isTextField(root)) {
    const end = root.selectionEnd;
    if (end === null) return false;
    const tail = inserted.length;
    root.setSelectionRange(end - (tail - cursor.start), end - (tail - cursor.end));
    return true;
  }
  const from = rangeBeforeCaret(root, charsInRichText(inserted.slice(cursor.start)));
  const to = rangeBeforeCaret(root, charsInRichText(inserted.slice(cursor.end)));
  const selection = root.ownerDocument.getSelection();
  if (!from || !to || !selection) return false;
  selection.setBaseAndExtent(from.startContainer, from.startOffset, to.startContainer, to.startOffset);
  return true;
}
