import { describe, expect, it } from 'vitest';
import { competitorPalette } from '../../../utils/brand/competitor-palette';
import { checkAgainstPalette, deltaE2000, extractPalette, hexToLab } from '../../../utils/color';
import { BrandKitSchema } from '../../../utils/schemas/brand-kit';
import { addNoise, blankImage, fillRect, prng } from '../color/synthetic-images';

const RED = '#d62828';
const BLUE = '#1e6fd9';
const TEAL = '#2a9d8f';
const ours = { deltaETolerance: 3, minOnPaletteShare: 0.7 };

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('competitorPalette', () => {
  it('merges a colour two images share, first, with its combined share (each image weighted equally)', () => {
    const palette = competitorPalette([
      [
        { hex: RED, share: 0.6 },
        { hex: BLUE, share: 0.4 },
      ],
      [
        { hex: RED, share: 0.5 },
        { hex: TEAL, share: 0.5 },
      ],
    ]);
    expect(palette.swatches.map((s) => s.hex)).toEqual([RED, TEAL, BLUE]);
    expect(palette.swatches[0].share).toBeCloseTo(0.55, 12);
    expect(palette.swatches[1].share).toBeCloseTo(0.25, 12);
    expect(palette.swatches[2].share).toBeCloseTo(0.2, 12);
    expect(palette.colors.map((c) => c.hex)).toEqual([RED, TEAL, BLUE]);
    expect(palette.images).toBe(2);
  });

  it('weights images equally whatever their shares add up to', () => {
    const palette = competitorPalette([[{ hex: RED, share: 0.3 }], [{ hex: BLUE, share: 1 }]]);
    expect(palette.swatches.map((s) => s.share)).toEqual([0.5, 0.5]);
  });

  it('merges near-identical colours (within mergeDeltaE) into the heavier one, and keeps distinct ones apart', () => {
    const nearRed = '#d92b2b';
    const delta = deltaE2000(hexToLab(RED), hexToLab(nearRed));
    expect(delta).toBeGreaterThan(0);
    expect(delta).toBeLessThan(8);
    const palettes = [
      [
        { hex: RED, share: 0.7 },
        { hex: BLUE, share: 0.3 },
      ],
      [
        { hex: nearRed, share: 0.4 },
        { hex: BLUE, share: 0.6 },
      ],
    ];
    const merged = competitorPalette(palettes);
    expect(merged.swatches).toHaveLength(2);
    expect(merged.swatches[0].hex).toBe(RED);
    expect(merged.swatches[0].share).toBeCloseTo(0.55, 12);
    expect(merged.swatches[1]).toEqual({ hex: BLUE, share: expect.closeTo(0.45, 12) });
    // Below their ΔE, the two reds stay two colours.
    const apart = competitorPalette(palettes, { mergeDeltaE: delta / 2 });
    expect(apart.swatches.map((s) => s.hex).sort()).toEqual([BLUE, RED, nearRed].sort());
  });

  it('does not depend on the order of the images or of their swatches', () => {
    const a = [
      { hex: RED, share: 0.5 },
      { hex: '#d92b2b', share: 0.5 },
    ];
    const b = [
      { hex: TEAL, share: 0.25 },
      { hex: BLUE, share: 0.75 },
    ];
    const one = competitorPalette([a, b]);
    const two = competitorPalette([[...b].reverse(), [...a].reverse()]);
    expect(two.swatches).toEqual(one.swatches);
  });

  it('has shares summing to 1 and at most maxColors colours, the dropped ones folded into the nearest kept', () => {
    const random = prng(7);
    const hex = () =>
      `#${Math.floor(random() * 0xffffff)
        .toString(16)
        .padStart(6, '0')}`;
    const palettes = Array.from({ length: 12 }, () => {
      const raw = Array.from({ length: 8 }, () => ({ hex: hex(), share: random() }));
      const total = sum(raw.map((s) => s.share));
      return raw.map((s) => ({ hex: s.hex, share: s.share / total }));
    });
    const byDefault = competitorPalette(palettes);
    expect(byDefault.colors).toHaveLength(6);
    expect(sum(byDefault.swatches.map((s) => s.share))).toBeCloseTo(1, 12);
    for (const maxColors of [1, 3, 10]) {
      const palette = competitorPalette(palettes, { maxColors });
      expect(palette.colors).toHaveLength(maxColors);
      expect(palette.swatches).toHaveLength(maxColors);
      expect(sum(palette.swatches.map((s) => s.share))).toBeCloseTo(1, 12);
      // Largest share first.
      const shares = palette.swatches.map((s) => s.share);
      expect([...shares].sort((x, y) => y - x)).toEqual(shares);
    }
    expect(competitorPalette(palettes, { maxColors: 1 }).swatches[0].share).toBeCloseTo(1, 12);
  });

  it('gives an empty palette for no images, or images without colour', () => {
    for (const input of [[], [[]], [[], [{ hex: RED, share: 0 }]]]) {
      const palette = competitorPalette(input);
      expect(palette.colors).toEqual([]);
      expect(palette.swatches).toEqual([]);
      expect(palette.images).toBe(0);
    }
    // Nothing is on an empty palette.
    const check = checkAgainstPalette([{ hex: RED, share: 1 }], competitorPalette([]));
    expect(check.onPaletteShare).toBe(0);
  });

  it('skips an image with no colour, so the others keep their weight', () => {
    const palette = competitorPalette([[], [{ hex: RED, share: 1 }], [{ hex: BLUE, share: 1 }]]);
    expect(palette.images).toBe(2);
    expect(palette.swatches.map((s) => s.share)).toEqual([0.5, 0.5]);
  });

  it('is a valid brand kit named after the advertiser, with our thresholds and numbered colour names', () => {
    const palette = competitorPalette(
      [
        [
          { hex: '#D62828', share: 0.66 },
          { hex: BLUE, share: 0.34 },
        ],
      ],
      { name: '  مقهى المنافس  ', like: { deltaETolerance: 4.5, minOnPaletteShare: 0.6 } },
    );
    expect(palette.name).toBe('مقهى المنافس');
    expect(palette.deltaETolerance).toBe(4.5);
    expect(palette.minOnPaletteShare).toBe(0.6);
    expect(palette.colors).toEqual([
      { name: 'Colour 1 (66%)', hex: RED },
      { name: 'Colour 2 (34%)', hex: BLUE },
    ]);
    expect(BrandKitSchema.safeParse(palette).success).toBe(true);
    const named = competitorPalette([[{ hex: RED, share: 1 }]], { colorName: (rank, share) => `لون ${rank} · ${share}` });
    expect(named.colors[0].name).toBe('لون 1 · 1');
    expect(competitorPalette([]).name).toBe('Competitor');
  });

  it('passes an image made of their colours, and finds much less of one that is not on their palette', () => {
    // Their two creatives, extracted the way the panel does.
    const first = blankImage(120, 80);
    fillRect(first, 0, 0, 120, 80, RED);
    fillRect(first, 80, 0, 120, 80, '#f6efe4');
    addNoise(first, 1);
    const second = blankImage(120, 80);
    fillRect(second, 0, 0, 120, 80, RED);
    fillRect(second, 0, 50, 120, 80, '#1b1b1b');
    addNoise(second, 2);
    const theirs = competitorPalette([extractPalette(first), extractPalette(second)], { name: 'Rival', like: ours });
    expect(theirs.colors.length).toBeGreaterThanOrEqual(3);
    expect(deltaE2000(hexToLab(theirs.colors[0].hex), hexToLab(RED))).toBeLessThan(2);

    // A new creative in their colours.
    const onBrand = blankImage(100, 100);
    fillRect(onBrand, 0, 0, 100, 100, theirs.colors[0].hex);
    fillRect(onBrand, 0, 70, 100, 100, theirs.colors[1].hex);
    const onCheck = checkAgainstPalette(extractPalette(onBrand), theirs);
    expect(onCheck.verdict).toBe('pass');
    expect(onCheck.onPaletteShare).toBeCloseTo(1, 6);

    // Ours: teal and blue, mostly — only a red stripe of theirs.
    const offBrand = blankImage(100, 100);
    fillRect(offBrand, 0, 0, 100, 100, TEAL);
    fillRect(offBrand, 0, 50, 100, 80, BLUE);
    fillRect(offBrand, 0, 80, 100, 100, RED);
    const offCheck = checkAgainstPalette(extractPalette(offBrand), theirs);
    expect(offCheck.onPaletteShare).toBeLessThan(onCheck.onPaletteShare);
    expect(offCheck.onPaletteShare).toBeCloseTo(0.2, 1);
    expect(offCheck.verdict).toBe('fail');
  });
});
