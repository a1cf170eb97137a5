/**
 * Puts text into a platform's composer through the editor's own input path, then reads it back.
 * Evidence for each technique per editor: docs/platform-evidence.md ("Measured on the real editor
 * libraries"), in Chromium and Firefox. Never submits; never clicks the platform's button.
 */
import { type CursorMark, caretAfterInsert, caretAtCursor, placeCaret } from './caret';
import { type EditorKind, editorKindOf, isTextField, type TextField } from './kind';
import { editorText, normalizeEditorText, rangeBeforeCaret } from './read-text';
import { nextTask } from './tasks';

export type Technique = 'paste' | 'execCommand' | 'nativeSetter' | 'clipboard';

/** Tried in order until the text reads back. Paste first where the editor handles paste itself. */
export const TECHNIQUES: Record<EditorKind, Technique[]> = {
  lexical: ['paste', 'execCommand'],
  draft: ['paste', 'execCommand'],
  quill: ['paste', 'execCommand'],
  contenteditable: ['execCommand', 'paste'],
  textarea: ['execCommand', 'nativeSetter'],
};

export interface InsertOptions {
  /** How many UTF-16 units just before the caret to replace (a typed shortcut). */
  replaceBefore?: number;
  /** A selection saved before the picker took focus, restored before inserting. */
  restore?: SavedSelection;
  /** Where the template's {{cursor}} puts the caret (or selects its placeholder), as part of the insert. */
  cursor?: CursorMark;
  /**
   * With `replaceBefore`: resolves once the editor has handled the keystroke that completed the shortcut, in that
   * keystroke's task (tasks.ts `afterDispatch`). The insert then happens in the same task, before the next frame.
   */
  keystrokeHandled?: Promise<void>;
}

export interface InsertResult {
  ok: boolean;
  /** The technique whose result read back correctly, or `clipboard` when none did. */
  technique: Technique;
  editor: EditorKind;
  attempts: Array<{ technique: Technique; outcome: 'landed' | 'not-handled' | 'not-landed' | 'failed' }>;
  /** Set when the text was copied for the person to paste. */
  copied?: boolean;
}

/**
 * The editor's commit of what it just handled: Lexical commits an update in a microtask, React (Draft.js, a
 * controlled textarea) flushes a discrete event's state in one, and each puts its selection at the end of
 * the text then. Still the same task: no key the person types can come in between.
 */
const settle = async () => {
  for (let i = 0; i < 4; i++) await Promise.resolve();
};
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export type SavedSelection = { kind: 'field'; start: number; end: number } | { kind: 'range'; range: Range };

export function saveSelection(root: HTMLElement): SavedSelection | undefined {
  if (isTextField(root)) return { kind: 'field', start: root.selectionStart ?? 0, end: root.selectionEnd ?? 0 };
  const selection = root.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  return root.contains(range.commonAncestorContainer) ? { kind: 'range', range: range.cloneRange() } : undefined;
}

export function restoreSelection(root: HTMLElement, saved: SavedSelection): void {
  if (saved.kind === 'field' && isTextField(root)) {
    root.setSelectionRange(saved.start, saved.end);
    return;
  }
  if (saved.kind === 'range') {
    const selection = root.ownerDocument.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(saved.range);
  }
}

export function selectBeforeCaret(root: HTMLElement, length: number): boolean {
  if (isTextField(root)) {
    const end = root.selectionEnd ?? root.value.length;
    root.setSelectionRange(Math.max(0, end - length), end);
    return true;
  }
  const range = rangeBeforeCaret(root, length);
  if (!range) return false;
  const selection = root.ownerDocument.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  return true;
}

/** The selectionchange the browser will send later, sent now to the editor's listeners on the document. */
function announceSelection(root: HTMLElement): void {
  if (!isTextField(root)) root.ownerDocument.dispatchEvent(new Event('selectionchange'));
}

function paste(root: HTMLElement, text: string): boolean {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  // Chromium reads `clipboardData`; Gecko ignores it (a synthetic paste would arrive empty, and Quill
  // then deletes the selection and inserts nothing) and reads its own `dataType` + `data` instead.
  // Each browser ignores the other's members, so one event carries the text to both.
  const init = { clipboardData: data, dataType: 'text/plain', data: text, bubbles: true, cancelable: true };
  const event = new ClipboardEvent('paste', init);
  const target = root.ownerDocument.getSelection()?.anchorNode?.parentElement ?? root;
  // An editor that handles paste cancels the event; one that does not leaves it (and inserts nothing).
  return !target.dispatchEvent(event);
}

function execInsert(root: HTMLElement, text: string): boolean {
  const doc = root.ownerDocument;
  if (isTextField(root) || !text.includes('\n')) return doc.execCommand('insertText', false, text);
  // Rich editors flatten "\n" inside insertText; a paragraph per line keeps the lines.
  const lines = text.split('\n');
  let ok = true;
  lines.forEach((line, index) => {
    if (index > 0) ok = doc.execCommand('insertParagraph') && ok;
    if (line) ok = doc.execCommand('insertText', false, line) && ok;
  });
  return ok;
}

/** React and other frameworks track `value` on the instance: set it through the prototype and announce it. */
function setNativeValue(field: TextField, text: string): boolean {
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  const next = field.value.slice(0, start) + text + field.value.slice(end);
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, next);
  field.setSelectionRange(start + text.length, start + text.length);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  return true;
}

