/**
 * One palette check as the report shows it. The swatches are kept, not just the verdict: the side
 * panel re-checks them against the kit being edited (tolerance, minimum share) as a live preview.
 */
import type { LogDetails } from '../activity/log-details';
import { checkAgainstPalette, type PaletteCheck } from '../color/check';
import type { DecodedImage } from '../color/decode';
import { extractPalette, type Swatch } from '../color/palette';
import type { BrandKit } from '../schemas/brand-kit';
import type { Platform } from '../schemas/common';

/**
 * How the pixels were obtained — the report says it, since it changes what was checked:
 * - `fetch`: the image's own bytes, fetched by the background (CORS allowed it, or Dalil has the host)
 * - `capture`: a screenshot of the tab cropped to the image (what is on screen, at screen resolution)
 * - `page`: read by the content script from the page's own copy (an attachment's blob:/data: URL)
 * - `file`: a local file picked or dropped in the side panel
 * - `saved`: media saved with an ad in the swipe file
 */
export type PixelSource = 'fetch' | 'capture' | 'page' | 'file' | 'saved';

export type ReportOrigin = 'context-menu' | 'composer' | 'file' | 'swipe';

export interface PaletteReport {
  id: string;
  at: string;
  origin: ReportOrigin;
  via: PixelSource;
  /** A file name, or the image URL (data: URLs cut to their type). */
  label: string;
  pageUrl?: string;
  platform?: Platform;
  /** The pixels checked, as a PNG data: URL at most 256 px a side; absent when reading failed. */
  image?: { dataUrl: string; width: number; height: number; sourceWidth: number; sourceHeight: number; type: string };
  swatches: Swatch[];
  /** Against the kit in use when it was checked (what the log records). */
  check?: PaletteCheck;
  /** Why there is no result, in English; `errorCode` lets the panel say it in the UI language. */
  error?: string;
  errorCode?: string;
  timings?: { decodeMs: number; extractMs: number };
}

/** At most this many reports are kept (newest first), in the background's session storage. */
export const MAX_REPORTS = 8;

/** What a report calls an image: a file name, or its URL (a data: URL only by its type, never its bytes). */
export function imageLabel(url: string): string {
  if (url.startsWith('data:')) return `${url.slice(0, Math.max(5, url.indexOf(',')))}…`;
  return url.length > 300 ? `${url.slice(0, 299)}…` : url;
}

/** The swatches of decoded pixels and their check against the kit, timed. */
export function analyse(decoded: DecodedImage, kit: BrandKit): Pick<PaletteReport, 'swatches' | 'check' | 'timings'> {
  const started = performance.now();
  const swatches = extractPalette(decoded.image);
  const extractMs = Math.round((performance.now() - started) * 10) / 10;
  return {
    swatches,
    // Judged by its pixels (those the report keeps), the swatches being what it shows.
    check: checkAgainstPalette(swatches, kit, decoded.image),
    timings: { decodeMs: decoded.ms, extractMs },
  };
}

/** The activity-log details of a check: flat values only. */
export function logDetails(report: PaletteReport): LogDetails {
  return {
    origin: report.origin,
    via: report.via,
    image: report.label,
    verdict: report.check?.verdict ?? 'error',
    onPaletteShare: report.check ? Math.round(report.check.onPaletteShare * 1000) / 1000 : null,
    swatches: report.swatches.length,
    error: report.error ?? null,
  };
}
