/**
 * The activity log, archived to the workspace as dated, immutable JSON Lines objects
 * (`logs/<person>/<yyyy>/<mm>/<dd>/<batch>.jsonl`) that DuckDB, Athena, ClickHouse or Spark read as
 * they are. Each batch is one UTC day's run of entries, written create-only under a name made from
 * its first entry, and the mark moves past it only once the bucket has it: a worker stopped between
 * the upload and the mark writes the same name again, is refused as existing, and takes the mark
 * from the object already there — no entry twice, none skipped.
 */
import type { ActivityLogEntry } from '../schemas/activity-log';
import { logBatchKey } from './layout';
import type { S3Client, S3Failure } from './s3-client';
import type { LogArchiveMark } from './types';

/**
 * Entries this recent wait for the next run, so one stamped earlier but written later still gets in:
 * the log batcher writes within ~20 ms of stamping, a retried write within seconds.
 */
export const SETTLE_MS = 15_000;
export const BATCH_ENTRIES = 500;
/** Batches per run: a long backlog goes out over several runs, none holding the worker long. */
const MAX_BATCHES = 20;

export interface ArchiveDeps {
  client: S3Client;
  person: string;
  readAfter: (mark: LogArchiveMark, options: { before: string; limit: number }) => Promise<ActivityLogEntry[]>;
  mark: () => Promise<LogArchiveMark>;
  saveMark: (mark: LogArchiveMark) => Promise<void>;
  now?: () => Date;
}

export interface ArchiveRun {
  objects: number;
  entries: number;
  failure?: S3Failure;
}

const dayOf = (at: string) => at.slice(0, 10);

export async function archiveLog({
  client,
  person,
  readAfter,
  mark: readMark,
  saveMark,
  now = () => new Date(),
}: ArchiveDeps): Promise<ArchiveRun> {
  const run: ArchiveRun = { objects: 0, entries: 0 };
  let mark = await readMark();
  const before = new Date(now().getTime() - SETTLE_MS).toISOString();
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const read = await readAfter(mark, { before, limit: BATCH_ENTRIES });
    if (read.length === 0) break;
    const day = dayOf(read[0].at);
    const entries = read.filter((entry) => dayOf(entry.at) === day);
    const first = entries[0];
    const key = logBatchKey(person, first.at, first.id);
    const body = `${entries.map((entry) => JSON.stringify(entry)).join('\n')}\n`;
    const put = await client.put(key, body, { contentType: 'application/x-ndjson', createOnly: true });
    let last = entries[entries.length - 1];
    let written = entries.length;
    if (!put.ok && put.kind === 'conflict') {
      // Written before (a run cut short after its upload): go on from what the object holds.
      const existing = await client.get(key);
      const lines = existing.ok ? ((await existing.body?.text()) ?? '').trim().split('\n') : [];
      const lastLine = lines.at(-1);
      if (!lastLine) {
        run.failure = existing.ok ? { kind: 'http', status: 200, code: 'EmptyObject', detail: key } : existing;
        break;
      }
      last = JSON.parse(lastLine) as ActivityLogEntry;
      written = 0;
    } else if (!put.ok) {
      run.failure = put;
      break;
    }
    mark = {
      ...mark,
      afterAt: last.at,
      afterId: last.id,
      objects: mark.objects + (written > 0 ? 1 : 0),
      entries: mark.entries + written,
      lastArchivedAt: now().toISOString(),
    };
    await saveMark(mark);
    run.objects += written > 0 ? 1 : 0;
    run.entries += written;
  }
  const { lastError: _, ...rest } = mark;
  await saveMark({
    ...rest,
    lastRunAt: now().toISOString(),
    ...(run.failure
      ? {
          lastError: {
            kind: run.failure.kind,
            detail: 'detail' in run.failure ? run.failure.detail : undefined,
            at: now().toISOString(),
          },
        }
      : {}),
  });
  return run;
}
