/**
 * Dominant colours of a 1 MP photo-like image (this file) and a 12 MP one (palette-12mp.bench.ts):
 * five flat brand colours with anti-aliased edges, two gradients and JPEG-like noise, generated
 * deterministically.
 *
 * - Dalil: downscaleRgba to ≤ 256 px (nearest neighbour), then extractPalette — timed together.
 * - node-vibrant, as `Vibrant.from(image).getPalette()` runs by default: downsample by `quality`
 *   5 (a fifth of each side), drop near-transparent and near-white pixels (its default filter),
 *   then its MMCQ quantizer (@vibrant/quantizer-mmcq) with colorCount 64. node-vibrant resizes
 *   with a canvas (browser) or Jimp (Node); here a nearest-neighbour decimation stands in for
 *   that, which is cheaper than either: the peer's times are a lower bound.
 * - colorthief 3, in extra rows: its public getPalette() with default options (quality 10, 10
 *   colours, OKLCH quantization) and a pixel loader handing it the same decoded pixels, as its
 *   Node loader would after decoding with sharp.
 *
 * Accuracy: for each of the five true brand colours, the ΔE2000 to the nearest of a side's eight
 * most populous colours (Dalil returns at most 8), averaged.
 */

import { MMCQ } from '@vibrant/quantizer-mmcq';
import { getPalette } from 'colorthief';
import type { PixelLoader } from 'colorthief/internals';
import { Bench } from 'tinybench';
import { seededRandom } from '../tests/seeded-random';
import { deltaE2000, downscaleRgba, extractPalette, hexToLab, parseHex, type RgbaImage } from '../utils/color';
import type { Benchmark, ExtraRow } from './run';

/** The flat colours painted into the image; the accuracy rows measure how close each side gets to them. */
export const TRUE_COLORS = ['#eae2b7', '#003049', '#d62828', '#f77f00', '#fcbf49'];
const TOP = 8;

const clamp01 = (v: number) => Math.max(0, Math.min(1, v));

/**
 * A photo-like test card at any size, the same composition at every size: a sky gradient, a cream
 * ground, a navy banner, red and orange discs, a yellow diagonal band and a gradient panel. Edges
 * are anti-aliased by coverage (signed distance ± half a pixel), and every channel gets gaussian
 * noise (σ 3, cut at ±6) like JPEG's on flat areas.
 */
export function photoLikeImage(width: number, height: number, seed = 1): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  const s = Math.min(width, height);
  const [cream, navy, red, orange, yellow] = TRUE_COLORS.map((hex) => parseHex(hex) ?? [0, 0, 0]);
  const skyTop = [168, 218, 220];
  const skyBottom = [69, 123, 157];
  const panelLeft = [241, 250, 238];
  const panelRight = [233, 196, 106];
  // Noise from a table of gaussian samples: the same distribution as Box–Muller per pixel, far faster at 12 MP.
  const random = seededRandom(seed);
  const noise = new Int8Array(1 << 16);
  for (let i = 0; i < noise.length; i++) {
    const n = 3 * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    noise[i] = Math.round(Math.max(-6, Math.min(6, n)));
  }
  let state = seed * 2654435761;
  const rgb = [0, 0, 0];
  const blend = (color: ArrayLike<number>, alpha: number) => {
    if (alpha <= 0) return;
    for (let c = 0; c < 3; c++) rgb[c] += (color[c] - rgb[c]) * alpha;
  };
  const skyEdge = 0.3 * height;
  const redX = 0.72 * width;
  const redY = 0.55 * height;
  const redR = 0.22 * s;
  const orangeX = 0.3 * width;
  const orangeY = 0.8 * height;
  const orangeR = 0.14 * s;
  for (let y = 0; y < height; y++) {
    const py = y + 0.5;
    for (let x = 0; x < width; x++) {
      const px = x + 0.5;
      rgb[0] = cream[0];
      rgb[1] = cream[1];
      rgb[2] = cream[2];
      // Sky: a vertical gradient over the top 30%.
      const t = clamp01(py / skyEdge);
      blend(
        skyTop.map((v, c) => v + (skyBottom[c] - v) * t),
        clamp01(skyEdge - py + 0.5),
      );
      // Gradient panel in the sky, left to right.
      const panel =
        clamp01(px - 0.6 * width + 0.5) *
        clamp01(0.95 * width - px + 0.5) *
        clamp01(py - 0.06 * height + 0.5) *
        clamp01(0.24 * height - py + 0.5);
      if (panel > 0) {
        const u = clamp01((px - 0.6 * width) / (0.35 * width));
        blend(
          panelLeft.map((v, c) => v + (panelRight[c] - v) * u),
          panel,
        );
      }
      // Navy banner: a parallelogram with slanted sides.
      const slant = (py - 0.34 * height) * 0.35;
      blend(
        navy,
        clamp01(px - 0.04 * width - slant + 0.5) *
          clamp01(0.5 * width - slant - px + 0.5) *
          clamp01(py - 0.34 * height + 0.5) *
          clamp01(0.62 * height - py + 0.5),
      );
      blend(red, clamp01(redR - Math.hypot(px - redX, py - redY) + 0.5));
      blend(orange, clamp01(orangeR - Math.hypot(px - orangeX, py - orangeY) + 0.5));
      // Yellow band across the bottom right, at 30°.
      const across = (px - 0.62 * width) * 0.5 - (py - 0.93 * height) * 0.866;
      blend(yellow, clamp01(0.03 * s - Math.abs(across) + 0.5) * clamp01(px - 0.5 * width + 0.5));
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        state = (state * 1103515245 + 12345) >>> 0;
        data[i + c] = Math.round(rgb[c]) + noise[state >>> 16];
      }
      data[i + 3] = 255;
    }
  }
  return { data, width, height };
}

