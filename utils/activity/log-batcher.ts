import type { ActivityLogEntry } from '../schemas/activity-log';

export interface LogBatcher {
  /** Queues entries; resolves once they are written (or rejects with the write's error). */
  add(...entries: ActivityLogEntry[]): Promise<void>;
  /** Writes whatever is queued now. */
  flush(): Promise<void>;
}

/**
 * Collects log entries for a few milliseconds and writes them in one transaction per flush: a burst
 * of insertions or a bulk action costs one IndexedDB transaction, not one per entry. The delay is
 * far below the worker's idle timeout (30 s), so a worker never stops with entries still queued.
 */
export function createLogBatcher(options: {
  write: (entries: ActivityLogEntry[]) => Promise<void>;
  /** After each successful write (broadcast, webhook delivery). */
  written?: (entries: ActivityLogEntry[]) => void;
  delayMs?: number;
  maxBatch?: number;
}): LogBatcher {
  const delayMs = options.delayMs ?? 20;
  const maxBatch = options.maxBatch ?? 500;
  let queued: Array<{ entry: ActivityLogEntry; done: (error?: unknown) => void }> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (queued.length === 0) return;
    const batch = queued;
    queued = [];
    const entries = batch.map((q) => q.entry);
    try {
      await options.write(entries);
      for (const q of batch) q.done();
      options.written?.(entries);
    } catch (error) {
      for (const q of batch) q.done(error);
    }
  }

  return {
    add(...entries) {
      const written = Promise.all(
        entries.map(
          (entry) =>
            new Promise<void>((resolve, reject) => {
              queued.push({ entry, done: (error) => (error === undefined ? resolve() : reject(error)) });
            }),
        ),
      ).then(() => undefined);
      if (queued.length >= maxBatch) void flush();
      else timer ??= setTimeout(() => void flush(), delayMs);
      return written;
    },
    flush,
  };
}
