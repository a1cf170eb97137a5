import type { BrandKit } from '../schemas/brand-kit';
import { nearestByDeltaE } from './delta-e';
import type { RgbaImage } from './image';
import { hexToLab } from './lab';
import type { Swatch } from './palette';
import { judgePixels, type PixelJudgement } from './pixel-check';

export interface SwatchCheck extends Swatch {
  /** The brand colour closest to this swatch by ΔE2000. */
  nearest: { name: string; hex: string };
  deltaE: number;
  /** deltaE ≤ the kit's deltaETolerance. */
  onPalette: boolean;
}

export interface PaletteCheck {
  verdict: 'pass' | 'warn' | 'fail';
  /**
   * Share (0–1) of the image that is on palette: of its pixels, each judged by its own colour, when
   * the pixels are given (see judgePixels); else of the swatches' area.
   */
  onPaletteShare: number;
  swatches: SwatchCheck[];
}

const isJudgement = (pixels: RgbaImage | PixelJudgement): pixels is PixelJudgement => 'marks' in pixels;

/** How far below `minOnPaletteShare` an image may fall and still only warn. */
export const WARN_BAND = 0.2;
// Shares are sums of floats: 0.1 + 0.7 must still meet a minimum of 0.8.
const SLACK = 1e-9;

/**
 * Checks an image against a brand kit. Each swatch (from extractPalette) is matched to its nearest
 * brand colour by ΔE2000 and is on palette when that is within `deltaETolerance`: that is what the
 * report lists. The on-palette share, and so the verdict, comes from the pixels themselves when they
 * are given — swatches merge near colours, and a merged mean can land on the wrong side of the
 * tolerance — and from the swatches' shares only where the pixels are not at hand.
 *
 * Verdict, with m = minOnPaletteShare:
 * - pass: onPaletteShare ≥ m
 * - warn: m − 0.2 ≤ onPaletteShare < m (close: worth a look, not a rejection)
 * - fail: onPaletteShare < m − 0.2
 * No swatches (nothing opaque in the image) is a warn: there is nothing to judge either way.
 */
export function checkAgainstPalette(
  swatches: readonly Swatch[],
  brandKit: Pick<BrandKit, 'colors' | 'deltaETolerance' | 'minOnPaletteShare'>,
  /** The image's pixels, or their judgement already made against this kit's colours and tolerance. */
  pixels?: RgbaImage | PixelJudgement,
): PaletteCheck {
  const brand = brandKit.colors.map((color) => ({ name: color.name, hex: color.hex.toLowerCase(), lab: hexToLab(color.hex) }));
  let totalShare = 0;
  let onShare = 0;
  const checked = swatches.map((swatch): SwatchCheck => {
    const lab = hexToLab(swatch.hex);
    // The schema guarantees a colour; an empty list (a kit being edited) leaves every swatch off palette.
    const near = nearestByDeltaE(brand, lab);
    const best = near?.item;
    const bestDelta = near?.deltaE ?? Number.POSITIVE_INFINITY;
    const onPalette = best !== undefined && bestDelta <= brandKit.deltaETolerance;
    totalShare += swatch.share;
    if (onPalette) onShare += swatch.share;
    return {
      hex: swatch.hex,
      share: swatch.share,
      nearest: best ? { name: best.name, hex: best.hex } : { name: '', hex: '' },
      deltaE: bestDelta,
      onPalette,
    };
  });
  const judged = !pixels
    ? undefined
    : isJudgement(pixels)
      ? pixels
      : judgePixels(
          pixels,
          brand.map((b) => b.lab),
          brandKit.deltaETolerance,
        );
  // Relative to the swatches' total, so a caller's rounded shares (summing to 0.999) still reach 1.
  const onPaletteShare = judged ? judged.onShare : totalShare > 0 ? onShare / totalShare : 0;
  const nothingToJudge = judged ? judged.counted === 0 : checked.length === 0 || totalShare === 0;
  const min = brandKit.minOnPaletteShare;
  const verdict = nothingToJudge
    ? 'warn'
    : onPaletteShare >= min - SLACK
      ? 'pass'
      : onPaletteShare >= min - WARN_BAND - SLACK
        ? 'warn'
        : 'fail';
  return { verdict, onPaletteShare, swatches: checked };
}
