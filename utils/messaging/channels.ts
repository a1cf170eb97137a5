/**
 * The channels besides the runtime messages of ./protocol.ts, typed here so both ends import the
 * same type from this wall instead of one entrypoint importing another.
 */
import type { ReplyContext } from '../platforms/adapter';
import type { Platform } from '../schemas/common';

/** Messages the background sends to a tab's content script (user actions the browser routes here). */
export type TabCommand = { type: 'dalil.open-picker' } | { type: 'dalil.save-testimonial' };

/** What the picker page (in its iframe) tells the content script over its MessagePort. */
export type PickerToContent = { type: 'insert'; templateId: string; text: string } | { type: 'close' };

/** The first message the content script posts to the picker frame, carrying the port and the nonce. */
export interface PickerInit {
  type: 'dalil-picker-init';
  nonce: string;
  platform: Platform;
  context: ReplyContext;
  /** A template whose shortcut was typed but needs fill-in fields. */
  preselect?: string;
  /** The page's origin, for "Always use Dalil on this site" outside the six platforms. */
  origin: string;
}

/** What the background asks the offscreen document (entrypoints/offscreen/main.ts), and its answer. */
export type OffscreenRequest = { target: 'dalil-offscreen'; type: 'rasterize-svg'; svg: string; width: number; height: number };
export type OffscreenReply = { ok: true; dataUrl: string } | { ok: false; error: string };
