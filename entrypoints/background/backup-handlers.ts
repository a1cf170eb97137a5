import type { DalilDatabase } from '@/utils/db/open';
import type { Handlers } from '@/utils/messaging/router';

export interface BackupHandlerDeps {
  db: () => Promise<DalilDatabase>;
  actorName: () => Promise<string>;
  now: () => string;
}

/** One file holding everything; restoring it gives back the same data, or changes nothing. */
export function backupHandlers(_deps: BackupHandlerDeps): Pick<Handlers, 'panel.createBackup' | 'panel.restoreBackup'> {
  return {
    'panel.createBackup': () => {
      throw new Error('Not built yet');
    },
    'panel.restoreBackup': () => {
      throw new Error('Not built yet');
    },
  };
}
