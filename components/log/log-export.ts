import type { LogExportCursor, LogExportPage, LogQuery } from '@/utils/activity/log-types';
import { ChunkedFile, throwIfCancelled } from '@/utils/export/chunked-file';
import { csvLines, toCsv } from '@/utils/export/csv';
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

/**
 * Writes every entry the filters match, oldest first, to a file a page at a time: the panel holds one page
 * and the file's parts (Blobs, which the browser keeps on disk), never the whole log. Throws an AbortError
 * when `signal` is aborted between pages; nothing is downloaded then.
 */
export async function writeLogExport(
  query: Filters,
  format: 'csv' | 'json',
  readPage: (request: Filters & { after?: LogExportCursor; size: number }) => Promise<LogExportPage>,
  {
    signal,
    onProgress,
    total,
    now = new Date(),
    pageSize = EXPORT_PAGE_SIZE,
  }: { signal?: AbortSignal; onProgress?: (p: ExportProgress) => void; total?: number; now?: Date; pageSize?: number },
): Promise<{ blob: Blob; written: number }> {
  const file = new ChunkedFile(format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
  const { from = '', to = '', ...filters } = query;
  if (format === 'csv') file.append(toCsv(LOG_CSV_HEADER, []));
  else {
    const head: Omit<LogExport, 'entries' | 'total'> = {
      format: 'dalil.activity-log',
      formatVersion: 1,
      exportedAt: now.toISOString(),
      range: { from, to },
      filters,
    };
    // The head's fields, then the entries as they come; the total closes the object once it is known.
    file.append(`${JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "entries": [\n')}`);
  }
  let after: LogExportCursor | undefined;
  let written = 0;
  let read = 0;
  do {
    throwIfCancelled(signal);
    const page = await readPage({ ...query, after, size: pageSize });
    throwIfCancelled(signal);
    if (page.entries.length > 0) {
      if (format === 'csv') file.append(csvRows(page.entries));
      else file.append(`${written > 0 ? ',\n' : ''}${page.entries.map(jsonEntry).join(',\n')}`);
    }
    written += page.entries.length;
    read += page.read;
    after = page.next;
    onProgress?.({ written, read, total });
  } while (after);
  if (format === 'json') file.append(`${written > 0 ? '\n' : ''}  ],\n  "total": ${written}\n}\n`);
  return { blob: file.toBlob(), written };
}
