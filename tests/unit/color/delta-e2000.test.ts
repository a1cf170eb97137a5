import { differenceCiede2000 } from 'culori';
import { describe, expect, it } from 'vitest';
import { deltaE2000, type Lab } from '../../../utils/color';
import { prng } from './synthetic-images';

/**
 * Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula: implementation notes,
 * supplementary test data, and mathematical observations", Color Res. Appl. 30(1), Table 1: all 34
 * pairs [L1, a1, b1, L2, a2, b2, ΔE00]. Pairs 9–15 sit on the mean-hue branch at 180°, 7–8 and 16
 * on zero chroma, 21–24 are unit differences, 25–34 come from real data sets.
 */
const SHARMA_2005: [number, number, number, number, number, number, number][] = [
  [50.0, 2.6772, -79.7751, 50.0, 0.0, -82.7485, 2.0425],
  [50.0, 3.1571, -77.2803, 50.0, 0.0, -82.7485, 2.8615],
  [50.0, 2.8361, -74.02, 50.0, 0.0, -82.7485, 3.4412],
  [50.0, -1.3802, -84.2814, 50.0, 0.0, -82.7485, 1.0],
  [50.0, -1.1848, -84.8006, 50.0, 0.0, -82.7485, 1.0],
  [50.0, -0.9009, -85.5211, 50.0, 0.0, -82.7485, 1.0],
  [50.0, 0.0, 0.0, 50.0, -1.0, 2.0, 2.3669],
  [50.0, -1.0, 2.0, 50.0, 0.0, 0.0, 2.3669],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0009, 7.1792],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.001, 7.1792],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0011, 7.2195],
  [50.0, 2.49, -0.001, 50.0, -2.49, 0.0012, 7.2195],
  [50.0, -0.001, 2.49, 50.0, 0.0009, -2.49, 4.8045],
  [50.0, -0.001, 2.49, 50.0, 0.001, -2.49, 4.8045],
  [50.0, -0.001, 2.49, 50.0, 0.0011, -2.49, 4.7461],
  [50.0, 2.5, 0.0, 50.0, 0.0, -2.5, 4.3065],
  [50.0, 2.5, 0.0, 73.0, 25.0, -18.0, 27.1492],
  [50.0, 2.5, 0.0, 61.0, -5.0, 29.0, 22.8977],
  [50.0, 2.5, 0.0, 56.0, -27.0, -3.0, 31.903],
  [50.0, 2.5, 0.0, 58.0, 24.0, 15.0, 19.4535],
  [50.0, 2.5, 0.0, 50.0, 3.1736, 0.5854, 1.0],
  [50.0, 2.5, 0.0, 50.0, 3.2972, 0.0, 1.0],
  [50.0, 2.5, 0.0, 50.0, 1.8634, 0.5757, 1.0],
  [50.0, 2.5, 0.0, 50.0, 3.2592, 0.335, 1.0],
  [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
  [63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.263],
  [61.2901, 3.7196, -5.3901, 61.4292, 2.248, -4.962, 1.8731],
  [35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645],
  [22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619, 2.0373],
  [36.4612, 47.858, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146],
  [90.8027, -2.0831, 1.441, 91.1528, -1.6435, 0.0447, 1.4441],
  [90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381],
  [6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377],
  [2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082],
];

describe('deltaE2000', () => {
  it('has all 34 pairs of the published table', () => {
    expect(SHARMA_2005).toHaveLength(34);
  });

  it.each(SHARMA_2005.map((row, i) => [i + 1, ...row]))(
    'matches Sharma et al. pair %i: (%f, %f, %f) vs (%f, %f, %f) = %f',
    (_pair, L1, a1, b1, L2, a2, b2, expected) => {
      const x = { L: L1, a: a1, b: b1 };
      const y = { L: L2, a: a2, b: b2 };
      // The table rounds to 4 decimals: 5e-5 is the most a correct value can be off.
      expect(Math.abs(deltaE2000(x, y) - expected)).toBeLessThanOrEqual(5e-5);
      expect(Math.abs(deltaE2000(y, x) - expected)).toBeLessThanOrEqual(5e-5);
    },
  );

  it('is 0 for identical colours, including black and pure greys', () => {
    for (const lab of [
      { L: 0, a: 0, b: 0 },
      { L: 50, a: 0, b: 0 },
      { L: 42.3, a: -12.9, b: 55.1 },
    ]) {
      expect(deltaE2000(lab, lab)).toBe(0);
    }
  });

  it('agrees with culori on 5,000 random pairs (same formula, independent code)', () => {
    const culori = differenceCiede2000();
    const random = prng(2005);
    let worst = 0;
    for (let i = 0; i < 5000; i++) {
      const x: Lab = { L: random() * 100, a: random() * 256 - 128, b: random() * 256 - 128 };
      // Every fourth pair close together, where the hue terms matter most.
      const y: Lab =
        i % 4 === 0
          ? { L: x.L + random() * 4 - 2, a: x.a + random() * 4 - 2, b: x.b + random() * 4 - 2 }
          : { L: random() * 100, a: random() * 256 - 128, b: random() * 256 - 128 };
      const ours = deltaE2000(x, y);
      const theirs = culori({ mode: 'lab65', l: x.L, a: x.a, b: x.b }, { mode: 'lab65', l: y.L, a: y.a, b: y.b });
      worst = Math.max(worst, Math.abs(ours - theirs) / theirs);
    }
    expect(worst).toBeLessThan(1e-9);
  });
});
