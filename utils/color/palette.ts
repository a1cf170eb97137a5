import { checkImage, type RgbaImage } from './image';
import { type Lab, rgbToHex, rgbToLab, SRGB_TO_LINEAR } from './lab';

/** One dominant colour of an image and its share (0–1) of the image's opaque area. */
export interface Swatch {
  hex: string;
  share: number;
}

export interface PaletteOptions {
  /** At most this many colours, 1–32; default 8. */
  maxColors?: number;
  /**
   * Read about one pixel in step × step: a 2 × 2 block at the centre of every 2·step × 2·step cell.
   * Default: the smallest step that reads at most about 65,000 pixels (1, every pixel, up to
   * 256 × 256), so a 12 MP image passed as is still takes a few ms.
   */
  step?: number;
}

/**
 * A pixel counts when its alpha is at least this — more than half opaque — with its colour as stored
 * (not composited). Alpha 128 (50%) and below is ignored: such a pixel shows mostly what is behind it.
 */
export const MIN_ALPHA = 129;
/** Colours under this share of the opaque area are folded into their nearest neighbour. */
export const MIN_SHARE = 0.005;

const DEFAULT_MAX_COLORS = 8;
const SAMPLE_TARGET = 65_536;
// 5 bits per channel: 32,768 bins of 8 × 8 × 8 values.
const BINS = 1 << 15;
/**
 * Neighbouring pixels are one surface with noise when each channel (alpha too) of one is within
 * −32 … +31 of the other's; beyond, an edge. A 64-wide window, so one mask tests it (see
 * fillHistogram). Gaussian noise of σ 6 per channel differs by about 8.5 between two pixels.
 */
const ALIKE_HALF = 32;
/**
 * Added to a word's R and B (or G and A) lanes before subtracting another's: each lane then holds
 * ALIKE_HALF + (first − other), in 0 … 63 exactly when alike, so any bit of ALIKE_MASK set means
 * "not alike" — in that lane, or in the upper one, where a negative lower lane borrows and a
 * negative upper lane sets the sign bits. One mask then tests six lanes OR-ed together.
 */
const ALIKE_LANES = ALIKE_HALF * 0x10001;
const ALIKE_MASK = 0xffc0ffc0 | 0;
// Pixels alike to one at least this opaque are all at least MIN_ALPHA: one test instead of four.
const BLOCK_ALPHA = MIN_ALPHA + ALIKE_HALF - 1;
/** ΔE76 (Euclidean Lab): a bin this far from every seed so far seeds a colour of its own. */
const SEED_DISTANCE = 10;
/**
 * RGB distance: a colour is the mean of the pixels within this of it (a mean shift). RGB, not Lab,
 * because pixel noise is the same size in every channel there, while Lab stretches it near black.
 */
const MODE_RADIUS = 12;
/** RGB distance: mean shifts that end this close found the same colour. */
const SAME_MODE = 3;
// Enough for the 32 colours one may ask for and then some; each seed costs a pass over the bins.
const MAX_SEEDS = 40;

interface Histogram {
  /** Pixels per bin and their channel sums. */
  count: Uint32Array;
  sumR: Float64Array;
  sumG: Float64Array;
  sumB: Float64Array;
  /** The bins in use: in the order first met, or in index order once cluster() has sorted them. */
  used: Uint16Array;
}

// Reused between calls and zeroed bin by bin after each: a call allocates only per used bin.
let shared: Histogram | null = null;

interface Cluster {
  r: number;
  g: number;
  b: number;
  lab: Lab;
  /** Pixels nearest this colour. */
  weight: number;
  /** Pixels within MODE_RADIUS of it: all of a flat colour's, a slice of a gradient's. */
  core: number;
}

const dist2 = (l1: number, a1: number, b1: number, l2: number, a2: number, b2: number) =>
  (l1 - l2) * (l1 - l2) + (a1 - a2) * (a1 - a2) + (b1 - b2) * (b1 - b2);

// lab.ts's f(t) and white, repeated for the per-bin loop: calls across modules are not always
// inlined (transpiled to CommonJS they go through getters), and this loop can run 30,000 times.
const XN = 0.95047;
const ZN = 1.08883;
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;
const fLab = (t: number) => (t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116);

