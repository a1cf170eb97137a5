import type { Lab } from './lab';

const POW25_7 = 25 ** 7;
const DEG = Math.PI / 180;
const TWO_PI = 2 * Math.PI;
// The angles in T, as cos/sin pairs: T takes the mean hue's cosine and sine (from the hue vectors) and no trigonometry.
const COS30 = Math.cos(30 * DEG);
const SIN30 = Math.sin(30 * DEG);
const COS6 = Math.cos(6 * DEG);
const SIN6 = Math.sin(6 * DEG);
const COS63 = Math.cos(63 * DEG);
const SIN63 = Math.sin(63 * DEG);
const COS125 = Math.cos(125 * DEG);

/**
 * CIEDE2000 colour difference (kL = kC = kH = 1) as Sharma, Wu & Dalal (2005) specify it, including
 * their rules for the hue difference and mean when a chroma is 0 or the hues are 180° or more apart;
 * matches all 34 pairs of their test data to 1e-4 and culori to 1e-9 (relative).
 *
 * Hues are handled as unit vectors rather than angles, which spares most of the atan2, sin and cos
 * calls (they dominate the cost): one atan2, exp and sin remain, and only for hues that need them.
 */
export function deltaE2000(x: Lab, y: Lab): number {
  const L1 = x.L;
  const a1 = x.a;
  const b1 = x.b;
  const L2 = y.L;
  const a2 = y.a;
  const b2 = y.b;

  const cMean = (Math.sqrt(a1 * a1 + b1 * b1) + Math.sqrt(a2 * a2 + b2 * b2)) / 2;
  const cMean2 = cMean * cMean;
  const cMean7 = cMean2 * cMean2 * cMean2 * cMean;
  const g = 1.5 - 0.5 * Math.sqrt(cMean7 / (cMean7 + POW25_7));
  const ap1 = a1 * g;
  const ap2 = a2 * g;
  const cp1 = Math.sqrt(ap1 * ap1 + b1 * b1);
  const cp2 = Math.sqrt(ap2 * ap2 + b2 * b2);
  const cpProduct = cp1 * cp2;

  // Hue difference and mean hue from the unit hue vectors u = (a′, b)/C′ instead of angles:
  // |ΔH′| = 2√(C′1C′2)·|sin(Δh′/2)| = √(C′1C′2)·|u2 − u1|, signed as u1 × u2, and Sharma's mean hue
  // is the direction of u1 + u2, which bisects the shorter arc.
  let dH = 0;
  let ch: number; // cos and sin of the mean hue
  let sh: number;
  if (cpProduct === 0) {
    // A chroma is 0: no hue difference, and the mean hue is the other one's hue (0 when both are 0).
    const c = cp1 + cp2;
    ch = c === 0 ? 1 : (ap1 + ap2) / c;
    sh = c === 0 ? 0 : (b1 + b2) / c;
  } else {
    const ux1 = ap1 / cp1;
    const uy1 = b1 / cp1;
    const ux2 = ap2 / cp2;
    const uy2 = b2 / cp2;
    const vx = ux1 + ux2;
    const vy = uy1 + uy2;
    const norm = Math.sqrt(vx * vx + vy * vy);
    if (norm > 1e-12) {
      const dx = ux2 - ux1;
      const dy = uy2 - uy1;
      dH = (ux1 * uy2 - uy1 * ux2 < 0 ? -1 : 1) * Math.sqrt(cpProduct * (dx * dx + dy * dy));
      ch = vx / norm;
      sh = vy / norm;
    } else {
      // Opposite hues: the bisector is undefined, so follow Sharma's rules on the angles.
      let h1 = Math.atan2(b1, ap1);
      if (h1 < 0) h1 += TWO_PI;
      let h2 = Math.atan2(b2, ap2);
      if (h2 < 0) h2 += TWO_PI;
      let dh = h2 - h1;
      if (dh > Math.PI) dh -= TWO_PI;
      else if (dh < -Math.PI) dh += TWO_PI;
      dH = 2 * Math.sqrt(cpProduct) * Math.sin(dh / 2);
      let mean = (h1 + h2) / 2;
      if (Math.abs(h1 - h2) > Math.PI) mean += mean < Math.PI ? Math.PI : -Math.PI;
      ch = Math.cos(mean);
      sh = Math.sin(mean);
    }
  }

  const dL = L2 - L1;
  const dC = cp2 - cp1;
  const lMean = (L1 + L2) / 2;
  const cpMean = (cp1 + cp2) / 2;

  const c2 = 2 * ch * ch - 1;
  const s2 = 2 * sh * ch;
  const c3 = ch * (4 * ch * ch - 3);
  const s3 = sh * (3 - 4 * sh * sh);
  const c4 = 2 * c2 * c2 - 1;
  const s4 = 2 * s2 * c2;
  // T = 1 − 0.17 cos(h − 30°) + 0.24 cos 2h + 0.32 cos(3h + 6°) − 0.20 cos(4h − 63°), by multiple-angle identities.
  const t = 1 - 0.17 * (ch * COS30 + sh * SIN30) + 0.24 * c2 + 0.32 * (c3 * COS6 - s3 * SIN6) - 0.2 * (c4 * COS63 + s4 * SIN63);

  // sin 2Δθ, Δθ = 30° exp(−((h − 275°) / 25°)²): it peaks at 275° (blue) and is under 3e-16 for
  // hues below 125°, so atan2, exp and sin are skipped there.
  let rotation = 0;
  if (sh < 0 || ch <= COS125) {
    let hDeg = Math.atan2(sh, ch) / DEG;
    if (hDeg < 0) hDeg += 360;
    const q = (hDeg - 275) / 25;
    rotation = Math.sin(60 * DEG * Math.exp(-q * q));
  }
  const cpMean2 = cpMean * cpMean;
  const cpMean7 = cpMean2 * cpMean2 * cpMean2 * cpMean;
  const rc = 2 * Math.sqrt(cpMean7 / (cpMean7 + POW25_7));
  const l50 = (lMean - 50) * (lMean - 50);
  const sl = 1 + (0.015 * l50) / Math.sqrt(20 + l50);
  const sc = 1 + 0.045 * cpMean;
  const shue = 1 + 0.015 * cpMean * t;
  const rt = -rotation * rc;

  const tl = dL / sl;
  const tc = dC / sc;
  const th = dH / shue;
  return Math.sqrt(tl * tl + tc * tc + th * th + rt * tc * th);
}

/** The item whose colour is closest to `lab` by ΔE2000, with that distance; undefined for an empty list. */
export function nearestByDeltaE<T extends { lab: Lab }>(items: Iterable<T>, lab: Lab): { item: T; deltaE: number } | undefined {
  let best: T | undefined;
  let bestDelta = Number.POSITIVE_INFINITY;
  for (const item of items) {
    const delta = deltaE2000(lab, item.lab);
    if (delta < bestDelta) {
      bestDelta = delta;
      best = item;
    }
  }
  return best ? { item: best, deltaE: bestDelta } : undefined;
}
