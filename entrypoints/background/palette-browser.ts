/**
 * The browser APIs behind the palette check that are not plain web APIs: drawing SVG in the
 * offscreen document (a worker has no `<img>`), and opening the side panel on a report.
 */
import { browser } from 'wxt/browser';
import { decodeImage, rasterizeSvgInDocument, type Size, type SvgRasterizer } from '@/utils/color/decode';
import type { RgbaImage } from '@/utils/color/image';
import type { OffscreenReply, OffscreenRequest } from '@/utils/messaging/channels';
import { dataUrlToBlob } from '@/utils/swipe-file/media-download';

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}
interface ChromeApis {
  offscreen?: OffscreenApi;
  runtime: { getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]> };
  sidePanel?: { open(options: { windowId?: number; tabId?: number }): Promise<void> };
}
const chromeApis = () => (globalThis as unknown as { chrome?: ChromeApis }).chrome;

let creating: Promise<void> | undefined;
let users = 0;

async function withOffscreenDocument<T>(work: () => Promise<T>): Promise<T> {
  const offscreen = chromeApis()?.offscreen;
  if (!offscreen) throw new Error('No offscreen documents in this browser');
  users++;
  try {
    const open = (await chromeApis()?.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] }))?.length ?? 0;
    if (open === 0) {
      creating ??= offscreen
        .createDocument({
          url: 'offscreen.html',
          // BLOBS: the SVG is drawn from a blob: URL into a canvas.
          reasons: ['BLOBS'],
          justification: 'Draws SVG images so the brand-palette check can read their colours',
        })
        .finally(() => {
          creating = undefined;
        });
      await creating;
    }
    return await work();
  } finally {
    // SVG checks are rare: close the document once nobody is using it rather than keep a page alive.
    if (--users === 0) await offscreen.closeDocument().catch(() => undefined);
  }
}

/**
 * SVG → pixels for the background. Firefox's background is a page and draws it itself; Chrome's is
 * a worker, so the offscreen document draws it and hands back a PNG, decoded here like any PNG.
 */
export const backgroundSvgRasterizer: SvgRasterizer = async (svg: string, size: Size): Promise<RgbaImage> => {
  if (typeof document !== 'undefined') return rasterizeSvgInDocument(svg, size);
  const reply = await withOffscreenDocument(
    () =>
      browser.runtime.sendMessage({
        target: 'dalil-offscreen',
        type: 'rasterize-svg',
        svg,
        width: size.width,
        height: size.height,
      } satisfies OffscreenRequest) as Promise<OffscreenReply | undefined>,
  );
  if (!reply?.ok) throw new Error(reply?.error ?? 'The offscreen document did not answer');
  return (await decodeImage(dataUrlToBlob(reply.dataUrl))).image;
};

/**
 * Opens the side panel (Firefox: the sidebar). The browser allows this only while handling a user
 * action — the context-menu click itself — so callers call it before any await. false when it could
 * not: the caller then opens the panel page in a tab ({@link openReportTab}).
 */
export async function openSidePanel(where: { tabId?: number; windowId?: number }): Promise<boolean> {
  try {
    if (import.meta.env.FIREFOX) {
      await (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open();
      return true;
    }
    const sidePanel = chromeApis()?.sidePanel;
    if (!sidePanel || (where.tabId === undefined && where.windowId === undefined)) return false;
    await sidePanel.open(where.tabId !== undefined ? { tabId: where.tabId } : { windowId: where.windowId });
    return true;
  } catch {
    return false;
  }
}

/** The panel page in a tab of its own: where the side panel could not open (a badge click arrives through a message). */
export async function openReportTab(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
}

/** The side panel on the report, or the panel page in a tab where the panel cannot open. */
export async function openReportView(where: { tabId?: number; windowId?: number }): Promise<'side-panel' | 'tab'> {
  if (await openSidePanel(where)) return 'side-panel';
  await openReportTab();
  return 'tab';
}
