import type { DalilDatabase } from '@/utils/db/open';
import type { Handlers } from '@/utils/messaging/router';

export interface LogHandlerDeps {
  db: () => Promise<DalilDatabase>;
}

/** The Log tab's queries: time ranges and filters over the activity log's indexes. */
export function logHandlers(_deps: LogHandlerDeps): Pick<Handlers, 'panel.queryLog' | 'panel.logStats'> {
  return {
    'panel.queryLog': () => {
      throw new Error('Not built yet');
    },
    'panel.logStats': () => {
      throw new Error('Not built yet');
    },
  };
}
