/**
 * Palette checks judge pixels, not clusters: colours stepped at ΔE2000 0, 2, 2.9, 3.1, 4.5 and 9 from
 * a brand colour, side by side in one image, each land on their own side of the tolerance (3).
 */
import { describe, expect, it } from 'vitest';
import { checkAgainstPalette, deltaE2000, extractPalette, hexToLab, rgbToHex } from '../../../utils/color';
import { judgePixels, PIXEL_IGNORED, PIXEL_OFF, PIXEL_ON } from '../../../utils/color/pixel-check';
import type { BrandKit } from '../../../utils/schemas/brand-kit';
import { addNoise, fillRect, stripes } from './synthetic-images';

const BRAND = '#5b3a29'; // Roast Brown
const kit: BrandKit = {
  name: 'Dalil',
  colors: [
    { name: 'Roast Brown', hex: BRAND, role: 'primary' },
    { name: 'Cream', hex: '#f6efe4', role: 'background' },
  ],
  deltaETolerance: 3,
  minOnPaletteShare: 0.7,
  copyRules: { bannedPhrases: [], requiredHashtags: [], maxLength: {} },
};

/** The 8-bit colour nearest to `target` ΔE2000 from the brand colour, within `within` of it (searched ±24 per channel). */
function colourAt(target: number, within = 0.05): string {
  const base = hexToLab(BRAND);
  const [r0, g0, b0] = [0x5b, 0x3a, 0x29];
  let best = { hex: BRAND, miss: Number.POSITIVE_INFINITY };
  for (let dr = -24; dr <= 24; dr++)
    for (let dg = -24; dg <= 24; dg++)
      for (let db = -24; db <= 24; db++) {
        const [r, g, b] = [r0 + dr, g0 + dg, b0 + db];
        if (r < 0 || g < 0 || b < 0) continue;
        const hex = rgbToHex(r, g, b);
        const miss = Math.abs(deltaE2000(hexToLab(hex), base) - target);
        if (miss < best.miss) best = { hex, miss };
      }
  if (best.miss > within) throw new Error(`no 8-bit colour at ΔE2000 ${target} ± ${within} from ${BRAND}`);
  return best.hex;
}

const STEPS = [0, 2, 2.9, 3.1, 4.5, 9];
const COLOURS = STEPS.map((step) => (step === 0 ? BRAND : colourAt(step)));
const distance = (hex: string) => deltaE2000(hexToLab(hex), hexToLab(BRAND));

describe('judgePixels', () => {
  it('finds the stepped colours where they were asked for', () => {
    expect(COLOURS.map(distance).map((d) => Math.round(d * 10) / 10)).toEqual(STEPS);
    expect(distance(COLOURS[2])).toBeLessThanOrEqual(3);
    expect(distance(COLOURS[3])).toBeGreaterThan(3);
  });

  it('puts each stepped colour on its own side of the tolerance, whatever sits beside it', () => {
    // Six bands of equal width: 0, 2 and 2.9 are on palette, 3.1, 4.5 and 9 are not.
    const image = stripes([20, 20, 20, 20, 20, 20], 30, COLOURS);
    const judged = judgePixels(image, [hexToLab(BRAND)], 3);
    expect(judged.counted).toBe(120 * 30);
    expect(judged.onShare).toBe(0.5);
    const bandOf = (x: number) => judged.marks[x];
    expect([10, 30, 50, 70, 90, 110].map(bandOf)).toEqual([PIXEL_ON, PIXEL_ON, PIXEL_ON, PIXEL_OFF, PIXEL_OFF, PIXEL_OFF]);
  });

  it.each([
    ['just outside the tolerance (3.1)', 3],
    ['clearly outside it (4.5)', 4],
  ])('never judges an exact brand colour by a near colour beside it, %s', (_name, index) => {
    // Two bands clustering sees as one colour (4.5: one swatch, the near colour, so 0 % on palette
    // by swatches; 3.1: one swatch between them, so 100 %). The pixels are half and half.
    const image = stripes([50, 50], 40, [BRAND, COLOURS[index]]);
    const swatches = extractPalette(image);
    const byPixels = checkAgainstPalette(swatches, kit, image);
    expect(byPixels.onPaletteShare).toBe(0.5);
    // The report still lists the swatches, each judged by its own ΔE (that is what it shows).
    expect(byPixels.swatches).toEqual(checkAgainstPalette(swatches, kit).swatches);
  });

  it('judges pixels just inside and just outside the tolerance on their own sides through noise', () => {
    const image = stripes([60, 60], 60, [COLOURS[2], COLOURS[5]]);
    addNoise(image, 7, 0.4, 1); // ±1 per channel: each pixel keeps to its side of 3 only if judged alone
    const judged = judgePixels(image, [hexToLab(BRAND)], 3);
    let expectedOn = 0;
    for (let p = 0; p < 120 * 60; p++) {
      const [r, g, b] = [image.data[p * 4], image.data[p * 4 + 1], image.data[p * 4 + 2]];
      const on = deltaE2000(hexToLab(rgbToHex(r, g, b)), hexToLab(BRAND)) <= 3;
      expect(judged.marks[p]).toBe(on ? PIXEL_ON : PIXEL_OFF);
      if (on) expectedOn++;
    }
    expect(judged.onShare).toBe(expectedOn / (120 * 60));
  });

  it('leaves out pixels too transparent to count, as the palette does, and says when nothing counts', () => {
    const image = stripes([10, 10], 10, [BRAND, COLOURS[5]]);
    fillRect(image, 10, 0, 20, 10, COLOURS[5], 100); // the off-palette band is mostly see-through
    const judged = judgePixels(image, [hexToLab(BRAND)], 3);
    expect(judged.counted).toBe(100);
    expect(judged.onShare).toBe(1);
    expect(judged.marks[15]).toBe(PIXEL_IGNORED);

    const clear = stripes([10], 10, [BRAND]);
    fillRect(clear, 0, 0, 10, 10, BRAND, 0);
    expect(judgePixels(clear, [hexToLab(BRAND)], 3)).toMatchObject({ counted: 0, onShare: 0 });
    expect(checkAgainstPalette([], kit, clear).verdict).toBe('warn');
  });

  it('gives the verdict from the pixels: an exact-brand poster with a near-miss accent passes', () => {
    // 75 % brand colour, 25 % just outside: clustering may fold the accent in; the pixels say 75 %.
    const image = stripes([90, 30], 40, [BRAND, COLOURS[3]]);
    const check = checkAgainstPalette(extractPalette(image), kit, image);
    expect(check.onPaletteShare).toBe(0.75);
    expect(check.verdict).toBe('pass');
  });
});
