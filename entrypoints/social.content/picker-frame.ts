/**
 * Opens the template picker: an extension page in an iframe inside our closed shadow root. The
 * page can see neither. It talks to us over a MessageChannel port handed over with a one-time
 * nonce that only the frame's own URL carries, so a page cannot forge the picker's messages.
 */
import { browser } from 'wxt/browser';
import type { CursorMark } from '@/utils/editors/caret';
import { pageText } from '@/utils/i18n/page-text';
import type { PickerInit, PickerToContent } from '@/utils/messaging/channels';
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
let open: { frame: HTMLIFrameElement; port: MessagePort } | undefined;

export function closePicker(): void {
  if (!open) return;
  const { frame, port } = open;
  port.close();
  // Hidden now, removed a moment later: the key that closed it (Enter, Escape) still has its keyup
  // on the way to the frame, and removing a frame under a key event can wedge the browser's input.
  frame.style.display = 'none';
  setTimeout(() => frame.remove(), 250);
  open = undefined;
}

export const pickerIsOpen = () => open !== undefined;

/** Resolves with the picker's choice, or null when the person closed it. */
export function openPicker(
  anchor: Element,
  platform: Platform,
  context: ReplyContext,
  preselect?: string,
): Promise<PickerChoice | null> {
  closePicker();
  const nonce = crypto.randomUUID();
  const frame = document.createElement('iframe');
  frame.className = 'frame';
  frame.title = pageText('pickerFrame');
  frame.allow = 'clipboard-write';
  frame.src = `${browser.runtime.getURL('/picker.html')}#${nonce}`;
  placeNear(frame, anchor, SIZE);
  const channel = new MessageChannel();
  open = { frame, port: channel.port1 };
  overlayRoot().append(frame);

  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: PickerChoice | null) => {
      if (settled) return;
      settled = true;
      closePicker();
      resolve(value);
    };
    channel.port1.onmessage = (event: MessageEvent<PickerToContent>) => {
      const data = event.data;
      if (data?.type === 'insert' && typeof data.text === 'string' && typeof data.templateId === 'string') {
        finish({ templateId: data.templateId, text: data.text, cursor: cursorWithin(data.cursor, data.text.length) });
      } else if (data?.type === 'close') finish(null);
    };
    frame.addEventListener(
      'load',
      () => {
        const init: PickerInit = { type: 'dalil-picker-init', nonce, platform, context, preselect, origin: location.origin };
        frame.contentWindow?.postMessage(init, new URL(frame.src).origin, [channel.port2]);
        frame.focus();
      },
      { once: true },
    );
    // Clicking anywhere on the page closes the picker, like a menu.
    document.addEventListener('pointerdown', () => finish(null), { once: true, capture: true });
  });
}
