/**
 * A backup and a restore of a swipe file holding 2 GB of video, in the built extension in Chromium: time, and peak
 * memory while each runs — the panel's JS heap, the worker's JS heap where Chromium tells it, and each process's
 * resident memory (the extension's renderer, which runs both the panel and the worker; the browser process, which
 * holds Blob bytes until it pages them to disk). Not part of npm test or npm run bench (minutes, 6 GB of disk):
 *   flock /tmp/dalil-browser.lock sh -c 'npx wxt build >/dev/null && npx tsx bench/backup-2gb.ts'
 * Sizes: BENCH_VIDEOS (100) videos of BENCH_VIDEO_MB (20) MiB each.
 *
 * Measured 2026-12-06 (Chromium 156, 2 cores, 24 GB, other jobs running), since the download and the restore's staged
 * media are files in the extension's OPFS (utils/export/streamed-download.ts, utils/backup/media-staging.ts):
 *   2 GB backup 119.6 s (panel heap 33 MB, extension renderer 281 MB RSS, browser process 231 MB RSS);
 *   restore 91.7 s read and checked + 5.1 s written (40 MB, 354 MB, 229 MB), every byte back.
 * Before: in-memory Blobs. A download past ~500 MB was cancelled at once, and a 2 GB restore stalled at its last
 * files; the one 2 GB backup that got through held 2.36 GB in the browser process.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchWithExtension, visibleText } from '../tests/harness/browser';

const VIDEOS = Number(process.env.BENCH_VIDEOS ?? 100);
const VIDEO_BYTES = Number(process.env.BENCH_VIDEO_MB ?? 20) * 1024 * 1024;
const MB = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

const SEED = `(async ({ count, size }) => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('dalil'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  for (let i = 0; i < count; i++) {
    const bytes = new Uint8Array(size);
    for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65536)));
    const url = 'https://video.xx.fbcdn.net/big-' + i + '.mp4';
    await new Promise((ok, fail) => {
      const tx = db.transaction(['media', 'adCaptures'], 'readwrite');
      tx.objectStore('media').put({ id: 'big-' + i, blob: new Blob([bytes], { type: 'video/mp4' }), contentType: 'video/mp4', sourceUrl: url });
      tx.objectStore('adCaptures').put({
        id: 'meta:big-' + i, library: 'meta', libraryAdId: 'big-' + i, advertiserName: 'Advertiser ' + i,
        media: [{ kind: 'video', url, blobId: 'big-' + i }], pageUrl: 'https://www.facebook.com/ads/library/?q=big',
        capturedAt: '2026-12-01T08:00:00.000Z', tags: [], boards: [],
      });
      tx.oncomplete = ok; tx.onerror = () => fail(tx.error);
    });
  }
  db.close();
})`;

const MEDIA_SUMMARY = `(async () => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('dalil'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const media = await new Promise((ok, fail) => { const q = db.transaction('media').objectStore('media').getAll(); q.onsuccess = () => ok(q.result); q.onerror = () => fail(q.error); });
  const first = media.find((m) => m.id === 'big-0');
  const hex = first ? Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await first.blob.arrayBuffer())), (b) => b.toString(16).padStart(2, '0')).join('') : '';
  db.close();
  return { count: media.length, bytes: media.reduce((s, m) => s + m.blob.size, 0), firstSha: hex };
})()`;

/** Chromium's processes for one profile: the browser process (found by its user-data-dir) and its descendants. */
function processes(userDataDir: string): Array<{ pid: number; kind: string; rss: number }> {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        // Chromium rewrites its children's titles into one space-separated string: read it as one line.
        const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
        const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] ?? 0) * 1024;
        return [{ pid: Number(d), ppid, cmd, rss }];
      } catch {
        return [];
      }
    });
  const root = all.find((p) => !p.cmd.includes('--type=') && p.cmd.includes(userDataDir));
  if (!root) return [];
  const ids = new Set([root.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all)
      if (!ids.has(p.pid) && ids.has(p.ppid)) {
        ids.add(p.pid);
        grew = true;
      }
  }
  return all
    .filter((p) => ids.has(p.pid))
    .map((p) => {
      const type = /--type=(\S+)/.exec(p.cmd)?.[1] ?? 'browser';
      const kind = type === 'renderer' && p.cmd.includes('--extension-process') ? 'extension' : type;
      return { pid: p.pid, kind, rss: p.rss };
    });
}

interface Peaks {
  panelHeap: number;
  workerHeap: number | undefined;
  extensionRss: number;
  browserRss: number;
  totalRss: number;
}

/** Samples memory every 250 ms until stopped; gives the peaks. */
async function sampling(browser: ExtensionBrowser, panel: Page, userDataDir: string): Promise<() => Promise<Peaks>> {
  const cdp = await browser.context.newCDPSession(panel);
  const peaks: Peaks = { panelHeap: 0, workerHeap: undefined, extensionRss: 0, browserRss: 0, totalRss: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const heap = (await cdp.send('Runtime.getHeapUsage').catch(() => ({ usedSize: 0 }))) as { usedSize: number };
      peaks.panelHeap = Math.max(peaks.panelHeap, heap.usedSize);
      const worker = browser.context.serviceWorkers()[0];
      const used = await worker
        ?.evaluate('globalThis.performance && performance.memory ? performance.memory.usedJSHeapSize : null')
        .catch(() => null);
      if (typeof used === 'number') peaks.workerHeap = Math.max(peaks.workerHeap ?? 0, used);
      const list = processes(userDataDir);
      const sum = (kind?: string) => list.filter((p) => !kind || p.kind === kind).reduce((s, p) => s + p.rss, 0);
      peaks.extensionRss = Math.max(peaks.extensionRss, sum('extension'));
      peaks.browserRss = Math.max(peaks.browserRss, sum('browser'));
      peaks.totalRss = Math.max(peaks.totalRss, sum());
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await cdp.detach().catch(() => undefined);
    return peaks;
  };
}

