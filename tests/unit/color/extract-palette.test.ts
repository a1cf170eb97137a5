import { describe, expect, it } from 'vitest';
import { deltaE2000, downscaleRgba, extractPalette, hexToLab, MIN_SHARE, type Swatch } from '../../../utils/color';
import { addNoise, antiAliasedDisc, blankImage, fillRect, gradient, rgb, stripes, type TestImage } from './synthetic-images';

const BRAND = ['#d62828', '#003049', '#f77f00', '#fcbf49', '#eae2b7'];
const dE = (x: string, y: string) => deltaE2000(hexToLab(x), hexToLab(y));

/** Every result: shares sum to 1, largest first, no NaN, lowercase #rrggbb. */
function wellFormed(swatches: Swatch[]): Swatch[] {
  expect(Math.abs(swatches.reduce((sum, s) => sum + s.share, 0) - 1)).toBeLessThan(1e-9);
  for (let i = 0; i < swatches.length; i++) {
    expect(swatches[i].hex).toMatch(/^#[0-9a-f]{6}$/);
    expect(swatches[i].share).toBeGreaterThan(0);
    if (i > 0) expect(swatches[i].share).toBeLessThanOrEqual(swatches[i - 1].share);
  }
  return swatches;
}

/** Exactly these colours, each found within ΔE2000 `tolerance`, with its share within 2 points. */
function expectComposition(swatches: Swatch[], expected: { hex: string; share: number }[], tolerance = 1): void {
  wellFormed(swatches);
  expect(swatches).toHaveLength(expected.length);
  for (const truth of expected) {
    const found = swatches.reduce((best, s) => (dE(s.hex, truth.hex) < dE(best.hex, truth.hex) ? s : best));
    expect(dE(found.hex, truth.hex), `${truth.hex} found as ${found.hex}`).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(found.share - truth.share), `share of ${truth.hex}: ${found.share}`).toBeLessThanOrEqual(0.02);
  }
}

describe('extractPalette on flat fields', () => {
  it('finds two flat colours with their exact areas', () => {
    expect(wellFormed(extractPalette(stripes([70, 30], 50, ['#d62828', '#003049'])))).toEqual([
      { hex: '#d62828', share: 0.7 },
      { hex: '#003049', share: 0.3 },
    ]);
  });

  it('finds three flat colours with their exact areas', () => {
    const result = wellFormed(extractPalette(stripes([60, 40, 20], 100, ['#eae2b7', '#f77f00', '#003049'])));
    expect(result.map((s) => s.hex)).toEqual(['#eae2b7', '#f77f00', '#003049']);
    expect(result[0].share).toBeCloseTo(0.5, 12);
    expect(result[1].share).toBeCloseTo(1 / 3, 12);
    expect(result[2].share).toBeCloseTo(1 / 6, 12);
  });

  it('finds five flat colours with their exact areas, whatever the order on the canvas', () => {
    const widths = [100, 60, 40, 30, 26];
    const result = wellFormed(extractPalette(stripes(widths, 200, BRAND)));
    expect(result).toEqual(widths.map((w, i) => ({ hex: BRAND[i], share: w / 256 })));
    const shuffled = wellFormed(
      extractPalette(stripes([30, 100, 26, 60, 40], 200, [BRAND[3], BRAND[0], BRAND[4], BRAND[1], BRAND[2]])),
    );
    expect(shuffled).toEqual(result);
  });

  it('returns one colour with share 1 for a single-colour image, and for a 1 × 1 image', () => {
    expect(extractPalette(stripes([64], 48, ['#1d3557']))).toEqual([{ hex: '#1d3557', share: 1 }]);
    expect(extractPalette(stripes([1], 1, ['#e63946']))).toEqual([{ hex: '#e63946', share: 1 }]);
  });

  it('keeps at most maxColors, merging the closest colours for their size, the larger keeping its colour', () => {
    const image = stripes([100, 60, 40, 30, 26], 200, BRAND);
    // Yellow joins orange (ΔE76 34), then orange joins red (42); cream, small but far from all, stays.
    expect(wellFormed(extractPalette(image, { maxColors: 3 }))).toEqual([
      { hex: '#d62828', share: 170 / 256 },
      { hex: '#003049', share: 60 / 256 },
      { hex: '#eae2b7', share: 26 / 256 },
    ]);
    expect(extractPalette(image, { maxColors: 1 })).toEqual([{ hex: '#d62828', share: 1 }]);
  });

  it('gives up stretches of a gradient before a small, distinct brand colour', () => {
    const image = blankImage(200, 100);
    image.data.set(gradient(200, 60, '#a8dadc', '#1d3557').data, 0);
    fillRect(image, 0, 60, 200, 98, '#eae2b7');
    fillRect(image, 0, 98, 200, 100, '#fcbf49'); // 2%
    const result = wellFormed(extractPalette(image, { maxColors: 4 }));
    expect(result).toHaveLength(4);
    expect(result).toContainEqual({ hex: '#eae2b7', share: 0.38 });
    expect(result).toContainEqual({ hex: '#fcbf49', share: 0.02 });
  });

  it('keeps 1-pixel lines as they are: noise smoothing stops at edges', () => {
    const image = stripes([100], 100, ['#eae2b7']);
    for (let x = 5; x < 100; x += 10) fillRect(image, x, 0, x + 1, 100, '#003049');
    expect(wellFormed(extractPalette(image))).toEqual([
      { hex: '#eae2b7', share: 0.9 },
      { hex: '#003049', share: 0.1 },
    ]);
  });

  it('folds specks under MIN_SHARE into their nearest colour', () => {
    const image = stripes([100], 100, ['#003049']);
    fillRect(image, 10, 10, 15, 15, '#2a9d8f'); // 25 px = 0.25%
    expect(25 / 10000).toBeLessThan(MIN_SHARE);
    expect(extractPalette(image)).toEqual([{ hex: '#003049', share: 1 }]);
    fillRect(image, 50, 50, 58, 58, '#2a9d8f'); // + 64 px: 0.89% together, a colour of its own
    expect(wellFormed(extractPalette(image))).toEqual([
      { hex: '#003049', share: 1 - 89 / 10000 },
      { hex: '#2a9d8f', share: 89 / 10000 },
    ]);
  });
});

