/**
 * The swipe file at 100, 1,000 and 10,000 saved ads (#14 item 3), in the built extension in Chromium: each
 * profile is seeded with N ads (one ~36 kB image each, written straight into the database the background
 * owns, as the log bench does; a new worker derives the search rows), then the side panel is opened on
 * the Swipe tab. Measured in the panel: first card painted and all media on screen shown (from the
 * panel's navigation; the median of SWIPE_OPENINGS=5 openings, each in a new panel page on a worker started
 * afresh and idle, as when the panel wakes it), the longest task of any, the JS heap after a GC, DOM elements; at
 * the largest N, the time from changing a filter, the sort or the search text to the new cards painted (the
 * median of SWIPE_ROUNDS=3, each change made once the cards before it show their media).
 * `SWIPE_BEFORE=<dir of another build>` measures that build too (the panel before the window), side by side.
 */
import type { Page } from 'playwright-core';
import { launchWithExtension, panelMessage } from '../tests/harness/browser';
import { EMPTY_FILTER, type SwipeFilter } from '../utils/swipe-file/swipe-filter';

export const SEED_ADS = `(async (n) => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('dalil'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  // One noisy 110×110 PNG (~36 kB: noise does not compress), stored once per ad as its own media record.
  const canvas = new OffscreenCanvas(110, 110);
  const ctx = canvas.getContext('2d');
  const pixels = ctx.createImageData(110, 110);
  let seed = 7;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = i % 4 === 3 ? 255 : Math.floor(random() * 256);
  ctx.putImageData(pixels, 0, 0);
  const png = await canvas.convertToBlob({ type: 'image/png' });
  const libraries = ['meta', 'tiktok', 'google', 'linkedin'];
  const words = ['قهوة', 'الهيل', 'عرض', 'خصم', 'الشحن', 'مجاني', 'coffee', 'offer', 'sale', 'free', 'shipping', 'today'];
  const day = (d) => new Date(Date.UTC(2025, 0, 1) + d * 86400000).toISOString().slice(0, 10);
  for (let start = 0; start < n; start += 500) {
    await new Promise((ok, fail) => {
      const tx = db.transaction(['adCaptures', 'media'], 'readwrite');
      for (let i = start; i < Math.min(n, start + 500); i++) {
        const blobId = 'bench-media-' + i;
        tx.objectStore('media').put({ id: blobId, blob: png, contentType: 'image/png', sourceUrl: '' });
        const library = libraries[i % 4];
        const started = Math.floor(random() * 600);
        tx.objectStore('adCaptures').put({
          id: library + ':' + (100000 + i), library, libraryAdId: String(100000 + i),
          advertiserName: 'Advertiser ' + (i % 40), advertiserKey: library + ':advertiser ' + (i % 40),
          startedAt: day(started), ...(i % 3 === 0 ? { endedAt: day(started + Math.floor(random() * 90)), active: false } : { active: true }),
          text: Array.from({ length: 12 }, () => words[Math.floor(random() * words.length)]).join(' ') + ' ' + i,
          media: [{ kind: 'image', url: 'https://scontent.xx.fbcdn.net/v/' + i + '.png', blobId }],
          pageUrl: 'https://www.facebook.com/ads/library/',
          capturedAt: new Date(Date.UTC(2026, 10, 30) - i * 600000).toISOString(),
          tags: i % 10 === 0 ? ['winner'] : [], boards: [],
        });
      }
      tx.oncomplete = ok; tx.onerror = () => fail(tx.error);
    });
  }
  db.close();
  return png.size;
})`;

/** Runs in the panel right after it loads: opens the Swipe tab, and records when the first card and every image on screen were painted. */
export const OPEN_SWIPE = `(async (limitMs) => {
  const longest = { ms: 0 };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) longest.ms = Math.max(longest.ms, e.duration); }).observe({ type: 'longtask', buffered: true });
  const frame = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  while (!document.querySelectorAll('[role="tab"]')[2]) await frame();
  document.querySelectorAll('[role="tab"]')[2].click();
  let first, media;
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; };
  while (performance.now() < limitMs) {
    await frame();
    const cards = [...document.querySelectorAll('[data-testid="swipe-card"]')].filter(visible);
    if (cards.length > 0 && first === undefined) first = performance.now();
    if (cards.length > 0 && cards.every((c) => { const m = c.querySelector('img[data-testid="ad-media"]'); return m && m.complete && m.naturalWidth > 0; })) { media = performance.now(); break; }
  }
  await new Promise((ok) => setTimeout(ok, 500));
  return { first, media, longest: longest.ms, nodes: document.getElementsByTagName('*').length };
})`;

