import { beforeAll, describe, expect, it } from 'vitest';
import { type ExportProgress, writeLogExport } from '../../../components/log/log-export';
import { newActivityEntry } from '../../../utils/activity/new-entry';
import { appendActivity } from '../../../utils/db/activity-log-repo';
import { logExportPage } from '../../../utils/db/log-export';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import type { ActivityLogEntry } from '../../../utils/schemas/activity-log';

/** 2,400 insertions in bursts: seven share each millisecond, so page boundaries fall inside an instant. */
let db: DalilDatabase;
let logged: ActivityLogEntry[];
const START = Date.parse('2026-11-20T09:00:00.000Z');
beforeAll(async () => {
  db = await openDalilDatabase(`export-pages-${Math.random()}`);
  logged = Array.from({ length: 2400 }, (_, i) => ({
    ...newActivityEntry(
      'template.inserted',
      'Lina',
      { templateId: `t${i % 5}`, landed: true, via: i % 2 ? 'إعلان' : 'شحن' },
      { platform: 'x' },
    ),
    at: new Date(START + Math.floor(i / 7)).toISOString(),
  }));
  // One instant holding more entries than a page.
  logged.push(
    ...Array.from({ length: 250 }, () => ({
      ...newActivityEntry('ad.saved', 'Lina', { advertiser: 'Noon' }),
      at: new Date(START + 5000).toISOString(),
    })),
  );
  await appendActivity(db, logged);
});

const range = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' };
const oldestFirst = (entries: ActivityLogEntry[]) =>
  [...entries].sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1)).map((e) => e.id);
const read = (request: Parameters<typeof logExportPage>[1] & { after?: { at: string; id: string }; size: number }) => {
  const { after, size, ...query } = request;
  return logExportPage(db, query, after, size);
};

/** The file as a test holds it: each write kept, and the pages read before it, to see the writes interleave. */
function memoryFile(pagesRead: () => number = () => 0) {
  const writes: { bytes: Uint8Array; afterPages: number }[] = [];
  return {
    writes,
    async write(bytes: Uint8Array) {
      writes.push({ bytes, afterPages: pagesRead() });
    },
    text: () => new TextDecoder().decode(Buffer.concat(writes.map((w) => w.bytes))),
  };
}

describe('a log export written a page at a time', () => {
  it('writes every entry once, oldest first, in CSV across page boundaries inside an instant', async () => {
    const progress: ExportProgress[] = [];
    const file = memoryFile();
    const { written } = await writeLogExport(range, 'csv', read, file, {
      pageSize: 100,
      total: logged.length,
      onProgress: (p) => progress.push(p),
    });
    expect(written).toBe(logged.length);
    const lines = file
      .text()
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('id,at,kind,actor,platform,pageUrl,details');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(oldestFirst(logged));
    expect(progress.length).toBeGreaterThan(20);
    expect(progress.at(-1)).toEqual({ written: logged.length, read: logged.length, total: logged.length });
  });

  it('writes valid JSON with the filters, only the matching entries and their total', async () => {
    const query = { ...range, text: 'اعلان', kinds: ['template.inserted' as const] };
    const sink = memoryFile();
    const { written } = await writeLogExport(query, 'json', read, sink, { pageSize: 128 });
    const file = JSON.parse(sink.text());
    const matching = logged.filter((e) => e.details.via === 'إعلان');
    expect(written).toBe(matching.length);
    expect(file).toMatchObject({ format: 'dalil.activity-log', formatVersion: 1, range, total: matching.length });
    expect(file.filters).toEqual({ text: 'اعلان', kinds: ['template.inserted'] });
    expect(file.entries.map((e: ActivityLogEntry) => e.id)).toEqual(oldestFirst(matching));
    expect(file.entries[0]).toEqual(matching.find((e) => e.id === file.entries[0].id));
    // Nothing matches: still a valid file.
    const none = memoryFile();
    await writeLogExport({ ...range, text: 'nothing-here' }, 'json', read, none, { pageSize: 500 });
    expect(JSON.parse(none.text())).toMatchObject({ entries: [], total: 0 });
  });

  it('stops between pages when cancelled, and gives no file', async () => {
    const controller = new AbortController();
    let pages = 0;
    const cancelling = (request: Parameters<typeof read>[0]) => {
      if (++pages === 3) controller.abort();
      return read(request);
    };
    await expect(
      writeLogExport(range, 'csv', cancelling, memoryFile(), { pageSize: 100, signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(pages).toBe(3);
  });

  it('hands the file its text as the pages come, not once at the end', async () => {
    let pages = 0;
    const counting = (request: Parameters<typeof read>[0]) => {
      pages++;
      return read(request);
    };
    const file = memoryFile(() => pages);
    await writeLogExport(range, 'csv', counting, file, { pageSize: 50, chunkChars: 4_096 });
    expect(pages).toBeGreaterThan(5);
    // Written while pages were still being read, in parts of about the chunk's size.
    expect(file.writes.filter((w) => w.afterPages < pages).length).toBeGreaterThan(3);
    expect(Math.max(...file.writes.map((w) => w.bytes.length))).toBeLessThan(4_096 * 3 + 20_000);
  });
});
