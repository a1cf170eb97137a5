/**
 * The Brand tab's own state: the kit being edited (reports re-check against it live), checks run in
 * the panel itself (local files, saved ads), and decoded pixels of reports for their highlight maps.
 */
import { computed, signal } from '@preact/signals-react';
import { analyse, type PaletteReport } from '@/utils/brand/report';
import { checkAgainstPalette, type PaletteCheck } from '@/utils/color/check';
import { DecodeError, decodeImage, rasterizeSvgInDocument, rgbaToPngDataUrl } from '@/utils/color/decode';
import type { RgbaImage } from '@/utils/color/image';
import { sendToBackground } from '@/utils/messaging/client';
import type { BrandKit } from '@/utils/schemas/brand-kit';
import { guidance, openReportId, paletteReports } from '@/utils/state/panel-store';
import { dataUrlToBlob } from '@/utils/swipe-file/media-download';

/** The kit as edited and not yet saved; null when there are no changes. */
export const kitDraft = signal<BrandKit | null>(null);
/** What reports are checked against: the draft while editing (the live preview), else the kit in use. */
export const activeKit = computed<BrandKit | undefined>(() => kitDraft.value ?? guidance.value?.pack.brandKit);

/** Checks run in this panel: newest first, for as long as the panel is open. */
export const localReports = signal<PaletteReport[]>([]);

/** Every report the tab lists: the background's (pages, composers) and this panel's, newest first. */
export const allReports = computed(() =>
  [...localReports.value, ...paletteReports.value.reports].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)),
);

const pixels = new Map<string, RgbaImage>();

/** The report's pixels (≤256 px), decoded once from its PNG. */
export async function reportPixels(report: PaletteReport): Promise<RgbaImage | undefined> {
  const cached = pixels.get(report.id);
  if (cached || !report.image) return cached;
  const { image } = await decodeImage(dataUrlToBlob(report.image.dataUrl));
  pixels.set(report.id, image);
  return image;
}

/** Verdicts already judged from pixels, per kit as edited (a new kit object per edit; old ones are collected). */
const verdicts = new WeakMap<BrandKit, Map<string, PaletteCheck['verdict']>>();

/**
 * A report's verdict against `kit`, for the list of recent checks: judged from its pixels, as the
 * report itself is, once they have been decoded; from the swatches until then.
 */
export function reportVerdict(report: PaletteReport, kit: BrandKit): PaletteCheck['verdict'] | 'error' {
  if (report.error) return 'error';
  const image = pixels.get(report.id);
  if (!image) return checkAgainstPalette(report.swatches, kit).verdict;
  const forKit = verdicts.get(kit) ?? new Map<string, PaletteCheck['verdict']>();
  verdicts.set(kit, forKit);
  const verdict = forKit.get(report.id) ?? checkAgainstPalette(report.swatches, kit, image).verdict;
  forKit.set(report.id, verdict);
  return verdict;
}

/**
 * Checks an image in the panel (a local file, a saved ad's media) against the kit in use, keeps the
 * report, shows it, and logs the check. Never throws: a failure is a report that says why.
 */
export async function checkInPanel(blob: Blob, meta: { origin: 'file' | 'swipe'; label: string }): Promise<PaletteReport> {
  const base = {
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    origin: meta.origin,
    via: meta.origin === 'file' ? ('file' as const) : ('saved' as const),
    label: meta.label.slice(0, 300),
  };
  let report: PaletteReport;
  const kit = guidance.value?.pack.brandKit;
  try {
    if (!kit) throw new Error('The brand kit is not loaded yet');
    const decoded = await decodeImage(blob, { rasterizeSvg: rasterizeSvgInDocument });
    pixels.set(base.id, decoded.image);
    report = {
      ...base,
      ...analyse(decoded, kit),
      image: {
        dataUrl: await rgbaToPngDataUrl(decoded.image),
        width: decoded.image.width,
        height: decoded.image.height,
        sourceWidth: decoded.sourceWidth,
        sourceHeight: decoded.sourceHeight,
        type: decoded.type,
      },
    };
  } catch (error) {
    report = {
      ...base,
      swatches: [],
      errorCode: error instanceof DecodeError ? error.code : 'undecodable',
      error: (error instanceof Error ? error.message : String(error)).slice(0, 300),
    };
  }
  localReports.value = [report, ...localReports.value].slice(0, 20);
  openReportId.value = report.id;
  void sendToBackground('panel.logPaletteCheck', {
    origin: meta.origin,
    label: report.label,
    verdict: report.check?.verdict ?? 'error',
    onPaletteShare: report.check ? Math.min(1, Math.max(0, report.check.onPaletteShare)) : null,
    swatches: report.swatches.length,
    error: report.error,
  }).catch(() => undefined);
  return report;
}