/** node-vibrant's default pipeline on decoded pixels (see the top of this file). */
function vibrantDefault(image: RgbaImage): { hex: string; population: number }[] {
  const quality = 5;
  const width = Math.max(1, Math.floor(image.width / quality));
  const height = Math.max(1, Math.floor(image.height / quality));
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o += 4) {
      const i = (y * quality * image.width + x * quality) * 4;
      const r = image.data[i];
      const g = image.data[i + 1];
      const b = image.data[i + 2];
      const a = image.data[i + 3];
      pixels[o] = r;
      pixels[o + 1] = g;
      pixels[o + 2] = b;
      // Its default filter keeps a pixel when a ≥ 125 and it is not near white; alpha 0 marks the rest.
      pixels[o + 3] = a >= 125 && !(r > 250 && g > 250 && b > 250) ? a : 0;
    }
  }
  return MMCQ(pixels, { colorCount: 64 }).map((swatch) => ({ hex: swatch.hex, population: swatch.population }));
}

function colorthiefDefault(image: RgbaImage): Promise<{ hex: string; population: number }[]> {
  const loader: PixelLoader<unknown> = {
    load: async () => ({ data: image.data, width: image.width, height: image.height, colorSpace: 'srgb' }),
  };
  return getPalette('decoded', { loader }).then((colors) =>
    (colors ?? []).map((color) => ({ hex: color.hex(), population: color.population })),
  );
}

function accuracy(found: { hex: string; population: number }[]): { mean: number; within1: number } {
  const top = [...found].sort((a, b) => b.population - a.population).slice(0, TOP);
  const distances = TRUE_COLORS.map((truth) => Math.min(...top.map((f) => deltaE2000(hexToLab(truth), hexToLab(f.hex)))));
  return { mean: distances.reduce((a, b) => a + b, 0) / distances.length, within1: distances.filter((d) => d <= 1).length };
}

const describeAccuracy = (a: { mean: number; within1: number }) =>
  `ΔE ${a.mean.toFixed(2)}, ${a.within1}/${TRUE_COLORS.length} within 1`;

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));

/** Same method as run.ts: alternating rounds of tinybench, median and range of the round means. */
async function timeAlternating(a: () => unknown, b: () => unknown, rounds = 6) {
  const means: [number[], number[]] = [[], []];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const side of order) {
      const bench = new Bench({ time: 400, iterations: 5, warmupTime: 100 });
      bench.add(String(side), side === 0 ? a : b);
      await bench.run();
      const result = bench.tasks[0].result as { latency?: { mean: number } } | undefined;
      if (!result?.latency) throw new Error('colorthief comparison did not run');
      means[side].push(result.latency.mean);
    }
  }
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((x, y) => x - y);
    const mid = sorted.length / 2;
    const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { median, text: `${fmt(median)} (${fmt(sorted[0])}–${fmt(sorted[sorted.length - 1])})` };
  };
  return { ours: stats(means[0]), peer: stats(means[1]) };
}

export function paletteBenchmark(width: number, height: number, name: string): Benchmark {
  const image = photoLikeImage(width, height);
  const ours = () => extractPalette(downscaleRgba(image, 256));
  return {
    name,
    unit: 'ms per image',
    ours: {
      label: 'downscaleRgba + extractPalette (Dalil)',
      run: () => {
        ours();
      },
    },
    peer: {
      label: 'node-vibrant defaults (quality 5, MMCQ 64)',
      run: () => {
        vibrantDefault(image);
      },
    },
    bundle: {
      ours: "export { downscaleRgba, extractPalette } from './utils/color';",
      peer: "export { MMCQ } from './node_modules/@vibrant/quantizer-mmcq/dist/esm/index.js';",
    },
    extraRows: async (): Promise<ExtraRow[]> => {
      const oursAccuracy = accuracy(ours().map((s) => ({ hex: s.hex, population: s.share })));
      const thief = await colorthiefDefault(image);
      const times = await timeAlternating(ours, () => colorthiefDefault(image));
      return [
        {
          label: 'accuracy, mean ΔE2000 to the 5 true colours (lower is better)',
          ours: describeAccuracy(oursAccuracy),
          peer: describeAccuracy(accuracy(vibrantDefault(image))),
        },
        {
          label: 'ms per image',
          peerLabel: 'colorthief 3 getPalette() defaults',
          ours: times.ours.text,
          peer: times.peer.text,
          note: `${(times.peer.median / times.ours.median).toFixed(2)}×`,
        },
        {
          label: 'accuracy, mean ΔE2000 to the 5 true colours (lower is better)',
          peerLabel: 'colorthief 3 getPalette() defaults',
          ours: describeAccuracy(oursAccuracy),
          peer: describeAccuracy(accuracy(thief)),
        },
      ];
    },
  };
}

export const benchmark = paletteBenchmark(1000, 1000, 'palette of a 1 MP photo-like image');
