/**
 * The activity log at scale in the built extension in Chromium (real IndexedDB), run under the browser lock:
 *   flock /tmp/dalil-browser.lock sh -c 'npx wxt build >/dev/null && npx tsx bench/log-scale.ts'
 * Seeds the log to 10,000, 100,000 and 1,000,000 entries over a year (LOG_SCALE_SIZES to change), written
 * straight into the database from the panel page in transactions of 20,000, each entry with its word index row
 * (Dalil's own entryWordKeys, bundled for the page), then at each size:
 * - the search through the index, newest 50, the median of 5, for a few queries (common, rare, Arabic typed
 *   with another spelling, two words that never meet);
 * - with LOG_SCALE_SCAN=1: the scan (the search with the word index emptied, what every search did until
 *   version 11), then the background's backfill of the index (batches of 2,000), timed; minutes at 1,000,000;
 * and at the largest size the CSV export from the Log tab (every row, streamed a page at a time): its time
 * and the panel's peak JS heap while it runs (sampled every 100 ms through DevTools).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { rolldown } from 'rolldown';
import { launchWithExtension, panelMessage } from '../tests/harness/browser';

const SIZES = (process.env.LOG_SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const SCAN = process.env.LOG_SCALE_SCAN === '1';
/** Common (every entry's URL), an English word, Arabic typed with another spelling (ة/ه, no tanwin), rare, never together. */
const QUERIES = ['facebook', 'reaching', 'صوره', 'شكرا', '4242', 'advertiser 37', 'الحملة سنرد'];

/** Dalil's entryWordKeys as a script for the page (globalThis.dalilEntryWordKeys): the seed writes the index rows the background would. */
async function wordKeysScript(): Promise<string> {
  const bundle = await rolldown({
    input: resolve(import.meta.dirname, '../utils/activity/log-words.ts'),
    platform: 'browser',
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'iife', name: 'dalilLogWords' });
  return `${output[0].code};globalThis.dalilEntryWordKeys = dalilLogWords.entryWordKeys;`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const browser = await launchWithExtension({ viewport: { width: 900, height: 1000 } });
  const panel = await browser.openSidePanel({ locale: 'en' });
  // The background creates the database on first use: ask it something first.
  await panelMessage(panel, 'panel.countLog', {});
  await panel.evaluate(await wordKeysScript());
  const rows: string[] = [];
  let seeded = 0;
  for (const size of SIZES) {
    const t0 = performance.now();
    while (seeded < size) {
      const count = Math.min(20_000, size - seeded);
      await panel.evaluate(
        async ([start, n]) => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open('dalil');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const tx = db.transaction(['activityLog', 'logWords'], 'readwrite');
          const store = tx.objectStore('activityLog');
          const words = tx.objectStore('logWords');
          const wordKeys = (globalThis as unknown as { dalilEntryWordKeys: (entry: object) => string[] }).dalilEntryWordKeys;
          const notes = ['شكراً على التواصل', 'سنرد عليك قريبا', 'تم الشحن اليوم', 'Thanks for reaching out', 'إعلان الصيف'];
          const end = Date.parse('2026-12-01T00:00:00.000Z');
          for (let k = 0; k < n; k++) {
            const i = start + k;
            const r = (i * 2654435761) % 4294967296;
            const kind = r % 6;
            const entry = {
              id: crypto.randomUUID(),
              at: new Date(end - (r % 31_536_000_000)).toISOString(),
              kind:
                kind < 3 ? 'template.inserted' : kind === 3 ? 'ad.saved' : kind === 4 ? 'palette.checked' : 'testimonial.saved',
              actor: 'Lina',
              platform: 'facebook',
              pageUrl: `https://www.facebook.com/post/${i}`,
              details:
                kind < 3
                  ? { templateId: 'thanks-ar', landed: true }
                  : kind === 3
                    ? { advertiser: `Advertiser ${r % 400}` }
                    : kind === 4
                      ? { image: 'صورة الحملة.png', verdict: 'pass' }
                      : { note: notes[r % notes.length] },
            };
            store.put(entry);
            words.put({ at: entry.at, id: entry.id, words: wordKeys(entry) });
          }
          // Every entry has its row: the backfill has nothing to do.
          words.put({ at: '', id: '', done: true });
          await new Promise((resolve, reject) => {
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
          });
          db.close();
        },
        [seeded, count] as const,
      );
      seeded += count;
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
