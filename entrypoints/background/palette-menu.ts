/**
 * "Check against brand palette" on any image on any site. Dalil has no host permission there, only
 * activeTab (granted by the menu click, for that tab). The pixels come from, in order:
 * 1. `fetch`: the image URL fetched by the background — works when the image's server allows CORS,
 *    when it is on the page's own origin (activeTab grants that host), or for data: URLs;
 * 2. `capture`: otherwise a screenshot of the visible tab (`captureVisibleTab`, allowed by activeTab)
 *    cropped to the image's rectangle, which a function injected into the page reports. It checks
 *    what is on screen (the visible part, at screen resolution) rather than the file.
 * Never a canvas with the page's cross-origin image drawn on it: that is tainted and unreadable.
 */
import { browser } from 'wxt/browser';
import { imageLabel, type PaletteReport } from '@/utils/brand/report';
import { captureCrop, imageSize } from '@/utils/color/decode';
import { platformOfHost } from '@/utils/platforms/detect';
import { dataUrlToBlob, fetchLimited } from '@/utils/swipe-file/media-download';
import { openReportTab, openSidePanel } from './palette-browser';
import { failed, type PaletteService } from './palette-handlers';

export const PALETTE_MENU_ID = 'check-palette';

/** The menu item, titled in Dalil's language by the caller (context-menus.ts). */
export function createPaletteMenu(title: string): void {
  browser.contextMenus.create({
    id: PALETTE_MENU_ID,
    title,
    contexts: ['image'],
  });
}

export interface MenuClick {
  srcUrl?: string;
  pageUrl?: string;
  frameId?: number;
}
export interface MenuTab {
  id?: number;
  windowId?: number;
  url?: string;
}

/** Images larger than this are not fetched: the screenshot path reads them instead. */
const MAX_FETCH_BYTES = 50 * 1024 * 1024;

/**
 * The menu click. Opens the side panel first — the click's user gesture only lasts synchronously —
 * then gets the pixels, checks them, and keeps the report, which the panel shows when it arrives.
 * Where the side panel cannot open, the panel page opens in a tab once the pixels are read (fetched,
 * or captured from the screen): a tab opened before would cover the page the screenshot needs.
 */
export function onPaletteMenuClick(info: MenuClick, tab: MenuTab | undefined, service: PaletteService): Promise<PaletteReport> {
  const opening = openSidePanel({ windowId: tab?.windowId });
  const id = crypto.randomUUID();
  return (async () => {
    const inSidePanel = await opening;
    await service.requestOpen(id);
    // Once the pixels are in hand (or could not be had): the panel page may cover the tab from then on.
    let revealed = inSidePanel;
    const reveal = async () => {
      if (revealed) return;
      revealed = true;
      await openReportTab().catch(() => undefined); // the report is kept either way; the panel lists it
    };
    const report = await checkPageImage(info, tab, service, id, reveal);
    await reveal();
    await service.record(report);
    return report;
  })();
}

async function checkPageImage(
  info: MenuClick,
  tab: MenuTab | undefined,
  service: PaletteService,
  id: string,
  pixelsRead: () => Promise<void>,
) {
  const src = info.srcUrl ?? '';
  const pageUrl = info.pageUrl ?? tab?.url;
  const webPage = pageUrl && /^https?:/.test(pageUrl) ? pageUrl : undefined;
  const meta = {
    origin: 'context-menu' as const,
    label: imageLabel(src),
    pageUrl: webPage,
    platform: webPage ? platformOfHost(new URL(webPage).hostname) : undefined,
  };
  // 1. The image's own bytes.
  const fetched = await fetchImage(src);
  if (fetched.ok) {
    await pixelsRead();
    return service.checkBlob(fetched.blob, { ...meta, via: 'fetch' }, id);
  }
  // 2. What the screen shows.
  const captured = await captureImage(src, tab, info.frameId ?? 0);
  await pixelsRead();
  if (captured.ok) return service.checkBlob(captured.blob, { ...meta, via: 'capture', crop: captured.crop }, id);
  return failed(
    { id, at: new Date().toISOString(), ...meta, via: 'capture' },
    'unreadable',
    `Could not read the image: fetching it failed (${fetched.reason}) and so did the screenshot (${captured.reason})`,
  );
}

interface Scripting {
  executeScript<A extends unknown[], R>(injection: {
    target: { tabId: number };
    func: (...args: A) => R;
    args: A;
  }): Promise<Array<{ result?: R }>>;
}
const scriptingApi = () => (browser as unknown as { scripting: Scripting }).scripting;

type Got<T> = ({ ok: true } & T) | { ok: false; reason: string };

async function fetchImage(src: string): Promise<Got<{ blob: Blob }>> {
  if (src.startsWith('data:')) {
    try {
      return { ok: true, blob: dataUrlToBlob(src) };
    } catch (error) {
      return { ok: false, reason: String(error) };
    }
  }
  // blob: URLs belong to the page's origin; the background cannot open them. The screenshot can.
  if (!/^https?:/.test(src)) return { ok: false, reason: `${src.split(':')[0]}: URLs are not fetched` };
  const download = await fetchLimited(src, { maxBytes: MAX_FETCH_BYTES, timeoutMs: 20_000 });
  return download.ok ? download : { ok: false, reason: `${download.reason}: ${download.detail}` };
}

/** Where the image is, in the page's viewport (CSS pixels): injected into the page, self-contained. */
function locateImage(src: string) {
  let best: { x: number; y: number; width: number; height: number; area: number } | undefined;
  for (const img of Array.from(document.images)) {
    if (img.currentSrc !== src && img.src !== src) continue;
    const r = img.getBoundingClientRect();
    const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0);
    const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
    const area = w > 0 && h > 0 ? w * h : 0;
    // The most visible copy: the one the person right-clicked is on screen.
    if (area > (best?.area ?? 0)) best = { x: r.left, y: r.top, width: r.width, height: r.height, area };
  }
  return best ? { ...best, viewportWidth: innerWidth, viewportHeight: innerHeight } : null;
}

async function captureImage(
  src: string,
  tab: MenuTab | undefined,
  frameId: number,
): Promise<Got<{ blob: Blob; crop: NonNullable<ReturnType<typeof captureCrop>> }>> {
  if (tab?.id === undefined || tab.windowId === undefined) return { ok: false, reason: 'no tab' };
  // A frame's rectangle is relative to the frame, not the screenshot: only images in the page itself.
  if (frameId !== 0) return { ok: false, reason: 'the image is inside a frame' };
  try {
    const [injection] = await scriptingApi().executeScript({ target: { tabId: tab.id }, func: locateImage, args: [src] });
    const rect = injection?.result;
    if (!rect) return { ok: false, reason: 'the image is not on screen' };
    const shot = dataUrlToBlob(await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' }));
    const size = imageSize(new Uint8Array(await shot.slice(0, 64).arrayBuffer()));
    if (!size) return { ok: false, reason: 'unreadable screenshot' };
    // Screenshot pixels per CSS pixel: devicePixelRatio times the zoom, measured rather than assumed.
    const crop = captureCrop(rect, size.width / rect.viewportWidth, size);
    return crop ? { ok: true, blob: shot, crop } : { ok: false, reason: 'the image is not on screen' };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