/**
 * Changes one control (a select or the search box) as a person would, and times it to the cards changing (the
 * count, or the first cards' ids when only the order moves) and a frame painted.
 */
export const TIME_CHANGE = `(async ([selector, value]) => {
  const el = document.querySelector(selector);
  const shown = () => document.querySelector('[data-testid="swipe-count"]')?.textContent + ' ' +
    [...document.querySelectorAll('[data-testid="swipe-card"]')].slice(0, 6).map((c) => c.dataset.adId).join(',');
  const before = shown();
  const setter = Object.getOwnPropertyDescriptor(el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype, 'value').set;
  const start = performance.now();
  setter.call(el, value);
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  while (shown() === before && performance.now() - start < 30000) await new Promise((ok) => requestAnimationFrame(ok));
  // Seen in a frame's animation callbacks: that frame paints them; a task queued now runs once it has (waiting
  // for the next frame's callbacks, as this did, counted one frame more: ~17 ms).
  await new Promise((ok) => setTimeout(ok, 0));
  return performance.now() - start;
})`;

interface Opened {
  first?: number;
  media?: number;
  longest: number;
  nodes: number;
  heapMb: number;
  changes?: Record<string, number>;
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/** Waits (up to 5 s) until every card on screen shows its media, then 300 ms: the person looks at the cards. */
const MEDIA_SETTLED = `(async () => {
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; };
  const start = performance.now();
  while (performance.now() - start < 5000) {
    const cards = [...document.querySelectorAll('[data-testid="swipe-card"]')].filter(visible);
    if (cards.every((c) => { const m = c.querySelector('img[data-testid="ad-media"]'); return m && m.complete && m.naturalWidth > 0; })) break;
    await new Promise((ok) => requestAnimationFrame(ok));
  }
  await new Promise((ok) => setTimeout(ok, 300));
})()`;

/** Openings per size (each with a worker started afresh) and rounds of changes: the median is reported. */
const OPENINGS = Number(process.env.SWIPE_OPENINGS ?? 5);
const ROUNDS = Number(process.env.SWIPE_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One opening of the Swipe tab in a new panel page, its worker started afresh and idle (nothing held yet). */
async function openOnce(ext: Awaited<ReturnType<typeof launchWithExtension>>, n: number) {
  await ext.stopServiceWorker();
  const warm = await ext.openSidePanel();
  await panelMessage(warm, 'panel.listFollowed', { offset: 0, limit: 1 });
  await warm.waitForTimeout(n >= 10_000 ? 3000 : 1000);
  await warm.close();
  const page = await ext.context.newPage();
  for (const other of ext.context.pages()) if (other !== page) await other.close();
  await page.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
  const opened = (await page.evaluate(`${OPEN_SWIPE}(${n >= 10_000 ? 90_000 : 30_000})`)) as Omit<Opened, 'heapMb'>;
  return { page, opened };
}

async function measure(n: number, extensionDir: string | undefined, withChanges: boolean): Promise<Opened> {
  const ext = await launchWithExtension({ extensionDir });
  const setup = await ext.openSidePanel({ locale: 'en' });
  await panelMessage(setup, 'panel.listFollowed', { offset: 0, limit: 1 }); // the background creates the database first
  await setup.evaluate(`${SEED_ADS}(${n})`);
  await setup.close();
  // A new worker, as after a browser restart: it finds the search rows missing and derives them.
  await ext.stopServiceWorker();
  const warm = await ext.openSidePanel();
  await panelMessage(warm, 'panel.listFollowed', { offset: 0, limit: 1 });
  await warm.waitForTimeout(n >= 10_000 ? 8000 : 1500);
  await warm.close();
  const openings: Array<Omit<Opened, 'heapMb'>> = [];
  let page: Page | undefined;
  for (let i = 0; i < OPENINGS; i++) {
    const once = await openOnce(ext, n);
    openings.push(once.opened);
    page = once.page;
  }
  if (!page) throw new Error('SWIPE_OPENINGS must be at least 1');
  const of = (key: 'first' | 'media') =>
    openings.some((o) => o[key] === undefined) ? undefined : median(openings.map((o) => o[key] as number));
  const result: Opened = {
    first: of('first'),
    media: of('media'),
    longest: Math.max(...openings.map((o) => o.longest)),
    nodes: openings[openings.length - 1].nodes,
    heapMb: await heapMb(page),
  };
  if (withChanges) {
    result.changes = {};
    const changes = [
      ['filter (library)', 'select[aria-label="All libraries"]', 'tiktok', 'all'],
      ['sort (days running)', 'select[aria-label="Sort"]', 'days', 'captured'],
      ['text search (Arabic)', 'input[type="search"]', 'قهوه', ''],
    ] as const;
    const samples = new Map<string, number[]>(changes.map(([label]) => [label, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [label, selector, value] of changes) {
        // Each change once the cards before it show their media, as a person looks before changing again.
        await page.evaluate(MEDIA_SETTLED);
        samples.get(label)?.push((await page.evaluate(`${TIME_CHANGE}(${JSON.stringify([selector, value])})`)) as number);
      }
      // Back to the whole file for the next round.
      for (const [, selector, , reset] of [...changes].reverse()) {
        await page.evaluate(MEDIA_SETTLED);
        await page.evaluate(`${TIME_CHANGE}(${JSON.stringify([selector, reset])})`);
      }
    }
    for (const [label, times] of samples) result.changes[`${label} (median of ${times.length})`] = median(times);
    if (!extensionDir) {
      const filter: SwipeFilter = { ...EMPTY_FILTER, query: 'قهوه', sort: 'days' };
      const samples: number[] = [];
      for (let i = 0; i < 9; i++) {
        const start = performance.now();
        await panelMessage(page, 'panel.queryAds', { filter, offset: 0, limit: 48 });
        samples.push(performance.now() - start);
      }
      result.changes['panel.queryAds, search + days sort (round trip, median of 9)'] = median(samples);
    }
  }
  await ext.close();
  return result;
}

const ms = (x?: number) => (x === undefined ? 'not within the wait' : `${x.toFixed(0)} ms`);

export async function swipeBudgets(): Promise<string[]> {
  const sizes = (process.env.SWIPE_SIZES ?? '100,1000,10000').split(',').map(Number);
  const builds: Array<[string, string | undefined]> = [['after', undefined]];
  if (process.env.SWIPE_BEFORE) builds.unshift(['before', process.env.SWIPE_BEFORE]);
  const rows: string[] = [
    `| build | N ads | first card painted (median of ${OPENINGS} openings) | all media on screen (same) | longest task (any opening) | JS heap (after GC) | DOM elements |`,
    '|---|---|---|---|---|---|---|',
  ];
  const changeRows: string[] = [];
  const ratios: string[] = [];
  for (const [name, dir] of builds) {
    const results = new Map<number, Opened>();
    for (const n of sizes) {
      const r = await measure(n, dir, n === Math.max(...sizes));
      results.set(n, r);
      rows.push(
        `| ${name} | ${n.toLocaleString('en')} | ${ms(r.first)} | ${ms(r.media)} | ${r.longest.toFixed(0)} ms | ${r.heapMb.toFixed(1)} MB | ${r.nodes} |`,
      );
      for (const [label, t] of Object.entries(r.changes ?? {}))
        changeRows.push(
          `| ${name} | ${label} at ${n.toLocaleString('en')} | ${t.toFixed(1)} ms | ${t < 50 ? 'within' : 'OVER'} 50 ms |`,
        );
      console.error(`swipe ${name} ${n}: done`);
    }
    const small = results.get(Math.min(...sizes));
    const large = results.get(Math.max(...sizes));
    if (small && large && name === 'after') {
      const ratio = (a?: number, b?: number) => (a && b ? (b / a).toFixed(2) : '—');
      ratios.push(
        `| first card at ${Math.max(...sizes)} ÷ at ${Math.min(...sizes)} | ${ratio(small.first, large.first)} | ≤ 1.5 |`,
        `| all media shown, same | ${ratio(small.media, large.media)} | ≤ 1.5 |`,
        `| JS heap, same | ${ratio(small.heapMb, large.heapMb)} | ≤ 1.5 |`,
        `| first card at ${Math.max(...sizes)} | ${ms(large.first)} | < 300 ms |`,
        `| longest task at ${Math.max(...sizes)} | ${large.longest.toFixed(0)} ms | ≤ 50 ms |`,
      );
    }
  }
  return [
    ...rows,
    '',
    '| build | change, then the new cards painted | time | budget |',
    '|---|---|---|---|',
    ...changeRows,
    '',
    '| ratio (after) | value | target |',
    '|---|---|---|',
    ...ratios,
  ];
}
