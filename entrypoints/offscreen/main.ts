/**
 * The offscreen document: Chrome's background is a worker, which cannot draw SVG (createImageBitmap
 * refuses it and there is no <img>). It draws an SVG at the size asked and hands back a PNG. Opened
 * for a check and closed after it (entrypoints/background/palette-browser.ts).
 */
import { browser } from 'wxt/browser';
import { rasterizeSvgInDocument, rgbaToPngDataUrl } from '@/utils/color/decode';
import type { OffscreenReply, OffscreenRequest } from '@/utils/messaging/channels';

const MAX_SIDE = 1024;

browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
  const request = raw as Partial<OffscreenRequest> | null;
  // Only our own background asks (no tab: not a content script).
  if (request?.target !== 'dalil-offscreen' || sender.id !== browser.runtime.id || sender.tab) return false;
  const { svg, width, height } = request;
  const valid = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_SIDE;
  if (typeof svg !== 'string' || !valid(width) || !valid(height)) {
    sendResponse({ ok: false, error: 'invalid request' } satisfies OffscreenReply);
    return false;
  }
  rasterizeSvgInDocument(svg, { width, height })
    .then(rgbaToPngDataUrl)
    .then(
      (dataUrl) => sendResponse({ ok: true, dataUrl } satisfies OffscreenReply),
      (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  return true;
});
