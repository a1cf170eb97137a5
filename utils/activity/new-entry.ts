import type { ActivityKind, ActivityLogEntry } from '../schemas/activity-log';

export function newActivityEntry(
  kind: ActivityKind,
  actor: string,
  details: ActivityLogEntry['details'] = {},
  extra: Pick<ActivityLogEntry, 'platform' | 'pageUrl'> = {},
): ActivityLogEntry {
  return { id: crypto.randomUUID(), at: new Date().toISOString(), kind, actor, details, ...extra };
}
