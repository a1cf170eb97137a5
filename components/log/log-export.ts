import type { LogExportCursor, LogExportPage, LogQuery } from '@/utils/activity/log-types';
import { csvLines, toCsv } from '@/utils/export/csv';
import { throwIfCancelled } from '@/utils/export/export-cancelled';
import type { ActivityLogEntry } from '@/utils/schemas/activity-log';
import { LOG_CSV_HEADER, type LogExport } from './log-model';

/** Entries per page while exporting: 20,000 are ~7 MB in a message, far under Chrome's 64 MiB limit. */
export const EXPORT_PAGE_SIZE = 20_000;

export interface ExportProgress {
  /** Entries written to the file so far. */
  written: number;
  /** Entries of the range looked at so far, and how many the range holds (when known): the bar's share. */
  read: number;
  total?: number;
}

type Filters = Omit<LogQuery, 'limit' | 'count'>;

const csvRows = (entries: ActivityLogEntry[]) =>
  csvLines(entries.map((e) => [e.id, e.at, e.kind, e.actor, e.platform, e.pageUrl, JSON.stringify(e.details)]));

/** An entry as it sits in the JSON export's `entries` (2-space indent, nested 4). */
const jsonEntry = (e: ActivityLogEntry) => `    ${JSON.stringify(e, null, 2).replaceAll('\n', '\n    ')}`;

/** Where the file goes: a streamed download (utils/export/streamed-download.ts), or a test's buffer. */
export interface ExportSink {
  write(chunk: Uint8Array): Promise<void>;
}

/** Text gathered up to about a megabyte, then written as UTF-8: one write per few thousand rows. */
const CHUNK_CHARS = 1 << 20;

function textWriter(sink: ExportSink, chunkChars: number) {
  const encoder = new TextEncoder();
  let pending: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (chars === 0) return;
    const text = pending.join('');
    pending = [];
    chars = 0;
    await sink.write(encoder.encode(text));
  };
  return {
    async append(text: string) {
      pending.push(text);
      chars += text.length;
      if (chars >= chunkChars) await flush();
    },
    flush,
  };
}

/**
 * Writes every entry the filters match, oldest first, to `sink` a page at a time: the panel holds one page
 * and a megabyte of text at most, never the whole log (the Log tab writes to a file in the extension's
 * private file system and offers it once whole). Throws an AbortError when `signal` is aborted between
 * pages; the caller then discards what was written.
 */
export async function writeLogExport(
  query: Filters,
  format: 'csv' | 'json',
  readPage: (request: Filters & { after?: LogExportCursor; size: number }) => Promise<LogExportPage>,
  sink: ExportSink,
  {
    signal,
    onProgress,
    total,
    now = new Date(),
    pageSize = EXPORT_PAGE_SIZE,
    chunkChars = CHUNK_CHARS,
  }: {
    signal?: AbortSignal;
    onProgress?: (p: ExportProgress) => void;
    total?: number;
    now?: Date;
    pageSize?: number;
    chunkChars?: number;
  },
): Promise<{ written: number }> {
  const file = textWriter(sink, chunkChars);
  const { from = '', to = '', ...filters } = query;
  if (format === 'csv') await file.append(toCsv(LOG_CSV_HEADER, []));
  else {
    const head: Omit<LogExport, 'entries' | 'total'> = {
      format: 'dalil.activity-log',
      formatVersion: 1,
      exportedAt: now.toISOString(),
      range: { from, to },
      filters,
    };
    // The head's fields, then the entries as they come; the total closes the object once it is known.
    await file.append(`${JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "entries": [\n')}`);
  }
  let after: LogExportCursor | undefined;
  let written = 0;
  let read = 0;
  do {
    throwIfCancelled(signal);
    const page = await readPage({ ...query, after, size: pageSize });
    throwIfCancelled(signal);
    if (page.entries.length > 0) {
      if (format === 'csv') await file.append(csvRows(page.entries));
      else await file.append(`${written > 0 ? ',\n' : ''}${page.entries.map(jsonEntry).join(',\n')}`);
    }
    written += page.entries.length;
    read += page.read;
    after = page.next;
    onProgress?.({ written, read, total });
  } while (after);
  if (format === 'json') await file.append(`${written > 0 ? '\n' : ''}  ],\n  "total": ${written}\n}\n`);
  await file.flush();
  return { written };
}
