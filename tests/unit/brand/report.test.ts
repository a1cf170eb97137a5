import { describe, expect, it } from 'vitest';
import { assignPixels, highlightOverlay, markedShare, UNASSIGNED } from '../../../utils/brand/highlight';
import { imageLabel, logDetails, type PaletteReport } from '../../../utils/brand/report';
import { checkAgainstPalette, extractPalette } from '../../../utils/color';
import type { BrandKit } from '../../../utils/schemas/brand-kit';
import { addNoise, blankImage, fillRect } from '../color/synthetic-images';

const kit: BrandKit = {
  name: 'Dalil Coffee Co.',
  colors: [
    { name: 'Roast Brown', hex: '#5B3A29' },
    { name: 'Cream', hex: '#F6EFE4' },
  ],
  deltaETolerance: 3,
  minOnPaletteShare: 0.7,
  copyRules: { bannedPhrases: [], requiredHashtags: [], maxLength: {} },
};

/** 100 × 60: brown left half, cream top-right quarter, off-brand blue bottom-right quarter (25%). */
function creative() {
  const image = blankImage(100, 60);
  fillRect(image, 0, 0, 50, 60, '#5b3a29');
  fillRect(image, 50, 0, 100, 30, '#f6efe4');
  fillRect(image, 50, 30, 100, 60, '#1e6fd9');
  return image;
}

describe('the off-palette highlight', () => {
  it('marks exactly the pixels whose nearest swatch is off palette', () => {
    const image = creative();
    const swatches = extractPalette(image);
    const check = checkAgainstPalette(swatches, kit);
    expect(check.verdict).toBe('pass');
    const assignment = assignPixels(image, swatches);
    const off = (i: number) => !check.swatches[i].onPalette;
    expect(markedShare(assignment, off)).toBeCloseTo(0.25, 5);
    const overlay = highlightOverlay(assignment, image.width, image.height, off);
    const alphaAt = (x: number, y: number) => overlay[(y * image.width + x) * 4 + 3];
    // Inside the blue quarter: hatched; elsewhere: clear.
    expect(alphaAt(75, 45)).toBeGreaterThan(0);
    expect(alphaAt(25, 45)).toBe(0);
    expect(alphaAt(75, 15)).toBe(0);
    // The region's edge is solid.
    expect(alphaAt(50, 45)).toBe(255);
    expect(alphaAt(75, 30)).toBe(255);
  });

  it('still finds the region through noise, and shows one swatch’s pixels on request', () => {
    const image = creative();
    addNoise(image, 7, 6, 12);
    const swatches = extractPalette(image);
    const assignment = assignPixels(image, swatches);
    const blue = swatches.findIndex((s) => s.hex.startsWith('#1') || s.hex.startsWith('#2'));
    expect(blue).toBeGreaterThanOrEqual(0);
    expect(markedShare(assignment, (i) => i === blue)).toBeCloseTo(0.25, 2);
  });

  it('leaves transparent pixels out, and assigns nothing without swatches', () => {
    const image = creative();
    fillRect(image, 0, 0, 10, 10, '#000000', 0);
    const assignment = assignPixels(image, extractPalette(image));
    expect(assignment[0]).toBe(UNASSIGNED);
    expect(assignPixels(image, []).every((v) => v === UNASSIGNED)).toBe(true);
    expect(markedShare(new Uint8Array([UNASSIGNED]), () => true)).toBe(0);
  });
});

describe('report records', () => {
  it('names images without carrying their bytes', () => {
    expect(imageLabel('data:image/png;base64,iVBORw0KGgo=')).toBe('data:image/png;base64…');
    expect(imageLabel('https://cdn.example.com/a.png')).toBe('https://cdn.example.com/a.png');
    expect(imageLabel(`https://x.com/${'a'.repeat(400)}`)).toHaveLength(300);
  });

  it('logs flat values: verdict, share, where the pixels came from', () => {
    const swatches = extractPalette(creative());
    const report: PaletteReport = {
      id: 'r1',
      at: '2026-11-27T10:00:00.000Z',
      origin: 'context-menu',
      via: 'capture',
      label: 'https://cdn.example.com/a.png',
      swatches,
      check: checkAgainstPalette(swatches, kit),
    };
    expect(logDetails(report)).toEqual({
      origin: 'context-menu',
      via: 'capture',
      image: 'https://cdn.example.com/a.png',
      verdict: 'pass',
      onPaletteShare: 0.75,
      swatches: 3,
      error: null,
    });
    expect(logDetails({ ...report, check: undefined, swatches: [], error: 'no' })).toMatchObject({
      verdict: 'error',
      onPaletteShare: null,
    });
  });
});