/**
 * Text as compared when reading back: Firefox's `innerText` drops the bidi isolates (U+2066–U+2069)
 * that Arabic templates put around Latin names, Chromium's keeps them, so neither side keeps them.
 */
const readBackText = (text: string) => normalizeEditorText(text).replace(/[\u2066-\u2069]/g, '');

function occurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}

/**
 * The text landed and the person has typed at its {{cursor}} since (the caret is there as the text appears):
 * what comes before the cursor and what comes after it are there, in that order.
 */
function landedAroundCursor(after: string, beforeText: string, text: string, cursor: CursorMark): boolean {
  const head = readBackText(text.slice(0, cursor.start));
  const tail = readBackText(text.slice(cursor.end));
  if (!head || !tail) return false;
  const at = after.indexOf(head, 0);
  return at !== -1 && after.indexOf(tail, at + head.length) !== -1 && occurrences(beforeText, head) < occurrences(after, head);
}

/**
 * Inserts `text` at the caret of the composer whose editable root is `root` (replacing the
 * selection, or the `replaceBefore` units before the caret), trying each technique the editor
 * accepts and reading the result back. When nothing lands, the text is copied to the clipboard.
 */
export async function insertIntoComposer(root: HTMLElement, text: string, options: InsertOptions = {}): Promise<InsertResult> {
  const editor = editorKindOf(root);
  const attempts: InsertResult['attempts'] = [];
  const expected = readBackText(text);

  if (root.ownerDocument.activeElement !== root && !root.contains(root.ownerDocument.activeElement)) {
    root.focus({ preventScroll: true });
  }
  if (options.restore) restoreSelection(root, options.restore);
  const beforeText = readBackText(editorText(root));

  for (const [index, technique] of TECHNIQUES[editor].entries()) {
    // The first try replacing a typed shortcut happens in the keystroke's task, once the editor has handled it.
    const sameTask = index === 0 && options.replaceBefore !== undefined && options.keystrokeHandled !== undefined;
    // Otherwise a task before selecting: the editor commits the keystroke that completed the shortcut. In
    // Firefox, Lexical's commit runs a microtask after the input event and collapses a selection made before
    // it, so the text landed after the shortcut instead of replacing it.
    if (sameTask) await options.keystrokeHandled;
    else if (options.replaceBefore) await nextTask();
    if (options.replaceBefore && !selectBeforeCaret(root, options.replaceBefore)) {
      attempts.push({ technique, outcome: 'failed' });
      break;
    }
    // Lexical, Draft.js (through React's onSelect) and Quill pick a new selection up on selectionchange, which
    // the browser queues as a task: in the same task it is announced to them, otherwise waited for (the next
    // task also lets React commit the keystroke that completed the shortcut).
    if (sameTask) announceSelection(root);
    else await nextTask();
    let handled: boolean;
    try {
      if (technique === 'paste') handled = paste(root, text);
      else if (technique === 'execCommand') handled = execInsert(root, text);
      else handled = isTextField(root) && setNativeValue(root, text);
    } catch {
      handled = false;
    }
    if (!handled) {
      attempts.push({ technique, outcome: 'not-handled' });
      continue;
    }
    // {{cursor}}: the caret goes there in the task the text lands in, once the editor has committed it, so a
    // key typed right after the text appears lands at the cursor, not at the end.
    const { cursor } = options;
    if (cursor) {
      await settle();
      if (caretAfterInsert(root, text)) placeCaret(root, text, cursor);
    }
    await nextFrame();
    const after = readBackText(editorText(root));
    const landed =
      occurrences(after, expected) > occurrences(beforeText, expected) ||
      (cursor !== undefined && landedAroundCursor(after, beforeText, text, cursor));
    if (landed) {
      attempts.push({ technique, outcome: 'landed' });
      // An editor that committed later, or put its own selection back since: the caret goes there now.
      if (cursor && !caretAtCursor(root, text, cursor) && caretAfterInsert(root, text)) placeCaret(root, text, cursor);
      return { ok: true, technique, editor, attempts };
    }
    attempts.push({ technique, outcome: 'not-landed' });
    if (after !== beforeText) {
      // Something partial landed (lines lost, text changed by the page): undo it before the next try.
      root.ownerDocument.execCommand('undo');
      await nextFrame();
      if (readBackText(editorText(root)) !== beforeText) break;
    }
  }

  // Nothing landed: copy the text, and leave the shortcut selected so Ctrl+V replaces it.
  const selection = saveSelection(root);
  const copied = await copyToClipboard(text);
  if (selection) restoreSelection(root, selection);
  return { ok: false, technique: 'clipboard', editor, attempts, copied };
}

async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No user activation or permission: fall back to the legacy copy command on a hidden field.
    const scratch = document.createElement('textarea');
    scratch.value = text;
    scratch.style.cssText = 'position:fixed;opacity:0;pointer-events:none;inset-block-start:0';
    document.documentElement.append(scratch);
    const active = document.activeElement as HTMLElement | null;
    scratch.select();
    const ok = document.execCommand('copy');
    scratch.remove();
    active?.focus({ preventScroll: true });
    return ok;
  }
}
