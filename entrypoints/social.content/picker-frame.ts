/**
 * Opens the template picker: an extension page in an iframe inside our closed shadow root. The
 * page can see neither. It talks to us over a MessageChannel port handed over with a one-time
 * nonce that only the frame's own URL carries, so a page cannot forge the picker's messages.
 */
import { browser } from 'wxt/browser';
import type { CursorMark } from '@/utils/editors/caret';
import { pageText } from '@/utils/i18n/page-text';
import type { ContentToPicker, PickerInit, PickerToContent } from '@/utils/messaging/channels';
import type { ReplyContext } from '@/utils/platforms/adapter';
import type { Platform } from '@/utils/schemas/common';
import { overlayRoot, placeNear } from './overlay';

const SIZE = { width: 380, height: 440 };

export interface PickerChoice {
  templateId: string;
  text: string;
  cursor?: CursorMark;
}

/** The picker's cursor mark, if it is one that fits in the text. */
const cursorWithin = (cursor: unknown, length: number): CursorMark | undefined => {
  const c = cursor as CursorMark | undefined;
  return c && Number.isInteger(c.start) && Number.isInteger(c.end) && c.start >= 0 && c.start <= c.end && c.end <= length
    ? { start: c.start, end: c.end }
    : undefined;
};
/**
 * The frame is kept, hidden, between openings on this page (for ten minutes after the last one closes):
 * it holds the templates and their search index, so opening it again sends no pack and builds no index.
 */
const KEEP_CLOSED_MS = 10 * 60_000;
let kept: { frame: HTMLIFrameElement; port: MessagePort; discard?: ReturnType<typeof setTimeout> } | undefined;
/** The opening in progress. */
let open: { abandon: () => void } | undefined;

/** Hides the frame, kept for the next opening: no longer listened to. */
function hide(): void {
  open = undefined;
  const held = kept;
  if (!held) return;
  held.port.onmessage = null;
  held.port.postMessage({ type: 'dalil-picker-closed' } satisfies ContentToPicker);
  // Hidden, not removed: the key that closed it (Enter, Escape) still has its keyup on the way to the
  // frame, and removing a frame under a key event can wedge the browser's input.
  held.frame.style.display = 'none';
  held.discard = setTimeout(() => {
    if (kept === held && !open) discardPicker();
  }, KEEP_CLOSED_MS);
}

/** Closes the picker (its opening is left unanswered, as when another opening replaces it). */
export function closePicker(): void {
  open?.abandon();
}

/** Closes the picker and removes its frame (the content script stops, or the frame was kept long enough). */
export function discardPicker(): void {
  open?.abandon();
  if (!kept) return;
  const { frame, port, discard } = kept;
  clearTimeout(discard);
  kept = undefined;
  port.close();
  frame.style.display = 'none';
  setTimeout(() => frame.remove(), 250);
}

export const pickerIsOpen = () => open !== undefined;

/** Resolves with the picker's choice, or null when the person closed it. */
export function openPicker(
  anchor: Element,
  platform: Platform,
  context: ReplyContext,
  preselect?: string,
): Promise<PickerChoice | null> {
  // A picker still open is closed first, and its listeners can no longer close this one.
  open?.abandon();
  const opening = { platform, context, preselect, origin: location.origin };
  let held = kept;
  if (held?.frame.isConnected) {
    clearTimeout(held.discard);
    held.port.postMessage({ type: 'dalil-picker-open', ...opening } satisfies ContentToPicker);
    placeNear(held.frame, anchor, SIZE);
    held.frame.style.display = '';
    held.frame.focus();
  } else {
    if (held) discardPicker();
    const nonce = crypto.randomUUID();
    const frame = document.createElement('iframe');
    frame.className = 'frame';
    frame.title = pageText('pickerFrame');
    frame.allow = 'clipboard-write';
    frame.src = `${browser.runtime.getURL('/picker.html')}#${nonce}`;
    placeNear(frame, anchor, SIZE);
    const channel = new MessageChannel();
    held = { frame, port: channel.port1 };
    kept = held;
    overlayRoot().append(frame);
    frame.addEventListener(
      'load',
      () => {
        const init: PickerInit = { type: 'dalil-picker-init', nonce, ...opening };
        frame.contentWindow?.postMessage(init, new URL(frame.src).origin, [channel.port2]);
        // Opened and closed again before it loaded: it waits hidden, without the focus.
        if (kept === held && open) frame.focus();
      },
      { once: true },
    );
  }
  const { port } = held;

  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: PickerChoice | null) => {
      if (settled) return;
      settled = true;
      if (open === mine) hide();
      resolve(value);
    };
    const mine = {
      abandon: () => {
        settled = true;
        if (open === mine) hide();
      },
    };
    open = mine;
    port.onmessage = (event: MessageEvent<PickerToContent>) => {
      const data = event.data;
      if (data?.type === 'insert' && typeof data.text === 'string' && typeof data.templateId === 'string') {
        settle({ templateId: data.templateId, text: data.text, cursor: cursorWithin(data.cursor, data.text.length) });
      } else if (data?.type === 'close') settle(null);
    };
    // Clicking anywhere on the page closes the picker, like a menu.
    document.addEventListener('pointerdown', () => settle(null), { once: true, capture: true });
  });
}
