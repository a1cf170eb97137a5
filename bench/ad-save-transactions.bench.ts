/**
 * Saving 100 ads' metadata in IndexedDB: Dalil's one transaction for the batch (utils/db/ads-repo
 * saveAds) against one transaction per ad, in real Chromium's IndexedDB (fake-indexeddb in Node
 * says nothing about speed). The page is served at a routed https:// URL so it has storage.
 */
import { chromium, type Page } from 'playwright-core';
import { findChromium } from '../tests/harness/chromium';
import type { Benchmark } from './run';

const ADS = Array.from({ length: 100 }, (_, i) => ({
  id: `meta:${9000 + i}`,
  library: 'meta',
  libraryAdId: String(9000 + i),
  advertiserName: 'Texas Veteran Center',
  text: 'Check if you qualify — '.repeat(10),
  media: [{ kind: 'image', url: `https://scontent.xx.fbcdn.net/${i}.jpg` }],
  pageUrl: 'https://www.facebook.com/ads/library/',
  capturedAt: '2026-11-26T10:00:00.000Z',
  tags: [],
  boards: [],
}));

let page: Page | undefined;
async function browserPage(): Promise<Page> {
  if (page) return page;
  const browser = await chromium.launch({
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const context = await browser.newContext();
  await context.route('https://bench.dalil.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }),
  );
  page = await context.newPage();
  await page.goto('https://bench.dalil.test/');
  await page.evaluate(`new Promise((resolve) => {
    const open = indexedDB.open('bench', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('adCaptures', { keyPath: 'id' });
    open.onsuccess = () => { globalThis.benchDb = open.result; resolve(); };
  })`);
  return page;
}

/**
 * The page-side code, as source text: tsx names functions with a helper that does not exist in
 * the page, so a serialised function would fail there.
 */
const PAGE_SAVE = `async ([ads, how]) => {
  const db = globalThis.benchDb;
  const put = (batch) => new Promise((resolve, reject) => {
    const tx = db.transaction('adCaptures', 'readwrite');
    for (const ad of batch) tx.objectStore('adCaptures').put(ad);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  if (how === 'one') return put(ads);
  for (const ad of ads) await put([ad]);
}`;

function runIn(mode: 'one' | 'each') {
  return async () => {
    const p = await browserPage();
    await p.evaluate(`(${PAGE_SAVE})(${JSON.stringify([ADS, mode])})`);
  };
}

export const benchmark: Benchmark = {
  name: 'save 100 ads in real Chromium IndexedDB',
  unit: 'ms per 100 ads',
  ours: { label: 'one transaction (Dalil)', run: runIn('one') },
  peer: { label: 'one transaction per ad', run: runIn('each') },
};
