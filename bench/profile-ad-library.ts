/**
 * Where the ad-library content script's time at load goes, per library, averaged over runs: Chrome's sampling
 * profiler from navigation until the page has settled, split as `bench/browser-budgets.ts` splits it (inside idle
 * callbacks or not, from a trace of the same run), then by task (the outermost frame of ours: the bundle's
 * evaluation, an observer's callback, a frame, a promise) and by function (self time). Build with
 * DALIL_UNMINIFIED=1 for function names. Then, while cards stream in and while scrolling through them, what ran in
 * the frame's span (16.7 ms) that held the most of ours, per run.
 * Usage: RUNS=5 npx tsx bench/profile-ad-library.ts [meta,tiktok,google,linkedin]
 * LOAD_ONLY=1 skips streaming and scrolling; INSIDE=1 splits the time inside idle callbacks instead; EXTENSION_DIR=<a built extension> profiles that build instead.
 */
import type { CDPSession } from 'playwright-core';
import { launchWithExtension } from '../tests/harness/browser';
import { streamingLibraryPages } from './pages';

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };

const RUNS = Number(process.env.RUNS ?? 5);
/** INSIDE=1: split the time inside idle callbacks by task and function (else the time outside them). */
const INSIDE = Boolean(process.env.INSIDE);
const ours = (n: ProfileNode | undefined) => n?.callFrame.url.includes('/content-scripts/') ?? false;
const keyOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}:${n.callFrame.lineNumber + 1}`;

async function idleSpans(cdp: CDPSession): Promise<Array<[number, number]>> {
  const events: Array<{ name: string; ts: number; dur?: number }> = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as typeof events)));
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.end');
  await complete;
  return events.filter((e) => e.name === 'FireIdleCallback').map((e) => [e.ts, e.ts + (e.dur ?? 0)]);
}

const SCROLL_THROUGH = `new Promise((done) => { let frames = 0; const step = () => { frames++; const before = scrollY; scrollBy(0, innerHeight / 4); if (scrollY !== before && frames < 400) requestAnimationFrame(step); else setTimeout(() => done(frames), 500); }; requestAnimationFrame(step); })`;

/**
 * The most one sample counts for (µs; CAP_US=…): on a shared machine a sample can stand for 10 ms, the page's
 * thread descheduled (or the sampler's) rather than our code running.
 */
const CAP_US = Number(process.env.CAP_US ?? Number.POSITIVE_INFINITY);

type Profile = { nodes: ProfileNode[]; startTime: number; samples?: number[]; timeDeltas?: number[] };

/** The 16.7 ms span holding the most samples of ours, and what they were (outermost two frames of ours). */
function peakFrame(profile: Profile): { ms: number; parts: string } {
  const byId = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of byId.values()) for (const c of n.children ?? []) parent.set(c, n.id);
  const deltas = profile.timeDeltas ?? [];
  const samples: Array<{ at: number; us: number; id: number }> = [];
  let at = profile.startTime;
  (profile.samples ?? []).forEach((id, i) => {
    at += deltas[i] ?? 0;
    if (ours(byId.get(id))) samples.push({ at, us: Math.min(CAP_US, deltas[i + 1] ?? deltas[i] ?? 0), id });
  });
  let best = [0, 0, 0];
  let sum = 0;
  let from = 0;
  for (let to = 0; to < samples.length; to++) {
    sum += samples[to].us;
    while (samples[to].at - samples[from].at >= 16_667) sum -= samples[from++].us;
    if (sum > best[0]) best = [sum, from, to];
  }
  const parts = new Map<string, number>();
  for (const s of samples.slice(best[1], best[2] + 1)) {
    const chain: ProfileNode[] = [];
    for (let up: number | undefined = s.id; up !== undefined; up = parent.get(up)) {
      const n = byId.get(up);
      if (ours(n)) chain.unshift(n as ProfileNode);
    }
    const key = `${chain.slice(0, 2).map(keyOf).join(' > ')} … ${keyOf(chain[chain.length - 1])}`;
    add(parts, key, s.us);
  }
  const list = [...parts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, us]) => `${(us / 1000).toFixed(2)} ${k}`)
    .join('; ');
  return { ms: best[0] / 1000, parts: list };
}

const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, us]) => `  ${(us / 1000 / RUNS).toFixed(2).padStart(6)} ms  ${key}`);

async function profileLibrary(url: string, body: string) {
  const byTask = new Map<string, number>();
  const bySelf = new Map<string, number>();
  let outside = 0;
  let inside = 0;
  const outsideRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const ext = await launchWithExtension({
      viewport: { width: 1280, height: 800 },
      extensionDir: process.env.EXTENSION_DIR || undefined,
    });
    await ext.context.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
    await cdp.send('Profiler.start');
    await page.goto(url);
    await page.waitForTimeout(1500);
    const { profile } = await cdp.send('Profiler.stop');
    const idle = await idleSpans(cdp);
    const phases = [
      ['streaming', 'window.grow()'],
      ['scrolling', SCROLL_THROUGH],
    ];
    for (const [phase, script] of process.env.LOAD_ONLY ? [] : phases) {
      await cdp.send('Profiler.start');
      await page.evaluate(script);
      const peak = peakFrame((await cdp.send('Profiler.stop')).profile as Profile);
      console.log(`  run ${run + 1} ${phase}: most in one frame ${peak.ms.toFixed(2)} ms: ${peak.parts}`);
    }
    await ext.close();
    const byId = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n as ProfileNode]));
    const parent = new Map<number, number>();
    for (const n of byId.values()) for (const c of n.children ?? []) parent.set(c, n.id);
    const deltas = profile.timeDeltas ?? [];
    let at = profile.startTime;
    const outsideBefore = outside;
    (profile.samples ?? []).forEach((id, i) => {
      at += deltas[i] ?? 0;
      const us = deltas[i + 1] ?? deltas[i] ?? 0;
      const node = byId.get(id);
      if (!node || !ours(node)) return;
      const inIdle = idle.some(([from, to]) => at >= from && at <= to);
      if (inIdle) inside += us;
      else outside += us;
      if (inIdle !== INSIDE) return;
      // The task: the outermost frame of ours, and the one below it (what it called).
      const chain: ProfileNode[] = [];
      for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
        const n = byId.get(up);
        if (ours(n)) chain.unshift(n as ProfileNode);
      }
      add(
        byTask,
        chain
          .slice(0, Number(process.env.DEPTH ?? 3))
          .map(keyOf)
          .join(' > '),
        us,
      );
      add(bySelf, keyOf(node), us);
    });
    outsideRuns.push((outside - outsideBefore) / 1000);
  }
  console.log(
    `  outside idle callbacks ${(outside / 1000 / RUNS).toFixed(2)} ms, inside ${(inside / 1000 / RUNS).toFixed(2)} ms (mean of ${RUNS}); outside, each run: ${outsideRuns
      .sort((a, b) => a - b)
      .map((ms) => ms.toFixed(1))
      .join(', ')}`,
  );
  console.log(` ${INSIDE ? 'inside' : 'outside'} idle callbacks, by task (outermost three frames of ours):`);
  for (const line of top(byTask, 14)) console.log(line);
  console.log(' by function (self):');
  for (const line of top(bySelf, Number(process.env.TOP ?? 14))) console.log(line);
}

async function main() {
  const only = process.argv[2]?.split(',');
  for (const { library, url, body } of streamingLibraryPages().filter((p) => !only || only.includes(p.library))) {
    console.log(`\n${library}:`);
    await profileLibrary(url, body);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
