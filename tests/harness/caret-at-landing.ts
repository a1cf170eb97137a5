/**
 * What the composer's caret has before it at the first moment the editor's model holds a text: a key typed
 * then lands there. Run in the page (Playwright's and puppeteer's `evaluate`); it checks the model after every
 * task (a message-channel loop: timers are clamped), so a caret moved a task or a frame after the text landed
 * is seen where it was when the text appeared.
 */
type ProbedWindow = Window & { dalilFixture: { modelText(): string }; __caretAtLanding?: string };

const COMPOSER = '[data-lexical-editor], .public-DraftEditor-content, .ql-editor, textarea, #contenteditable-root';

export function watchCaretAtLanding([mark, composerSelector]: [string, string]): void {
  const w = window as ProbedWindow;
  w.__caretAtLanding = undefined;
  const composer = document.querySelector<HTMLElement>(composerSelector);
  const beforeCaret = () => {
    if (!composer) return '';
    if (composer instanceof HTMLTextAreaElement) return composer.value.slice(0, composer.selectionStart);
    const selection = getSelection();
    if (!selection?.rangeCount) return '';
    const caret = selection.getRangeAt(0);
    if (!composer.contains(caret.startContainer)) return '';
    const before = document.createRange();
    before.setStart(composer, 0);
    before.setEnd(caret.startContainer, caret.startOffset);
    return before.toString();
  };
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (w.dalilFixture.modelText().includes(mark)) {
      w.__caretAtLanding = beforeCaret().replace(/[\u2066-\u2069]/g, '');
      channel.port1.close();
      return;
    }
    channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
}

export const caretProbeArgs = (mark: string): [string, string] => [mark, COMPOSER];

export const readCaretAtLanding = () => (window as ProbedWindow).__caretAtLanding;