const profileDir = (browser: ExtensionBrowser) => browserDirs.get(browser) as string;
const browserDirs = new Map<ExtensionBrowser, string>();

async function launch(): Promise<ExtensionBrowser> {
  const { mkdtemp } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(resolve(tmpdir(), 'dalil-bench-'));
  const browser = await launchWithExtension({ userDataDir: dir, viewport: { width: 900, height: 900 } });
  browserDirs.set(browser, dir);
  return browser;
}

/** Waits for the restore's preview, printing the progress every 10 s; a refusal or interruption ends the run with its words. */
async function untilPreview(panel: Page): Promise<void> {
  for (let i = 0; ; i++) {
    if ((await panel.getByTestId('backup-preview').count()) > 0) return;
    const outcome = await panel.getByTestId('backup-outcome').textContent();
    if (outcome?.trim()) throw new Error(`restore refused: ${outcome}`);
    if (i % 20 === 0)
      console.log(
        `  ${await panel
          .getByTestId('backup-progress')
          .textContent()
          .catch(() => '')}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const rows: string[] = [];
  const source = await launch();
  const panel = await source.openSidePanel({ locale: 'en' });
  let t = performance.now();
  await panel.evaluate(`${SEED}(${JSON.stringify({ count: VIDEOS, size: VIDEO_BYTES })})`);
  const seeded = (await panel.evaluate(MEDIA_SUMMARY)) as { count: number; bytes: number; firstSha: string };
  console.log(`seeded ${seeded.count} videos, ${MB(seeded.bytes)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  await panel.getByRole('tab', { name: 'Settings' }).click();
  const stopA = await sampling(source, panel, profileDir(source));
  t = performance.now();
  const download = panel.waitForEvent('download', { timeout: 1_800_000 });
  await panel.getByTestId('backup-create').click();
  const started = await download;
  console.log(`download started after ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const file = (await started.path().catch(async (error) => {
    throw new Error(`${error} (failure: ${await started.failure()}, after ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  })) as string;
  const backupSeconds = (performance.now() - t) / 1000;
  const backupPeaks = await stopA();
  const fileBytes = statSync(file).size;
  console.log(`backup: ${MB(fileBytes)} MB in ${backupSeconds.toFixed(1)} s`, backupPeaks);

  const target = await launch();
  const restoring = await target.openSidePanel({ locale: 'en' });
  await restoring.getByRole('tab', { name: 'Settings' }).click();
  const stopB = await sampling(target, restoring, profileDir(target));
  t = performance.now();
  await restoring.getByTestId('backup-restore-input').setInputFiles(file);
  await untilPreview(restoring);
  const readSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  await restoring.getByTestId('backup-confirm').click();
  await restoring.waitForFunction(
    () => /Restored from/.test(document.querySelector('[data-testid="backup-outcome"]')?.textContent ?? ''),
    undefined,
    { timeout: 1_800_000, polling: 500 },
  );
  const restoreSeconds = (performance.now() - t) / 1000;
  const restorePeaks = await stopB();
  const restored = (await restoring.evaluate(MEDIA_SUMMARY)) as typeof seeded;
  console.log(
    `restore: read+checked ${readSeconds.toFixed(1)} s, written ${restoreSeconds.toFixed(1)} s`,
    restorePeaks,
    await visibleText(restoring.getByTestId('backup-outcome')),
  );
  if (restored.count !== seeded.count || restored.bytes !== seeded.bytes || restored.firstSha !== seeded.firstSha) {
    throw new Error(`restored ${JSON.stringify(restored)} ≠ seeded ${JSON.stringify(seeded)}`);
  }

  const worker = (p: Peaks) => (p.workerHeap === undefined ? 'not exposed' : `${MB(p.workerHeap)} MB`);
  rows.push(
    `Backup of ${seeded.count} videos, ${MB(seeded.bytes)} MB of media; file ${MB(fileBytes)} MB. Peaks sampled every 250 ms.`,
    '',
    '| step | time | panel JS heap | worker JS heap | extension renderer RSS (panel + worker) | browser process RSS | all Chromium processes RSS |',
    '|---|---|---|---|---|---|---|',
    `| back up (zip written, downloaded) | ${backupSeconds.toFixed(1)} s | ${MB(backupPeaks.panelHeap)} MB | ${worker(backupPeaks)} | ${MB(backupPeaks.extensionRss)} MB | ${MB(backupPeaks.browserRss)} MB | ${MB(backupPeaks.totalRss)} MB |`,
    `| restore: read and check, then write | ${readSeconds.toFixed(1)} s + ${restoreSeconds.toFixed(1)} s | ${MB(restorePeaks.panelHeap)} MB | ${worker(restorePeaks)} | ${MB(restorePeaks.extensionRss)} MB | ${MB(restorePeaks.browserRss)} MB | ${MB(restorePeaks.totalRss)} MB |`,
  );
  console.log(rows.join('\n'));
  mkdirSync(resolve(import.meta.dirname, '../.output/bench'), { recursive: true });
  writeFileSync(resolve(import.meta.dirname, '../.output/bench/backup-2gb.md'), `${rows.join('\n')}\n`);
  await source.close();
  await target.close();
}

await main();