// Read once: an import read per use goes through a getter when transpiled to CommonJS.
const LINEAR = SRGB_TO_LINEAR;

/** Linear light of a fractional 0–255 channel value, interpolated in the table: no pow() per bin. */
function linear(v: number): number {
  const i = v | 0;
  return i >= 255 ? LINEAR[255] : LINEAR[i] + (LINEAR[i + 1] - LINEAR[i]) * (v - i);
}

/**
 * The dominant colours of an image, largest share first, their shares of the opaque area summing
 * to 1; [] when no pixel is opaque enough (MIN_ALPHA).
 *
 * 1. A histogram of 5-bit-per-channel bins with pixel counts and channel sums, from denoised
 *    samples (see fillHistogram); no per-pixel allocation.
 * 2. Seeds: the most populated bins first, each at least SEED_DISTANCE (Lab) from the others.
 * 3. From each seed a mean shift in RGB climbs to the densest colour near it and settles on the
 *    exact mean of the pixels around it: a flat colour comes out exact through noise, and blended
 *    edge pixels, being farther away, do not pull it. Seeds that climb to the same colour are one.
 * 4. Every bin goes to its nearest colour (Lab), which gives the shares. Colours under MIN_SHARE
 *    (edges, specks) fold into their nearest neighbour; beyond `maxColors`, the closest pairs for
 *    their size merge (see fold). The flatter of a pair keeps its colour, so flat colours stay exact.
 *
 * Why it is fast (≈ 0.35 ms for 256 × 256 on the bench machine; photos are downscaled to that): the
 * only per-pixel work is step 1, a few integer operations per pixel on packed words — pixels are
 * read as 32-bit words, two channels are tested and summed per operation (SWAR), and a 2 × 2 block
 * of alike pixels is one histogram update, not four. Everything after works on the few hundred
 * bins in use (and Lab only there: no per-pixel colour conversion), in typed arrays, with no
 * allocation per pixel or per bin. Reading the pixels takes two thirds of the time, the clustering
 * after a third.
 */
export function extractPalette(image: RgbaImage, options: PaletteOptions = {}): Swatch[] {
  checkImage(image);
  const { width, height } = image;
  if (width === 0 || height === 0) return [];
  const maxColors = Math.min(32, Math.max(1, Math.floor(options.maxColors ?? DEFAULT_MAX_COLORS) || 1));
  const step = Math.max(1, Math.floor(options.step ?? Math.ceil(Math.sqrt((width * height) / SAMPLE_TARGET))) || 1);
  shared ??= {
    count: new Uint32Array(BINS),
    sumR: new Float64Array(BINS),
    sumG: new Float64Array(BINS),
    sumB: new Float64Array(BINS),
    used: new Uint16Array(BINS),
  };
  const histogram = shared;
  const n = fillHistogram(histogram, image, step);
  try {
    return cluster(histogram, n, maxColors);
  } finally {
    for (let k = 0; k < n; k++) {
      const bin = histogram.used[k];
      histogram.count[bin] = 0;
      histogram.sumR[bin] = 0;
      histogram.sumG[bin] = 0;
      histogram.sumB[bin] = 0;
    }
  }
}

/**
 * Adds the pixels to the (empty) histogram in 2 × 2 blocks, one block at the centre of every
 * 2·step × 2·step cell (so about one pixel in step², every pixel when step is 1); returns how many
 * bins it used. A block whose pixels are alike (see ALIKE_HALF) is one surface with noise: it goes in as
 * its mean with weight 4, which halves the noise (a noisy flat colour stays one mode) for one
 * histogram update instead of four. A block across an edge, with a pixel too transparent, or cut by
 * the image's border goes in pixel by pixel, so edges and thin lines stay as they are and the
 * counts stay exact.
 *
 * The test and the sums work on two channels at once (SWAR): a word masked with 0x00ff00ff holds R
 * and B in 16-bit lanes, shifted right by 8 it holds G and A, so four pixels' sums and the six
 * differences take a few integer operations each and one branch per block.
 */
