/**
 * sRGB → CIELAB (D65). The sRGB → XYZ matrix is the IEC 61966-2-1 one at seven decimals (as
 * published by Bruce Lindbloom) and the reference white is Xn 0.95047, Yn 1, Zn 1.08883 — the
 * matrix's row sums to within 1e-7 — so #ffffff comes out at L 100, a and b within 2e-5 of 0, and
 * #ff0000 at the widely quoted L 53.2408, a 80.0925, b 67.2032. (culori's lab65 derives its matrix
 * and white from the chromaticities, 0.95046 / 1.08906: its values differ from ours by up to 0.01.)
 */

export interface Lab {
  L: number;
  a: number;
  b: number;
}

const XN = 0.95047;
const ZN = 1.08883;
// CIE's exact ε and κ (not the rounded 0.008856 / 903.3), so the two branches of f() meet.
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

const linearOf = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);

/** sRGB channel value 0–255 → linear light 0–1, for integer values. */
export const SRGB_TO_LINEAR: Float64Array = (() => {
  const lut = new Float64Array(256);
  for (let i = 0; i < 256; i++) lut[i] = linearOf(i / 255);
  return lut;
})();

/** CIELAB's f(t): a cube root, linear near black. */
const fLab = (t: number) => (t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116);

/** Linear-light sRGB (0–1) → Lab. */
function linearRgbToLab(r: number, g: number, b: number): Lab {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / XN;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / ZN;
  const fy = fLab(y);
  return { L: 116 * fy - 16, a: 500 * (fLab(x) - fy), b: 200 * (fy - fLab(z)) };
}

/** sRGB channels 0–255 (fractions allowed, e.g. a mean of pixels) → Lab. */
export function rgbToLab(r: number, g: number, b: number): Lab {
  return linearRgbToLab(linearOf(r / 255), linearOf(g / 255), linearOf(b / 255));
}

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#rgb` or `#rrggbb` (the `#` optional, any case) → [r, g, b] 0–255, or null when it is not one. */
export function parseHex(hex: string): [number, number, number] | null {
  const m = HEX.exec(hex.trim());
  if (!m) return null;
  let digits = m[1];
  if (digits.length === 3) digits = digits[0] + digits[0] + digits[1] + digits[1] + digits[2] + digits[2];
  const n = Number.parseInt(digits, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Channels 0–255 (rounded and clamped) → lowercase `#rrggbb`. */
export function rgbToHex(r: number, g: number, b: number): string {
  const byte = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v) || 0);
  return `#${((1 << 24) | (byte(r) << 16) | (byte(g) << 8) | byte(b)).toString(16).slice(1)}`;
}

/** CIELAB (D65) of a `#rrggbb` or `#rgb` colour. Throws a RangeError for anything else. */
export function hexToLab(hex: string): Lab {
  const rgb = parseHex(hex);
  if (!rgb) throw new RangeError(`Not a hex colour: "${hex}"`);
  return linearRgbToLab(SRGB_TO_LINEAR[rgb[0]], SRGB_TO_LINEAR[rgb[1]], SRGB_TO_LINEAR[rgb[2]]);
}
