/**
 * A backup larger than one runtime message (64 MiB), made in Firefox from Settings: the file is
 * streamed from the background over a Port, written to the extension's origin-private file system and
 * saved from there (utils/export/streamed-download.ts). Checked on disk: every ad and every video byte
 * in the zip is the one in the database.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxWithExtension, launchFirefoxWithExtension, pollFor } from '../harness/firefox';
import { SEED_VIDEOS, SWIPE_FILE } from '../harness/swipe-seed';

const COUNT = 7;
const SIZE = 10 * 1024 * 1024;

describe('a 70 MB backup in Firefox', () => {
  let firefox: FirefoxWithExtension;
  let downloads: string;
  beforeAll(async () => {
    downloads = await mkdtemp(join(tmpdir(), 'dalil-ff-downloads-'));
    firefox = await launchFirefoxWithExtension({
      prefs: {
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await firefox?.close();
  });

  it('saves every ad and video byte to the Downloads folder', { timeout: 180_000 }, async () => {
    const page = await firefox.openSidePanel({ locale: 'en' });
    await page.evaluate(`${SEED_VIDEOS}(${JSON.stringify({ count: COUNT, size: SIZE })})`);
    const before = (await page.evaluate(SWIPE_FILE)) as { ads: string[]; media: Array<[string, string, number, string]> };
    expect(before.media).toHaveLength(COUNT);

    for (const tab of await page.$$('[role="tab"]'))
      if ((await tab.evaluate((t) => t.textContent?.trim())) === 'Settings') await tab.click();
    await (await page.waitForSelector('[data-testid="backup-create"]'))?.click();
    const outcome = await pollFor(
      // Without the bidi isolates around the file name.
      () =>
        page
          .$eval('[data-testid="backup-outcome"]', (el) => (el.textContent ?? '').replace(/[\u2066-\u2069]/g, ''))
          .catch(() => ''),
      (text) => /Saved dalil-backup-/.test(text),
      120_000,
    );
    expect(outcome).toMatch(/\(7\d\.\d MB\)/);
    // Firefox writes a .part file first and renames it when done.
    const name = await pollFor(
      async () => (await readdir(downloads)).find((f) => f.endsWith('.zip') && !f.endsWith('.part')) ?? '',
      (found) => found !== '',
      60_000,
    );
    const file = join(downloads, name);
    await pollFor(
      async () => (await readdir(downloads)).some((f) => f.endsWith('.part')),
      (partial) => !partial,
      60_000,
    );
    expect((await stat(file)).size).toBeGreaterThan(COUNT * SIZE);

    const entries = unzipSync(new Uint8Array(await readFile(file)));
    const videos = Object.entries(entries).filter(([path]) => path.startsWith('media/'));
    expect(videos).toHaveLength(COUNT);
    const shas = videos.map(([, bytes]) => createHash('sha256').update(bytes).digest('hex')).sort();
    expect(shas).toEqual(before.media.map((m) => m[3]).sort());
    const manifest = Object.keys(entries).find((path) => path.endsWith('.json') && !path.startsWith('media/'));
    expect(manifest && strFromU8(entries[manifest]).length).toBeGreaterThan(0);
  });
});
