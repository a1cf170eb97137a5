/** The editor families Dalil knows how to write into; each takes text through a different path. */
export type EditorKind = 'lexical' | 'draft' | 'quill' | 'textarea' | 'contenteditable';

export type TextField = HTMLTextAreaElement | HTMLInputElement;

export const isTextField = (el: Element): el is TextField =>
  el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && /^(text|search|email|url|)$/i.test(el.type));

/**
 * The editable root for an element inside an editor: the text field itself, or the outermost
 * contenteditable (editors nest non-editable islands and editable children inside their root).
 */
export function editableRoot(target: Element | null): HTMLElement | null {
  if (!target) return null;
  if (isTextField(target)) return target;
  const start = target.closest<HTMLElement>('[contenteditable]:not([contenteditable="false"])');
  if (!start?.isContentEditable) return null;
  let root = start;
  for (let up = root.parentElement; up?.isContentEditable; up = up.parentElement) root = up;
  return root;
}

/** Which editor library owns this editable root, from the marks each leaves in the DOM. */
export function editorKindOf(root: HTMLElement): EditorKind {
  if (isTextField(root)) return 'textarea';
  if (root.hasAttribute('data-lexical-editor')) return 'lexical';
  if (root.classList.contains('public-DraftEditor-content') || root.querySelector('[data-contents="true"]')) return 'draft';
  if (root.classList.contains('ql-editor')) return 'quill';
  return 'contenteditable';
}
