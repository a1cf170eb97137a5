/**
 * Where the Swipe tab's time goes at N saved ads (default 10,000): opening it, then a filter, a sort and a search,
 * each with a timeline of the panel's messages to the background (sent, answered, reply size), the background's
 * IndexedDB requests (issued, answered), the panel's long tasks and its top functions by self time (Chrome's
 * sampling profiler; build with DALIL_UNMINIFIED=1 for names). The seeded profile is kept in
 * /tmp/dalil-swipe-profile-N and copied for each run. Usage: N=10000 npx tsx bench/profile-swipe.ts
 */
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { launchWithExtension, panelMessage } from '../tests/harness/browser';
import { OPEN_SWIPE, SEED_ADS, TIME_CHANGE } from './swipe-budgets';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };

/** In the panel before its scripts: every runtime message timed, with its reply's size. */
const WATCH_MESSAGES = `(() => {
  window.__messages = [];
  const at = () => performance.timeOrigin + performance.now();
  const send = chrome.runtime.sendMessage.bind(chrome.runtime);
  chrome.runtime.sendMessage = (message, ...rest) => {
    const entry = { type: message?.type, sent: at() };
    window.__messages.push(entry);
    const answer = send(message, ...rest);
    if (answer && answer.then) answer.then((reply) => { entry.answered = at(); entry.bytes = JSON.stringify(reply ?? null).length; }, () => { entry.answered = at(); });
    return answer;
  };
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ at: performance.timeOrigin + e.startTime, ms: e.duration }); }).observe({ type: 'longtask', buffered: true });
})()`;

/** In the worker: every IndexedDB request timed from issue to success. */
const WATCH_IDB = `(() => {
  globalThis.__idb = [];
  const at = () => performance.timeOrigin + performance.now();
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
    if (mode === 'readwrite') globalThis.__idb.push({ op: 'readwrite', of: [].concat(stores).join('+'), issued: at(), done: at() });
    return transaction.call(this, stores, mode, ...rest);
  };
  // After Dalil's own listener (added first): when a message reached the worker.
  chrome.runtime.onMessage.addListener((message) => { globalThis.__idb.push({ op: 'message', of: message?.type, issued: at(), done: at() }); });
  for (const [proto, kind] of [[IDBObjectStore.prototype, 'store'], [IDBIndex.prototype, 'index'], [IDBCursor.prototype, 'cursor']]) {
    for (const name of ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor', 'put', 'delete', 'clear', 'getKey']) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      proto[name] = function (...args) {
        const request = original.apply(this, args);
        const entry = { op: kind + '.' + name, of: this.name, issued: at() };
        globalThis.__idb.push(entry);
        request.addEventListener('success', () => { entry.done ??= at(); }, { once: true });
        return request;
      };
    }
  }
})()`;

