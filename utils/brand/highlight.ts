/**
 * Where in the picture each swatch is: every pixel of the (≤256 px) image goes to its nearest
 * extracted swatch, so the report can mark the off-palette regions, or one swatch's pixels.
 */
import type { RgbaImage } from '../color/image';
import { hexToLab, type Lab, rgbToLab } from '../color/lab';
import { MIN_ALPHA } from '../color/palette';

/** Pixels too transparent to count (as extractPalette ignores them). */
export const UNASSIGNED = 255;

const dist2 = (x: Lab, l: number, a: number, b: number) => (x.L - l) ** 2 + (x.a - a) ** 2 + (x.b - b) ** 2;

/**
 * The index of each pixel's nearest swatch (Euclidean Lab, as extractPalette assigns colours), or
 * UNASSIGNED. Colours are looked up per 6-bit-per-channel bin, at the bin's centre: at most 262,144
 * Lab conversions however large the image, off by at most 2 levels a channel.
 */
export function assignPixels(image: RgbaImage, swatches: ReadonlyArray<{ hex: string }>): Uint8Array {
  const { data, width, height } = image;
  const out = new Uint8Array(width * height).fill(UNASSIGNED);
  if (swatches.length === 0) return out;
  const labs = swatches.slice(0, UNASSIGNED).map((s) => hexToLab(s.hex));
  // 0: not computed yet; otherwise swatch index + 1.
  const cache = new Uint8Array(1 << 18);
  for (let p = 0, i = 0; p < width * height; p++, i += 4) {
    if (data[i + 3] < MIN_ALPHA) continue;
    const bin = ((data[i] >> 2) << 12) | ((data[i + 1] >> 2) << 6) | (data[i + 2] >> 2);
    let nearest = cache[bin];
    if (nearest === 0) {
      const lab = rgbToLab(((data[i] >> 2) << 2) + 2, ((data[i + 1] >> 2) << 2) + 2, ((data[i + 2] >> 2) << 2) + 2);
      let best = 0;
      let bestD = Number.POSITIVE_INFINITY;
      labs.forEach((swatch, index) => {
        const d = dist2(swatch, lab.L, lab.a, lab.b);
        if (d < bestD) {
          bestD = d;
          best = index;
        }
      });
      nearest = best + 1;
      cache[bin] = nearest;
    }
    out[p] = nearest - 1;
  }
  return out;
}

/** Share (0–1) of the counted pixels whose swatch is marked. */
export function markedShare(assignment: Uint8Array, marked: (swatch: number) => boolean): number {
  let counted = 0;
  let hits = 0;
  for (const swatch of assignment) {
    if (swatch === UNASSIGNED) continue;
    counted++;
    if (marked(swatch)) hits++;
  }
  return counted === 0 ? 0 : hits / counted;
}

/**
 * An RGBA overlay the size of the image: marked pixels hatched in magenta with a solid edge where a
 * region ends, everything else transparent. Drawn over the picture, it shows where the problem is
 * while the picture stays readable.
 */
export function highlightOverlay(
  assignment: Uint8Array,
  width: number,
  height: number,
  marked: (swatch: number) => boolean,
): Uint8ClampedArray<ArrayBuffer> {
  const mark = new Uint8Array(assignment.length);
  for (let p = 0; p < assignment.length; p++) mark[p] = assignment[p] !== UNASSIGNED && marked(assignment[p]) ? 1 : 0;
  return hatchOverlay(mark, width, height);
}

/** The same overlay over the pixels whose `mark` is 1 (judgePixels' off-palette pixels, say). */
export function hatchOverlay(mark: Uint8Array, width: number, height: number): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (!mark[p]) continue;
      const edge =
        (x > 0 && !mark[p - 1]) ||
        (x < width - 1 && !mark[p + 1]) ||
        (y > 0 && !mark[p - width]) ||
        (y < height - 1 && !mark[p + width]);
      const stripe = (x + y) % 6 < 3;
      const i = p * 4;
      out[i] = 255;
      out[i + 1] = edge ? 0 : stripe ? 0 : 255;
      out[i + 2] = edge ? 200 : stripe ? 170 : 255;
      out[i + 3] = edge ? 255 : stripe ? 200 : 70;
    }
  }
  return out;
}