describe('extractPalette through noise, edges and gradients', () => {
  it('finds flat colours within ΔE2000 1 and their areas within 2 points through gaussian noise (σ 3, ±6)', () => {
    const widths = [100, 60, 40, 30, 26];
    const image = stripes(widths, 200, BRAND);
    addNoise(image, 42, 3, 6);
    expectComposition(
      extractPalette(image),
      widths.map((w, i) => ({ hex: BRAND[i], share: w / 256 })),
    );
  });

  it('still does with twice that noise (σ 6, ±18), dark navy included', () => {
    const widths = [100, 60, 40, 30, 26];
    const image = stripes(widths, 200, BRAND);
    addNoise(image, 7, 6, 18);
    expectComposition(
      extractPalette(image),
      widths.map((w, i) => ({ hex: BRAND[i], share: w / 256 })),
    );
  });

  it('absorbs anti-aliased edges into the shapes: three colours, areas by coverage', () => {
    const image = blankImage(256, 256);
    fillRect(image, 0, 0, 256, 256, '#eae2b7');
    const navy = antiAliasedDisc(image, 90, 100, 60.3, '#003049').coverage / 65536;
    const red = antiAliasedDisc(image, 190, 170, 40.7, '#d62828').coverage / 65536;
    const expected = [
      { hex: '#eae2b7', share: 1 - navy - red },
      { hex: '#003049', share: navy },
      { hex: '#d62828', share: red },
    ];
    const clean = extractPalette(image);
    expectComposition(clean, expected, 0);
    // Edges split between the colours they blend: the areas come out much closer than the 2 points allowed.
    for (const truth of expected) {
      expect(Math.abs((clean.find((s) => s.hex === truth.hex)?.share ?? 0) - truth.share)).toBeLessThan(0.005);
    }
    addNoise(image, 3);
    expectComposition(extractPalette(image), expected);
  });

  it('reports a gradient as colours along it, none off it', () => {
    const from = '#003049';
    const to = '#fcbf49';
    const image = gradient(256, 64, from, to);
    const ramp = Array.from({ length: 256 }, (_, x) => {
      const [a, b] = [rgb(from), rgb(to)];
      const t = x / 255;
      return `#${a
        .map((v, i) =>
          Math.round(v + (b[i] - v) * t)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('')}`;
    });
    const result = wellFormed(extractPalette(image));
    expect(result.length).toBeGreaterThanOrEqual(4);
    expect(result.length).toBeLessThanOrEqual(8);
    for (const swatch of result) expect(Math.min(...ramp.map((c) => dE(c, swatch.hex)))).toBeLessThan(1);
    // Spread along the ramp, not one colour taking most of it.
    expect(result[0].share).toBeLessThan(0.3);
    const lightness = result.map((s) => hexToLab(s.hex).L);
    expect(Math.max(...lightness) - Math.min(...lightness)).toBeGreaterThan(45);
  });

  it('finds flat brand colours next to a gradient and keeps them exact', () => {
    const image = blankImage(200, 100);
    const sky = gradient(200, 40, '#a8dadc', '#457b9d');
    image.data.set(sky.data, 0);
    fillRect(image, 0, 40, 120, 100, '#e63946');
    fillRect(image, 120, 40, 200, 100, '#1d3557');
    addNoise(image, 11);
    const result = wellFormed(extractPalette(image));
    const red = result.find((s) => dE(s.hex, '#e63946') <= 1);
    const navy = result.find((s) => dE(s.hex, '#1d3557') <= 1);
    expect(red?.share).toBeCloseTo(0.36, 2);
    expect(navy?.share).toBeCloseTo(0.24, 2);
  });
});

