/**
 * CIEDE2000 for 1,000,000 pairs of Lab colours, already converted: Dalil's deltaE2000 against
 * culori's differenceCiede2000(), called as culori means it to be — one difference function made
 * once, given lab65 objects ({ mode: 'lab65', l, a, b }), which its lab65 converter passes through.
 * The brand check runs it per swatch × brand colour (8 × 12 per image); a million pairs makes it measurable.
 */
import { differenceCiede2000 } from 'culori';
import { seededRandom } from '../tests/seeded-random';
import { deltaE2000, type Lab } from '../utils/color';
import type { Benchmark } from './run';

const PAIRS = 1_000_000;
// A pool of colours and a million random pairs of indexes into it: the same pairs for both sides,
// without two million objects per side.
const POOL = 4096;

const random = seededRandom(2000);
const ours: Lab[] = [];
const theirs: { mode: 'lab65'; l: number; a: number; b: number }[] = [];
for (let i = 0; i < POOL; i++) {
  const lab = { L: random() * 100, a: random() * 200 - 100, b: random() * 200 - 100 };
  ours.push(lab);
  theirs.push({ mode: 'lab65', l: lab.L, a: lab.a, b: lab.b });
}
const first = new Uint16Array(PAIRS);
const second = new Uint16Array(PAIRS);
for (let i = 0; i < PAIRS; i++) {
  first[i] = Math.floor(random() * POOL);
  second[i] = Math.floor(random() * POOL);
}

const culori = differenceCiede2000();
let oursSum = 0;
let peerSum = 0;

export const benchmark: Benchmark = {
  name: 'ΔE2000 ×1,000,000 pairs',
  unit: 'ms per million pairs',
  ours: {
    label: 'deltaE2000 (Dalil)',
    run: () => {
      let sum = 0;
      for (let i = 0; i < PAIRS; i++) sum += deltaE2000(ours[first[i]], ours[second[i]]);
      oursSum = sum;
    },
  },
  peer: {
    label: 'culori differenceCiede2000',
    run: () => {
      let sum = 0;
      for (let i = 0; i < PAIRS; i++) sum += culori(theirs[first[i]], theirs[second[i]]);
      peerSum = sum;
    },
  },
  bundle: {
    ours: "export { deltaE2000 } from './utils/color/delta-e';",
    // culori's tree-shakeable entry, with the one colour space the difference needs registered.
    peer: [
      "import { differenceCiede2000, modeLab65, useMode } from './node_modules/culori/src/index-fn.js';",
      'useMode(modeLab65);',
      'export const difference = differenceCiede2000();',
    ].join('\n'),
  },
  extraRows: () => [
    {
      label: 'mean ΔE of the same pairs (must agree)',
      ours: (oursSum / PAIRS).toFixed(9),
      peer: (peerSum / PAIRS).toFixed(9),
      note: Math.abs(oursSum - peerSum) / peerSum < 1e-9 ? 'agree' : 'DIFFER',
    },
  ],
};
