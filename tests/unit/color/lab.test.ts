import { describe, expect, it } from 'vitest';
import { hexToLab, parseHex, rgbToHex, rgbToLab } from '../../../utils/color';

const near = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);

describe('hexToLab (CIELAB, D65)', () => {
  it.each([
    // The values quoted with the IEC sRGB matrix and Xn 0.95047, Zn 1.08883 (Lindbloom's calculator).
    ['#ff0000', 53.2408, 80.0925, 67.2032],
    ['#00ff00', 87.7347, -86.1827, 83.1793],
    ['#0000ff', 32.297, 79.1875, -107.8602],
    ['#808080', 53.585, 0, 0],
  ])('%s → L %f, a %f, b %f', (hex, L, a, b) => {
    const lab = hexToLab(hex);
    near(lab.L, L, 5e-5);
    near(lab.a, a, 5e-5);
    near(lab.b, b, 5e-5);
  });

  it('puts white at L 100 with a and b 0, and black at 0, 0, 0', () => {
    const white = hexToLab('#ffffff');
    near(white.L, 100, 1e-5);
    near(white.a, 0, 1e-4);
    near(white.b, 0, 1e-4);
    expect(hexToLab('#000000')).toEqual({ L: 0, a: 0, b: 0 });
  });

  it('reads #rgb, upper case and a missing #, and refuses anything else', () => {
    expect(hexToLab('#F00')).toEqual(hexToLab('#ff0000'));
    expect(hexToLab('FF0000')).toEqual(hexToLab('#ff0000'));
    expect(() => hexToLab('#ff00')).toThrow(RangeError);
    expect(() => hexToLab('red')).toThrow(/Not a hex colour/);
  });

  it('agrees with rgbToLab for fractional channels', () => {
    expect(rgbToLab(255, 0, 0)).toEqual(hexToLab('#ff0000'));
    const mid = rgbToLab(127.5, 127.5, 127.5);
    expect(mid.L).toBeGreaterThan(hexToLab('#7f7f7f').L);
    expect(mid.L).toBeLessThan(hexToLab('#808080').L);
  });
});

describe('parseHex and rgbToHex', () => {
  it('round-trips and normalises to lowercase #rrggbb', () => {
    expect(parseHex('#D62828')).toEqual([214, 40, 40]);
    expect(parseHex('#abc')).toEqual([170, 187, 204]);
    expect(parseHex('#12345')).toBeNull();
    expect(rgbToHex(214, 40, 40)).toBe('#d62828');
    expect(rgbToHex(0.4, 254.6, 300)).toBe('#00ffff');
    expect(rgbToHex(-5, Number.NaN, 16)).toBe('#000010');
  });
});
