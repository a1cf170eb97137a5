import { isTextField } from './kind';

/** Line breaks and spaces as people see them: editors differ in \r\n, NBSP and trailing breaks. */
export function normalizeEditorText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\u200b/g, '')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** What the editor holds, as text. For rich editors the DOM they reconcile from their model. */
export function editorText(root: HTMLElement): string {
  return isTextField(root) ? root.value : root.innerText;
}

/**
 * The text just before the caret (at most `max` characters), or null when the caret is not in
 * `root` or a range is selected. Used to spot a shortcut as it is typed.
 */
export function textBeforeCaret(root: HTMLElement, max = 64): string | null {
  if (isTextField(root)) {
    const { selectionStart, selectionEnd, value } = root;
    if (selectionStart === null || selectionStart !== selectionEnd) return null;
    return value.slice(Math.max(0, selectionStart - max), selectionStart);
  }
  const selection = root.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return null;
  const caret = selection.getRangeAt(0);
  if (!root.contains(caret.endContainer)) return null;
  const before = root.ownerDocument.createRange();
  before.setStart(root, 0);
  before.setEnd(caret.endContainer, caret.endOffset);
  return before.toString().slice(-max);
}

/**
 * A range covering the `length` UTF-16 units just before the caret in a contenteditable, walking
 * back across text nodes (editors split text into several nodes around marks and mentions).
 */
export function rangeBeforeCaret(root: HTMLElement, length: number): Range | null {
  const doc = root.ownerDocument;
  const selection = doc.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const caret = selection.getRangeAt(0);
  let node: Node | null = caret.endContainer;
  let offset = caret.endOffset;
  if (node.nodeType !== Node.TEXT_NODE) {
    // Caret between nodes: start from the end of the text node just before it.
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    const boundary = doc.createRange();
    boundary.setStart(caret.endContainer, caret.endOffset);
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      if (boundary.comparePoint(t, t.length) > 0) break;
      last = t;
    }
    if (!last) return null;
    node = last;
    offset = last.length;
  }
  const range = doc.createRange();
  range.setEnd(node, offset);
  let remaining = length;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  walker.currentNode = node;
  let current: Text | null = node as Text;
  while (current) {
    const take = Math.min(remaining, offset);
    remaining -= take;
    if (remaining === 0) {
      range.setStart(current, offset - take);
      return range;
    }
    current = walker.previousNode() as Text | null;
    offset = current?.length ?? 0;
  }
  return null;
}
