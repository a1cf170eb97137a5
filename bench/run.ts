/**
 * `npm run bench`: runs every bench/*.bench.ts. Each measures Dalil's code and a peer library on
 * the same input in the same process and prints both and their ratio. Speed is measured here,
 * never asserted in tests. On a shared 2-core machine the numbers mean something as ratios only.
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { Bench } from 'tinybench';

export interface Side {
  label: string;
  run: () => void | Promise<void>;
}

/** A further row under a benchmark's timing row: accuracy, say, or another peer the benchmark measures itself. */
export interface ExtraRow {
  label: string;
  ours: string;
  peer: string;
  /** For the peer column when it is not the benchmark's peer. */
  peerLabel?: string;
  /** For the last column (a ratio, a unit); empty when absent. */
  note?: string;
}

export interface Benchmark {
  name: string;
  unit: string;
  ours: Side;
  peer: Side;
  /** Entry-module source for each side ('./' = project root), bundled to compare what each adds to a bundle. */
  bundle?: { ours: string; peer: string };
  /** Rows printed after the timing row, computed once after it is measured. */
  extraRows?: () => ExtraRow[] | Promise<ExtraRow[]>;
}

const ROOT = resolve(import.meta.dirname, '..');
const ROUNDS = 6;

/** Minified size of what `source` pulls in, bundled by Rolldown: the bundler Vite 8 (and so WXT) uses. */
async function bundleSize(source: string): Promise<{ raw: number; gzip: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'dalil-bench-'));
  try {
    const entry = join(dir, 'entry.ts');
    await writeFile(entry, source.replaceAll("'./", `'${ROOT}/`));
    const bundle = await rolldown({ input: entry, platform: 'browser', logLevel: 'silent' });
    const { output } = await bundle.generate({ format: 'esm', minify: true });
    const code = Buffer.from(output[0].code);
    return { raw: code.length, gzip: gzipSync(code).length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Both sides in alternating rounds (ours first, then the peer first, …) so neither always runs on
 * the warmer engine; each round's mean latency, then the median and range over the rounds.
 */
async function measure(benchmark: Benchmark) {
  const means = { ours: [] as number[], peer: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const);
    for (const side of order) {
      const bench = new Bench({ time: 400, iterations: 5, warmupTime: 100 });
      bench.add(benchmark[side].label, benchmark[side].run);
      await bench.run();
      const result = bench.tasks[0].result as { latency?: { mean: number }; error?: unknown } | undefined;
      if (!result?.latency)
        throw new Error(`${benchmark.name}: ${benchmark[side].label} did not run: ${String(result?.error ?? 'no result')}`);
      means[side].push(result.latency.mean);
    }
  }
  const stats = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
  return { ours: stats(means.ours), peer: stats(means.peer) };
}

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));
const range = (s: { median: number; min: number; max: number }) => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;

async function main() {
  const only = process.argv[2];
  const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)));
  const rows: string[][] = [['benchmark', 'ours', 'peer', 'ours: median (range)', 'peer: median (range)', 'peer / ours']];
  for (const file of files) {
    const { benchmark } = (await import(resolve(import.meta.dirname, file))) as { benchmark: Benchmark };
    const { ours, peer } = await measure(benchmark);
    rows.push([
      `${benchmark.name} (${benchmark.unit})`,
      benchmark.ours.label,
      benchmark.peer.label,
      range(ours),
      range(peer),
      `${(peer.median / ours.median).toFixed(2)}×`,
    ]);
    for (const extra of (await benchmark.extraRows?.()) ?? []) {
      const peerLabel = extra.peerLabel ?? benchmark.peer.label;
      rows.push([`${benchmark.name}: ${extra.label}`, benchmark.ours.label, peerLabel, extra.ours, extra.peer, extra.note ?? '']);
    }
    if (benchmark.bundle) {
      const [a, b] = await Promise.all([bundleSize(benchmark.bundle.ours), bundleSize(benchmark.bundle.peer)]);
      rows.push([
        `${benchmark.name}: bundle (min / gzip)`,
        benchmark.ours.label,
        benchmark.peer.label,
        `${kB(a.raw)} / ${kB(a.gzip)}`,
        `${kB(b.raw)} / ${kB(b.gzip)}`,
        `${(b.gzip / a.gzip).toFixed(2)}× (gzip)`,
      ]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${line(rows[0])}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
  console.log(`\n${ROUNDS} alternating rounds per side. "peer / ours" above 1: Dalil is faster (or smaller) by that factor.`);
}

// Exit once the table is out: a benchmark's browser or database left open must not keep `npm run bench` waiting.
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
