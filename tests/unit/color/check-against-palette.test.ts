import { describe, expect, it } from 'vitest';
import { checkAgainstPalette, deltaE2000, hexToLab, WARN_BAND } from '../../../utils/color';
import type { BrandKit } from '../../../utils/schemas/brand-kit';

const kit = (overrides: Partial<BrandKit> = {}): BrandKit => ({
  name: 'Dalil',
  colors: [
    { name: 'Red', hex: '#D62828', role: 'primary' },
    { name: 'Navy', hex: '#003049', role: 'secondary' },
    { name: 'Cream', hex: '#eae2b7', role: 'background' },
  ],
  deltaETolerance: 3,
  minOnPaletteShare: 0.8,
  copyRules: { bannedPhrases: [], requiredHashtags: [], maxLength: {} },
  ...overrides,
});

describe('checkAgainstPalette', () => {
  it('matches each swatch to its nearest brand colour by ΔE2000', () => {
    const result = checkAgainstPalette(
      [
        { hex: '#d62828', share: 0.5 },
        { hex: '#023049', share: 0.3 },
        { hex: '#2a9d8f', share: 0.2 },
      ],
      kit(),
    );
    expect(result.swatches.map((s) => [s.nearest.name, s.nearest.hex, s.onPalette])).toEqual([
      ['Red', '#d62828', true],
      ['Navy', '#003049', true],
      ['Cream', '#eae2b7', false],
    ]);
    expect(result.swatches[0].deltaE).toBe(0);
    expect(result.swatches[1].deltaE).toBeCloseTo(deltaE2000(hexToLab('#023049'), hexToLab('#003049')), 12);
    expect(result.swatches[2].deltaE).toBeGreaterThan(20);
    expect(result.onPaletteShare).toBeCloseTo(0.8, 12);
    expect(result.verdict).toBe('pass');
  });

  it('counts a swatch on palette at exactly the tolerance, and off it just above', () => {
    const distance = deltaE2000(hexToLab('#e03a30'), hexToLab('#d62828'));
    expect(distance).toBeGreaterThan(3);
    const swatches = [{ hex: '#e03a30', share: 1 }];
    expect(checkAgainstPalette(swatches, kit({ deltaETolerance: distance })).swatches[0].onPalette).toBe(true);
    expect(checkAgainstPalette(swatches, kit({ deltaETolerance: distance - 1e-9 })).swatches[0].onPalette).toBe(false);
  });

  it('passes at exactly the minimum share, even when the shares add up to 0.7999…', () => {
    expect(0.7 + 0.1).toBeLessThan(0.8);
    const result = checkAgainstPalette(
      [
        { hex: '#d62828', share: 0.7 },
        { hex: '#003049', share: 0.1 },
        { hex: '#2a9d8f', share: 0.2 },
      ],
      kit(),
    );
    expect(result.verdict).toBe('pass');
  });

  it.each([
    [0.81, 'pass'],
    [0.8, 'pass'],
    [0.79, 'warn'],
    [0.61, 'warn'],
    [0.6, 'warn'],
    [0.59, 'fail'],
    [0, 'fail'],
  ] as const)('with a minimum of 0.8: %f on palette is %s', (on, verdict) => {
    const swatches = [
      { hex: '#eae2b7', share: on },
      { hex: '#2a9d8f', share: 1 - on },
    ].filter((s) => s.share > 0);
    const result = checkAgainstPalette(swatches, kit());
    expect(result.onPaletteShare).toBeCloseTo(on, 12);
    expect(result.verdict).toBe(verdict);
  });

  it('warns within WARN_BAND below the minimum and never fails when the minimum is under it', () => {
    expect(WARN_BAND).toBe(0.2);
    const offPalette = [{ hex: '#2a9d8f', share: 1 }];
    expect(checkAgainstPalette(offPalette, kit({ minOnPaletteShare: 0.15 })).verdict).toBe('warn');
    expect(checkAgainstPalette(offPalette, kit({ minOnPaletteShare: 0 })).verdict).toBe('pass');
  });

  it('takes shares relative to their total, so rounded shares still reach 1', () => {
    const result = checkAgainstPalette(
      [
        { hex: '#d62828', share: 0.333 },
        { hex: '#003049', share: 0.333 },
        { hex: '#eae2b7', share: 0.333 },
      ],
      kit({ minOnPaletteShare: 1 }),
    );
    expect(result.onPaletteShare).toBe(1);
    expect(result.verdict).toBe('pass');
  });

  it('warns when there is nothing to judge (no opaque pixels)', () => {
    expect(checkAgainstPalette([], kit())).toEqual({ verdict: 'warn', onPaletteShare: 0, swatches: [] });
  });
});
