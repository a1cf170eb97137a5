/** The editor families Dalil knows how to write into; each takes text through a different path. */
export type EditorKind = 'lexical' | 'draft' | 'quill' | 'textarea' | 'contenteditable';

export type TextField = HTMLTextAreaElement | HTMLInputElement;

// By tag name, not `instanceof`: elements from a frame's document are other realms' instances, and the first
// `instanceof HTMLTextAreaElement` in a content script builds that interface in its world (measured at load).
export const isTextField = (el: Element): el is TextField =>
  el.localName === 'textarea' || (el.localName === 'input' && /^(text|search|email|url|)$/i.test((el as HTMLInputElement).type));

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