describe('extractPalette and transparency', () => {
  it('ignores fully and half transparent pixels (alpha ≤ 128) and counts the rest as stored', () => {
    const image = blankImage(100, 100);
    fillRect(image, 0, 0, 50, 100, '#d62828'); // opaque
    fillRect(image, 50, 0, 75, 100, '#2a9d8f', 0); // fully transparent
    fillRect(image, 75, 0, 100, 100, '#003049', 128); // half transparent
    expect(extractPalette(image)).toEqual([{ hex: '#d62828', share: 1 }]);
    fillRect(image, 75, 0, 100, 100, '#003049', 129); // just over half: counts, colour as stored
    expect(wellFormed(extractPalette(image))).toEqual([
      { hex: '#d62828', share: 2 / 3 },
      { hex: '#003049', share: 1 / 3 },
    ]);
  });

  it('returns [] for an all-transparent image, and for an empty one', () => {
    const result = extractPalette(blankImage(64, 64));
    expect(result).toEqual([]);
    expect(extractPalette({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toEqual([]);
  });

  it('does not average a transparent neighbour into an opaque edge pixel', () => {
    const image = blankImage(10, 10);
    fillRect(image, 0, 0, 5, 10, '#d62828');
    fillRect(image, 5, 0, 10, 10, '#ffffff', 0);
    expect(extractPalette(image)).toEqual([{ hex: '#d62828', share: 1 }]);
  });

  it('reads pixels from a buffer at any offset, such as a Node Buffer slice', () => {
    const image = stripes([30, 10], 20, ['#d62828', '#003049']);
    const shifted = new Uint8Array(image.data.length + 3);
    shifted.set(image.data, 3);
    const unaligned = { data: shifted.subarray(3), width: image.width, height: image.height };
    expect(unaligned.data.byteOffset % 4).not.toBe(0);
    expect(extractPalette(unaligned)).toEqual([
      { hex: '#d62828', share: 0.75 },
      { hex: '#003049', share: 0.25 },
    ]);
  });

  it('refuses pixel data shorter than the size says', () => {
    expect(() => extractPalette({ data: new Uint8ClampedArray(10), width: 2, height: 2 })).toThrow(RangeError);
  });
});

describe('large images', () => {
  /** 2400 × 1600 (3.8 MP): cream ground, a navy field, red and orange discs, all anti-aliased, with noise. */
  function photoLike(): { image: TestImage; truth: { hex: string; share: number }[] } {
    const width = 2400;
    const height = 1600;
    const image = blankImage(width, height);
    fillRect(image, 0, 0, width, height, '#eae2b7');
    fillRect(image, 0, 0, 1200, 640, '#003049');
    const red = antiAliasedDisc(image, 1750, 800, 520.5, '#d62828', 2).coverage;
    const orange = antiAliasedDisc(image, 600, 1180, 330.25, '#f77f00', 2).coverage;
    addNoise(image, 99);
    const area = width * height;
    const navy = 1200 * 640;
    return {
      image,
      truth: [
        { hex: '#eae2b7', share: (area - navy - red - orange) / area },
        { hex: '#003049', share: navy / area },
        { hex: '#d62828', share: red / area },
        { hex: '#f77f00', share: orange / area },
      ],
    };
  }
  it('gives the same colours downscaled to 256 px first, or passed whole with automatic or explicit sampling', () => {
    const { image, truth } = photoLike();
    const small = downscaleRgba(image, 256);
    expect([small.width, small.height]).toEqual([256, 171]);
    expectComposition(extractPalette(small), truth);
    expectComposition(extractPalette(image), truth);
    expectComposition(extractPalette(image, { step: 5 }), truth);
  });
});