function fillHistogram(histogram: Histogram, image: RgbaImage, step: number): number {
  const { width, height } = image;
  const { count, sumR, sumG, sumB, used } = histogram;
  const words = pixelWords(image);
  let n = 0;
  const stride = 2 * step;
  const x0 = Math.min(step - 1, width - 1);
  for (let y = Math.min(step - 1, height - 1); y < height; y += stride) {
    let x = x0;
    let i = y * width + x;
    // Whole blocks.
    for (; x + 1 < width && y + 1 < height; x += stride, i += stride) {
      const p = words[i];
      const q = words[i + 1];
      const s = words[i + width];
      const t = words[i + width + 1];
      const pRB = p & 0xff00ff;
      const pGA = (p >>> 8) & 0xff00ff;
      const qRB = q & 0xff00ff;
      const qGA = (q >>> 8) & 0xff00ff;
      const sRB = s & 0xff00ff;
      const sGA = (s >>> 8) & 0xff00ff;
      const tRB = t & 0xff00ff;
      const tGA = (t >>> 8) & 0xff00ff;
      const rb = pRB + ALIKE_LANES;
      const ga = pGA + ALIKE_LANES;
      const off = (rb - qRB) | (ga - qGA) | (rb - sRB) | (ga - sGA) | (rb - tRB) | (ga - tGA);
      if (
        (off & ALIKE_MASK) === 0 &&
        (p >>> 24 >= BLOCK_ALPHA ||
          (p >>> 24 >= MIN_ALPHA && q >>> 24 >= MIN_ALPHA && s >>> 24 >= MIN_ALPHA && t >>> 24 >= MIN_ALPHA))
      ) {
        const rbSum = pRB + qRB + sRB + tRB;
        const r4 = rbSum & 0xffff;
        const b4 = rbSum >>> 16;
        const g4 = (pGA + qGA + sGA + tGA) & 0xffff;
        const bin = ((r4 >> 5) << 10) | ((g4 >> 5) << 5) | (b4 >> 5);
        if (count[bin] === 0) used[n++] = bin;
        count[bin] += 4;
        sumR[bin] += r4;
        sumG[bin] += g4;
        sumB[bin] += b4;
      } else {
        n = addPixel(histogram, p, n);
        n = addPixel(histogram, q, n);
        n = addPixel(histogram, s, n);
        n = addPixel(histogram, t, n);
      }
    }
    // Blocks cut by the right or bottom border: their pixels inside the image, one by one.
    for (; x < width; x += stride, i += stride) {
      n = addPixel(histogram, words[i], n);
      if (x + 1 < width) n = addPixel(histogram, words[i + 1], n);
      if (y + 1 < height) n = addPixel(histogram, words[i + width], n);
    }
  }
  return n;
}

/** One pixel into the histogram when opaque enough; returns the number of bins used. */
function addPixel({ count, sumR, sumG, sumB, used }: Histogram, p: number, n: number): number {
  if (p >>> 24 < MIN_ALPHA) return n;
  const r = p & 255;
  const g = (p >>> 8) & 255;
  const b = (p >>> 16) & 255;
  const bin = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
  if (count[bin]++ === 0) used[n++] = bin;
  sumR[bin] += r;
  sumG[bin] += g;
  sumB[bin] += b;
  return n;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The pixels as 32-bit words, R in the low byte: one read per pixel instead of four. A view on
 * the same memory when the buffer allows (always for canvas ImageData); otherwise — a Node Buffer
 * slice at an odd offset, a big-endian machine — a packed copy.
 */
function pixelWords({ data, width, height }: RgbaImage): Uint32Array {
  const size = width * height;
  if (LITTLE_ENDIAN && data.byteOffset % 4 === 0) return new Uint32Array(data.buffer, data.byteOffset, size);
  const words = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    words[i] = (data[i * 4] | (data[i * 4 + 1] << 8) | (data[i * 4 + 2] << 16) | (data[i * 4 + 3] << 24)) >>> 0;
  }
  return words;
}

/** The used bins, in index order, with their pixel counts and the Lab of their means. */
interface Bins {
  n: number;
  total: number;
  w: Float64Array;
  L: Float64Array;
  A: Float64Array;
  B: Float64Array;
}

