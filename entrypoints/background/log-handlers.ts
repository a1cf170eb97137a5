import { listActivity } from '@/utils/db/activity-log-repo';
import { countLog, logStats, queryLog } from '@/utils/db/log-query';
import type { DalilDatabase } from '@/utils/db/open';
import type { Handlers } from '@/utils/messaging/router';

export interface LogHandlerDeps {
  db: () => Promise<DalilDatabase>;
}

/** The Log tab's queries: time ranges and filters over the activity log's indexes. */
export function logHandlers(
  deps: LogHandlerDeps,
): Pick<Handlers, 'panel.listLog' | 'panel.queryLog' | 'panel.countLog' | 'panel.logStats'> {
  return {
    'panel.listLog': async ({ limit }) => listActivity(await deps.db(), limit),
    'panel.queryLog': async (query) => queryLog(await deps.db(), query),
    'panel.countLog': async (query) => countLog(await deps.db(), query),
    'panel.logStats': async (range) => logStats(await deps.db(), range),
  };
}
