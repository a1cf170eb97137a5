import type { ActivityKind, ActivityLogEntry } from '../schemas/activity-log';
import type { LogDetails } from './log-details';

export function newActivityEntry(
  kind: ActivityKind,
  actor: string,
  details: LogDetails = {},
  extra: Pick<ActivityLogEntry, 'platform' | 'pageUrl'> = {},
): ActivityLogEntry {
  return {
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    kind,
    actor,
    details: details as ActivityLogEntry['details'],
    ...extra,
  };
}