function cluster(histogram: Histogram, n: number, maxColors: number): Swatch[] {
  if (n === 0) return [];
  const bins = binsInLab(histogram, n);
  const clusters: Cluster[] = [];
  // 3. A mean shift from each seed; one that ends on a colour already found adds nothing.
  for (const k of pickSeeds(bins)) {
    const bin = histogram.used[k];
    const q = histogram.count[bin];
    const [r, g, b, core] = meanShift(histogram, histogram.sumR[bin] / q, histogram.sumG[bin] / q, histogram.sumB[bin] / q);
    if (clusters.some((c) => (c.r - r) ** 2 + (c.g - g) ** 2 + (c.b - b) ** 2 < SAME_MODE * SAME_MODE)) continue;
    clusters.push({ r, g, b, lab: rgbToLab(r, g, b), weight: 0, core });
  }
  assignBins(bins, clusters);
  return fold(
    clusters.filter((c) => c.weight > 0),
    bins.total,
    maxColors,
  )
    .map((c) => ({ hex: rgbToHex(c.r, c.g, c.b), share: c.weight / bins.total }))
    .sort((x, y) => y.share - x.share || (x.hex < y.hex ? -1 : 1));
}

function binsInLab(histogram: Histogram, n: number): Bins {
  const { count, sumR, sumG, sumB, used } = histogram;
  // Bins in index order, so the reads below walk the histogram instead of jumping about it (with
  // thousands of bins, as in a noisy photo, cache misses would otherwise cost more than the maths).
  if (n > 1024) {
    for (let bin = 0, k = 0; k < n; bin++) if (count[bin] !== 0) used[k++] = bin;
  }
  const w = new Float64Array(n);
  const L = new Float64Array(n);
  const A = new Float64Array(n);
  const B = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    const bin = used[k];
    const q = count[bin];
    w[k] = q;
    total += count[bin];
    const r = linear(sumR[bin] / q);
    const g = linear(sumG[bin] / q);
    const b = linear(sumB[bin] / q);
    const fx = fLab((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / XN);
    const fy = fLab(0.2126729 * r + 0.7151522 * g + 0.072175 * b);
    const fz = fLab((0.0193339 * r + 0.119192 * g + 0.9503041 * b) / ZN);
    L[k] = 116 * fy - 16;
    A[k] = 500 * (fx - fy);
    B[k] = 200 * (fy - fz);
  }
  return { n, total, w, L, A, B };
}

/** 2. Seeds: the most populated bins first, each at least SEED_DISTANCE from those before it. */
function pickSeeds({ n, w, L, A, B }: Bins): number[] {
  // Sorted as count × BINS + index: exact in a double, and a typed-array sort needs no comparator.
  const order = new Float64Array(n);
  for (let k = 0; k < n; k++) order[k] = w[k] * BINS + k;
  order.sort();
  const seeds: number[] = [];
  const seedMin = SEED_DISTANCE * SEED_DISTANCE;
  for (let o = n - 1; o >= 0 && seeds.length < MAX_SEEDS; o--) {
    const k = order[o] % BINS;
    const l = L[k];
    const a = A[k];
    const b = B[k];
    let near = false;
    for (let s = 0; s < seeds.length && !near; s++) {
      const t = seeds[s];
      near = dist2(l, a, b, L[t], A[t], B[t]) <= seedMin;
    }
    if (!near) seeds.push(k);
  }
  return seeds;
}

/** 4. Every bin's pixels to the nearest colour (Lab): the clusters' weights. */
function assignBins({ n, w, L, A, B }: Bins, clusters: Cluster[]): void {
  const m = clusters.length;
  // The colours in flat arrays: this loop runs bins × colours times.
  const cl = new Float64Array(m);
  const ca = new Float64Array(m);
  const cb = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    cl[c] = clusters[c].lab.L;
    ca[c] = clusters[c].lab.a;
    cb[c] = clusters[c].lab.b;
  }
  const weight = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const l = L[k];
    const a = A[k];
    const b = B[k];
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < m; c++) {
      const d = (l - cl[c]) * (l - cl[c]) + (a - ca[c]) * (a - ca[c]) + (b - cb[c]) * (b - cb[c]);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    weight[best] += w[k];
  }
  for (let c = 0; c < m; c++) clusters[c].weight = weight[c];
}

