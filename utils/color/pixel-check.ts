import { deltaE2000 } from './delta-e';
import { checkImage, type RgbaImage } from './image';
import { type Lab, rgbToLab } from './lab';
import { MIN_ALPHA } from './palette';

/** What each pixel of an image was judged: on palette, off palette, or not counted (too transparent). */
export const PIXEL_ON = 1;
export const PIXEL_OFF = 0;
export const PIXEL_IGNORED = 255;

export interface PixelJudgement {
  /** Share (0–1) of the counted pixels whose own colour is within tolerance of a brand colour; 0 when none counts. */
  onShare: number;
  /** Pixels counted: opaque enough (MIN_ALPHA), as extractPalette counts them. */
  counted: number;
  /** One mark per pixel, row by row: PIXEL_ON, PIXEL_OFF or PIXEL_IGNORED — what the report hatches. */
  marks: Uint8Array;
}

/**
 * Judges an image by its pixels, not by its clusters: each opaque pixel is on palette when its own
 * colour is within `tolerance` (ΔE2000) of some brand colour. Swatches merge near colours for
 * showing, and a merged swatch's mean can fall on the wrong side of the tolerance: an exact brand
 * colour beside one just outside it was reported off palette. Here nothing is merged first.
 *
 * Every pixel is read (reports are at most 256 px a side: 65,536 pixels). Each distinct colour is
 * judged once (a map from its 24-bit RGB), so a flat poster costs a handful of ΔE2000s and a noisy
 * photo one per distinct colour.
 */
export function judgePixels(image: RgbaImage, brand: readonly Lab[], tolerance: number): PixelJudgement {
  checkImage(image);
  const { data, width, height } = image;
  const marks = new Uint8Array(width * height);
  const judged = new Map<number, number>();
  let counted = 0;
  let on = 0;
  for (let i = 0, p = 0; p < marks.length; p++, i += 4) {
    if (data[i + 3] < MIN_ALPHA) {
      marks[p] = PIXEL_IGNORED;
      continue;
    }
    const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    let mark = judged.get(rgb);
    if (mark === undefined) {
      mark = withinTolerance(rgbToLab(data[i], data[i + 1], data[i + 2]), brand, tolerance) ? PIXEL_ON : PIXEL_OFF;
      judged.set(rgb, mark);
    }
    marks[p] = mark;
    counted++;
    if (mark === PIXEL_ON) on++;
  }
  return { onShare: counted > 0 ? on / counted : 0, counted, marks };
}

/**
 * Whether some brand colour is within `tolerance`. ΔE2000² is the lightness term (ΔL/S_L)² plus a
 * chroma–hue form that is never negative (|R_T| < 2), so ΔE2000 ≥ |ΔL| / S_L: a colour whose
 * lightness alone is farther than that is skipped without the full formula, which is most of them.
 */
function withinTolerance(lab: Lab, brand: readonly Lab[], tolerance: number): boolean {
  for (const colour of brand) {
    const meanL = (lab.L + colour.L) / 2 - 50;
    const sL = 1 + (0.015 * meanL * meanL) / Math.sqrt(20 + meanL * meanL);
    if (Math.abs(lab.L - colour.L) / sL > tolerance) continue;
    if (deltaE2000(lab, colour) <= tolerance) return true;
  }
  return false;
}