async function topFunctions(cdp: CDPSession, label: string) {
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: Node[]; samples?: number[]; timeDeltas?: number[] };
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const node = byId.get(id);
    const us = profile.timeDeltas?.[i + 1] ?? 0;
    if (!node || ['(idle)', '(program)'].includes(node.callFrame.functionName)) return;
    total += us;
    const key = `${node.callFrame.functionName || '(anonymous)'}:${node.callFrame.lineNumber + 1} ${node.callFrame.url.split('/').pop()}`;
    self.set(key, (self.get(key) ?? 0) + us);
  });
  console.log(`  ${label}: ${(total / 1000).toFixed(1)} ms busy in the panel; top self time:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`    ${(us / 1000).toFixed(1).padStart(6)} ms  ${key}`);
}

async function main() {
  const n = Number(process.env.N ?? 10_000);
  const seeded = join(tmpdir(), `dalil-swipe-profile-${n}`);
  if (!existsSync(seeded)) {
    const dir = `${seeded}.partial`;
    const ext = await launchWithExtension({ userDataDir: dir });
    const setup = await ext.openSidePanel({ locale: 'en' });
    await panelMessage(setup, 'panel.listFollowed', { offset: 0, limit: 1 });
    await setup.evaluate(`${SEED_ADS}(${n})`);
    await setup.close();
    await ext.stopServiceWorker();
    const warm = await ext.openSidePanel();
    await panelMessage(warm, 'panel.queryAds', {
      filter: { ...(await import('../utils/swipe-file/swipe-filter')).EMPTY_FILTER },
      offset: 0,
      limit: 1,
    });
    await warm.waitForTimeout(8000);
    await ext.context.close();
    renameSync(dir, seeded);
  }
  const copy = mkdtempSync(join(tmpdir(), 'dalil-swipe-run-'));
  cpSync(seeded, copy, { recursive: true });
  // The profile keeps the worker's script it was seeded with: dropped, so this build's worker runs.
  for (const stale of ['Service Worker', 'Code Cache']) rmSync(join(copy, 'Default', stale), { recursive: true, force: true });
  const ext = await launchWithExtension({ userDataDir: copy });
  await ext.stopServiceWorker();
  const wake = await ext.openSidePanel();
  await panelMessage(wake, 'panel.listFollowed', { offset: 0, limit: 1 });
  const worker = ext.context.serviceWorkers()[0];
  await worker.evaluate(WATCH_IDB);
  await wake.waitForTimeout(n >= 10_000 ? 6000 : 1500);
  await wake.close();
  if (process.env.WAKE_LOG)
    console.log(JSON.stringify(await worker.evaluate('globalThis.__idb.filter((e) => e.op !== "cursor.continue")')));
  await worker.evaluate('globalThis.__idb = []');
  const page = await ext.context.newPage();
  await page.addInitScript(WATCH_MESSAGES);
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const navigated = Date.now();
  await page.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
  const opened = (await page.evaluate(`${OPEN_SWIPE}(90000)`)) as { first?: number; media?: number; longest: number };
  const origin = (await page.evaluate('performance.timeOrigin')) as number;
  console.log(
    `\nN=${n}: first card ${opened.first?.toFixed(0)} ms, all media ${opened.media?.toFixed(0)} ms, longest task ${opened.longest.toFixed(0)} ms (navigation ${origin - navigated} ms after goto)`,
  );
  await timeline(page, worker, origin, 'open');
  await topFunctions(cdp, 'open');
  for (const [label, selector, value] of [
    ['filter', 'select[aria-label="All libraries"]', 'tiktok'],
    ['sort', 'select[aria-label="Sort"]', 'days'],
    ['search', 'input[type="search"]', 'قهوه'],
  ] as const) {
    await page.evaluate('window.__messages = []; window.__longTasks = []');
    await worker.evaluate('globalThis.__idb = []');
    await cdp.send('Profiler.start');
    const start = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const ms = (await page.evaluate(`${TIME_CHANGE}(${JSON.stringify([selector, value])})`)) as number;
    console.log(`\n${label}: new cards painted after ${ms.toFixed(0)} ms`);
    await timeline(page, worker, start, label);
    await topFunctions(cdp, label);
  }
  await ext.close();
}

async function timeline(
  page: import('playwright-core').Page,
  worker: import('playwright-core').Worker,
  origin: number,
  label: string,
) {
  const messages = (await page.evaluate('window.__messages')) as Array<{
    type: string;
    sent: number;
    answered?: number;
    bytes?: number;
  }>;
  const tasks = (await page.evaluate('window.__longTasks')) as Array<{ at: number; ms: number }>;
  const idb = (await worker.evaluate('globalThis.__idb')) as Array<{ op: string; of: string; issued: number; done?: number }>;
  const rel = (x?: number) => (x === undefined ? '—' : (x - origin).toFixed(0).padStart(5));
  console.log(`  ${label} messages (ms from start: sent → answered, reply chars):`);
  for (const m of messages) console.log(`    ${rel(m.sent)} → ${rel(m.answered)}  ${m.type} ${m.bytes ?? ''}`);
  for (const t of tasks) console.log(`    long task at ${rel(t.at)}: ${t.ms.toFixed(0)} ms`);
  // IndexedDB requests grouped by kind: count, first issued, last answered, longest.
  const groups = new Map<string, { count: number; first: number; last: number; longest: number }>();
  for (const r of idb) {
    const key = `${r.op} ${r.of}`;
    const g = groups.get(key) ?? { count: 0, first: r.issued, last: 0, longest: 0 };
    g.count++;
    g.last = Math.max(g.last, r.done ?? 0);
    g.longest = Math.max(g.longest, (r.done ?? r.issued) - r.issued);
    groups.set(key, g);
  }
  console.log(`  ${label} IndexedDB in the worker:`);
  for (const [key, g] of [...groups].sort((a, b) => a[1].first - b[1].first))
    console.log(`    ${rel(g.first)} … ${rel(g.last)}  ×${g.count} ${key} (longest ${g.longest.toFixed(1)} ms)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