/**
 * Specks (under MIN_SHARE) fold into their nearest colour; then, while there are more than
 * `maxColors`, the pair whose merging loses least (Ward: wᵢwⱼ/(wᵢ + wⱼ) · distance²) merges, so
 * stretches of one gradient go before a small but distinct brand colour does.
 */
function fold(clusters: Cluster[], total: number, maxColors: number): Cluster[] {
  let alive = clusters;
  const merge = (from: Cluster, into: Cluster) => {
    into.weight += from.weight;
    alive = alive.filter((c) => c !== from);
  };
  while (alive.length > 1) {
    let smallest = alive[0];
    for (const c of alive) if (c.weight < smallest.weight) smallest = c;
    if (smallest.weight >= MIN_SHARE * total) break;
    merge(smallest, nearest(alive, smallest));
  }
  while (alive.length > maxColors) {
    let from = alive[0];
    let into = alive[1];
    let cheapest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < alive.length; i++) {
      const x = alive[i];
      for (let j = i + 1; j < alive.length; j++) {
        const y = alive[j];
        const cost =
          ((x.weight * y.weight) / (x.weight + y.weight)) * dist2(x.lab.L, x.lab.a, x.lab.b, y.lab.L, y.lab.a, y.lab.b);
        if (cost < cheapest) {
          cheapest = cost;
          // The flatter colour (more pixels at it) stays: a brand colour outlasts a stretch of gradient.
          [from, into] = x.core < y.core ? [x, y] : [y, x];
        }
      }
    }
    merge(from, into);
  }
  return alive;
}

function nearest(clusters: Cluster[], to: Cluster): Cluster {
  let best = to;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of clusters) {
    if (c === to) continue;
    const d = dist2(to.lab.L, to.lab.a, to.lab.b, c.lab.L, c.lab.a, c.lab.b);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/**
 * Mean shift with a flat kernel of MODE_RADIUS (RGB) over the histogram: moves to the mean of the
 * pixels whose bins lie within the radius until it stops moving; returns that colour and how many
 * pixels it is the mean of. Reads only the bins the sphere touches (at most 4 × 4 × 4), straight
 * from the dense histogram.
 */
function meanShift(histogram: Histogram, r0: number, g0: number, b0: number): [number, number, number, number] {
  const { count, sumR, sumG, sumB } = histogram;
  const radius2 = MODE_RADIUS * MODE_RADIUS;
  let r = r0;
  let g = g0;
  let b = b0;
  let core = 0;
  for (let iteration = 0; iteration < 30; iteration++) {
    let tq = 0;
    let tr = 0;
    let tg = 0;
    let tb = 0;
    const r1 = Math.min(31, (r + MODE_RADIUS) >> 3);
    const g1 = Math.min(31, (g + MODE_RADIUS) >> 3);
    const b1 = Math.min(31, (b + MODE_RADIUS) >> 3);
    for (let ri = Math.max(0, (r - MODE_RADIUS) >> 3); ri <= r1; ri++) {
      for (let gi = Math.max(0, (g - MODE_RADIUS) >> 3); gi <= g1; gi++) {
        for (let bi = Math.max(0, (b - MODE_RADIUS) >> 3); bi <= b1; bi++) {
          const bin = (ri << 10) | (gi << 5) | bi;
          const q = count[bin];
          if (q === 0) continue;
          const dr = sumR[bin] / q - r;
          const dg = sumG[bin] / q - g;
          const db = sumB[bin] / q - b;
          if (dr * dr + dg * dg + db * db > radius2) continue;
          tq += q;
          tr += sumR[bin];
          tg += sumG[bin];
          tb += sumB[bin];
        }
      }
    }
    if (tq === 0) break;
    core = tq;
    const moved = (tr / tq - r) ** 2 + (tg / tq - g) ** 2 + (tb / tq - b) ** 2;
    r = tr / tq;
    g = tg / tq;
    b = tb / tq;
    if (moved < 1e-6) break;
  }
  return [r, g, b, core];
}
