/**
 * Test images with a known composition, generated deterministically: flat fields, anti-aliased
 * shapes (by supersampling), gradients and gaussian-like noise from a seeded PRNG.
 */
import { parseHex } from '../../../utils/color/lab';
import { seededRandom as prng } from '../../seeded-random';

export interface TestImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export { seededRandom as prng } from '../../seeded-random';

export function rgb(hex: string): [number, number, number] {
  const c = parseHex(hex);
  if (!c) throw new Error(`bad hex ${hex}`);
  return c;
}

export function blankImage(width: number, height: number): TestImage {
  return { data: new Uint8ClampedArray(width * height * 4), width, height };
}

export function setPixel(image: TestImage, x: number, y: number, [r, g, b]: readonly number[], alpha = 255): void {
  const i = (y * image.width + x) * 4;
  image.data[i] = r;
  image.data[i + 1] = g;
  image.data[i + 2] = b;
  image.data[i + 3] = alpha;
}

/** Fills [x0, x1) × [y0, y1) with one colour. */
export function fillRect(image: TestImage, x0: number, y0: number, x1: number, y1: number, hex: string, alpha = 255): void {
  const c = rgb(hex);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) setPixel(image, x, y, c, alpha);
}

/** Vertical stripes with these exact pixel widths, filling the image height. */
export function stripes(widths: number[], height: number, hexes: string[]): TestImage {
  const width = widths.reduce((a, b) => a + b, 0);
  const image = blankImage(width, height);
  let x = 0;
  widths.forEach((w, i) => {
    fillRect(image, x, 0, x + w, height, hexes[i]);
    x += w;
  });
  return image;
}

/**
 * A disc of `fg` on `bg`, anti-aliased the way a renderer does: each pixel's colour is the mix by
 * its coverage, measured on a `samples` × `samples` grid. Returns the image and the disc's exact
 * covered area in pixels (the sum of the coverages).
 */
export function antiAliasedDisc(
  image: TestImage,
  cx: number,
  cy: number,
  radius: number,
  fg: string,
  samples = 8,
): { coverage: number } {
  const f = rgb(fg);
  let coverage = 0;
  for (let y = Math.max(0, Math.floor(cy - radius - 1)); y < Math.min(image.height, Math.ceil(cy + radius + 1)); y++) {
    for (let x = Math.max(0, Math.floor(cx - radius - 1)); x < Math.min(image.width, Math.ceil(cx + radius + 1)); x++) {
      let inside = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = x + (sx + 0.5) / samples - cx;
          const py = y + (sy + 0.5) / samples - cy;
          if (px * px + py * py <= radius * radius) inside++;
        }
      }
      if (inside === 0) continue;
      const t = inside / (samples * samples);
      coverage += t;
      const i = (y * image.width + x) * 4;
      for (let ch = 0; ch < 3; ch++) image.data[i + ch] = Math.round(image.data[i + ch] * (1 - t) + f[ch] * t);
      image.data[i + 3] = 255;
    }
  }
  return { coverage };
}

/** Adds gaussian noise (Box–Muller, standard deviation `sigma`, cut at ±`limit`) to every channel of opaque pixels. */
export function addNoise(image: TestImage, seed: number, sigma = 3, limit = 6): void {
  const random = prng(seed);
  for (let i = 0; i < image.data.length; i += 4) {
    for (let ch = 0; ch < 3; ch++) {
      const u = random() || 1e-12;
      const v = random();
      const n = Math.max(-limit, Math.min(limit, sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
      image.data[i + ch] = image.data[i + ch] + Math.round(n);
    }
  }
}

/** A horizontal gradient from `from` to `to`, linear in sRGB values. */
export function gradient(width: number, height: number, from: string, to: string): TestImage {
  const image = blankImage(width, height);
  const a = rgb(from);
  const b = rgb(to);
  for (let x = 0; x < width; x++) {
    const t = width === 1 ? 0 : x / (width - 1);
    const c = a.map((v, i) => Math.round(v + (b[i] - v) * t));
    for (let y = 0; y < height; y++) setPixel(image, x, y, c);
  }
  return image;
}
