import { listActivity } from '@/utils/db/activity-log-repo';
import { logExportPage } from '@/utils/db/log-export';
import { countLog, logStats, queryLog } from '@/utils/db/log-query';
import { backfillLogWords } from '@/utils/db/log-words-repo';
import type { DalilDatabase } from '@/utils/db/open';
import type { Handlers } from '@/utils/messaging/router';

export interface LogHandlerDeps {
  db: () => Promise<DalilDatabase>;
}

/** The Log tab's queries: time ranges and filters over the activity log's indexes. */
export function logHandlers(
  deps: LogHandlerDeps,
): Pick<Handlers, 'panel.listLog' | 'panel.queryLog' | 'panel.countLog' | 'panel.logStats' | 'panel.exportLogPage'> {
  /** A text search also (re)starts the word index's backfill should it be unfinished (after a restore, a stopped worker). */
  const indexing = async (query: { text?: string }) => {
    const db = await deps.db();
    if (query.text) void backfillLogWords(db).catch(() => undefined);
    return db;
  };
  return {
    'panel.listLog': async ({ limit }) => listActivity(await deps.db(), limit),
    'panel.queryLog': async (query) => queryLog(await indexing(query), query),
    'panel.countLog': async (query) => countLog(await indexing(query), query),
    'panel.logStats': async (range) => logStats(await deps.db(), range),
    'panel.exportLogPage': async ({ after, size, ...query }) => logExportPage(await deps.db(), query, after, size),
  };
}
