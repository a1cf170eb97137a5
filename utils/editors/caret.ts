/**
 * After a template is inserted, puts the caret (or selects a placeholder) where its `{{cursor}}` was.
 * The caret sits at the end of the inserted text then, so the place is counted back from there: in a
 * text field in UTF-16 units, in a rich editor in text-node characters (a line break there is a block
 * boundary, not a character). The editors (Lexical, Draft.js, Quill) take the DOM selection up on
 * their next selectionchange, as they do when the person clicks.
 */
import { isTextField } from './kind';
import { rangeBeforeCaret } from './read-text';

export interface CursorMark {
  /** UTF-16 offsets in the inserted text; end > start selects a placeholder. */
  start: number;
  end: number;
}

const charsInRichText = (text: string) => text.replace(/\n/g, '').length;

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
