/**
 * The activity log at scale in the built extension in Chromium (real IndexedDB), run under the browser lock:
 *   flock /tmp/dalil-browser.lock sh -c 'npx wxt build >/dev/null && npx tsx bench/log-scale.ts'
 * Seeds the log to 10,000, 100,000 and 1,000,000 entries (LOG_SCALE_SIZES to change) from the panel page
 * through Dalil's own write path (bench/log-seed-page.ts: putLogEntries, so each entry comes with its word
 * index row and per-hour counts), 20,000 per transaction (LOG_SCALE_BATCH), each size extending the log
 * back in time (a million span a year), then at each size:
 * - the search through the index, newest 50, the median of 5, for a few queries (common, rare, Arabic typed
 *   with another spelling, two words that never meet);
 * - with LOG_SCALE_SCAN=1: the scan (the search with the word index emptied, what every search did until
 *   version 11), then the background's backfill of the index (batches of 2,000), timed; minutes at 1,000,000;
 * and at the largest size the CSV export from the Log tab (every row, a page at a time, written to a file in
 * the extension's private file system): its time and the panel's peak JS heap while it runs (sampled every
 * 100 ms through DevTools).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { rolldown } from 'rolldown';
import { launchWithExtension, panelMessage } from '../tests/harness/browser';

const SIZES = (process.env.LOG_SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const SCAN = process.env.LOG_SCALE_SCAN === '1';
/** Entries per transaction while seeding. */
const SEED_BATCH = Number(process.env.LOG_SCALE_BATCH ?? 20_000);
/** Common (every entry's URL), an English word, Arabic typed with another spelling (ة/ه, no tanwin), rare, never together. */
const QUERIES = ['facebook', 'reaching', 'صوره', 'شكرا', '4242', 'advertiser 37', 'الحملة سنرد'];

/** bench/log-seed-page.ts as a script for the page (globalThis.dalilSeedLog): Dalil's own write path. */
async function seedScript(): Promise<string> {
  const bundle = await rolldown({
    input: resolve(import.meta.dirname, 'log-seed-page.ts'),
    platform: 'browser',
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'iife', name: 'dalilLogSeed' });
  return `${output[0].code};globalThis.dalilSeedLog = dalilLogSeed.seedLog;`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const browser = await launchWithExtension({ viewport: { width: 900, height: 1000 } });
  const panel = await browser.openSidePanel({ locale: 'en' });
  // The background creates the database on first use: ask it something first.
  await panelMessage(panel, 'panel.countLog', {});
  await panel.evaluate(await seedScript());
  const rows: string[] = [];
  let seeded = 0;
  for (const size of SIZES) {
    const t0 = performance.now();
    while (seeded < size) {
      const count = Math.min(100_000, size - seeded);
      await panel.evaluate(
        ([start, n, batch]) =>
          (globalThis as unknown as { dalilSeedLog: (s: number, n: number, b: number) => Promise<void> }).dalilSeedLog(
            start,
            n,
            batch,
          ),
        [seeded, count, SEED_BATCH] as const,
      );
      seeded += count;
      console.error(`seeded ${seeded.toLocaleString('en')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const seedMs = performance.now() - t0;
    const scan: number[] = [];
    let backfillMs = Number.NaN;
    if (SCAN) {
      // The scan: the index and its progress emptied, so every entry is read and checked.
      await panel.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const open = indexedDB.open('dalil');
          open.onsuccess = () => resolve(open.result);
        });
        const tx = db.transaction('logWords', 'readwrite');
        tx.objectStore('logWords').clear();
        await new Promise((resolve) => {
          tx.oncomplete = resolve;
        });
        db.close();
      });
      for (const text of QUERIES) {
        const s = performance.now();
        await panelMessage(panel, 'panel.queryLog', { text, limit: 50, count: false });
        scan.push(performance.now() - s);
      }
      // That search also started the backfill: wait for its progress row to say done.
      const b0 = performance.now();
      await panel.waitForFunction(
        async () => {
          const db = await new Promise<IDBDatabase>((resolve) => {
            const open = indexedDB.open('dalil');
            open.onsuccess = () => resolve(open.result);
          });
          const row = await new Promise<{ done?: boolean } | undefined>((resolve) => {
            const get = db.transaction('logWords').objectStore('logWords').get(['', '']);
            get.onsuccess = () => resolve(get.result);
          });
          db.close();
          return row?.done === true;
        },
        undefined,
        { timeout: 3_600_000, polling: 1000 },
      );
      backfillMs = performance.now() - b0;
    }
    rows.push(
      `| ${size.toLocaleString('en')} | seeded in ${(seedMs / 1000).toFixed(1)} s (with the index rows) | ${SCAN ? `backfill ${(backfillMs / 1000).toFixed(1)} s` : 'no scan (LOG_SCALE_SCAN=1)'} |`,
    );
    for (const [i, text] of QUERIES.entries()) {
      // Timed in the page (message round trip included, the harness's own evaluate overhead not).
      const [times, found] = await panel.evaluate(
        async (payload) => {
          const samples: number[] = [];
          let count = 0;
          for (let k = 0; k < 6; k++) {
            const s = performance.now();
            const { chrome } = globalThis as unknown as {
              chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: { entries: unknown[] } }> } };
            };
            const reply = await chrome.runtime.sendMessage({ type: 'panel.queryLog', payload });
            samples.push(performance.now() - s);
            if (!reply?.ok) throw new Error('panel.queryLog failed');
            count = reply.data?.entries.length ?? 0;
          }
          return [samples, count] as const;
        },
        { text, limit: 50, count: false },
      );
      const ours = median(times.slice(1));
      rows.push(
        `| ${size.toLocaleString('en')} | "${text}" (${found} found) | index ${ours.toFixed(1)} ms | ${ours < 50 ? 'within' : 'OVER'} 50 ms | ${SCAN ? `scan ${scan[i].toFixed(0)} ms, ${(scan[i] / ours).toFixed(0)}×` : ''} |`,
      );
    }
    console.log(rows.join('\n'));
  }

  // The export of the whole log from the Log tab, all time: CSV, every row.
  await panel.getByRole('tab', { name: 'Log' }).click();
  await panel
    .getByRole('button', { name: 'Custom' })
    .click()
    .catch(() => undefined);
  await panel.getByTestId('log-range-from').fill('2025-01-01');
  await panel.getByTestId('log-range-to').fill('2026-12-31');
  const cdp = await panel.context().newCDPSession(panel);
  await cdp.send('HeapProfiler.collectGarbage');
  const base = (await cdp.send('Runtime.getHeapUsage')).usedSize;
  let peak = base;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const e0 = performance.now();
  const download = panel.waitForEvent('download', { timeout: 3_600_000 });
  await panel.getByTestId('log-export-csv').click();
  const file = await (await download).path();
  const exportMs = performance.now() - e0;
  sampling = false;
  await sampler;
  const text = await readFile(file, 'utf8');
  const lines = text.split('\r\n').length - 2;
  rows.push(
    `| export CSV, ${seeded.toLocaleString('en')} entries | ${lines.toLocaleString('en')} rows, ${(text.length / 1e6).toFixed(0)} M chars | ${(exportMs / 1000).toFixed(1)} s | panel JS heap peak ${((peak - base) / 1e6).toFixed(0)} MB over ${(base / 1e6).toFixed(0)} MB at rest |`,
  );
  console.log(`\n${rows.join('\n')}`);
  await browser.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
