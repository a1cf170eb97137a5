import { describe, expect, it } from 'vitest';
import { logHandlers } from '../../../entrypoints/background/log-handlers';
import { appendActivity } from '../../../utils/db/activity-log-repo';
import { openDalilDatabase } from '../../../utils/db/open';
import type { ActivityLogEntry } from '../../../utils/schemas/activity-log';

const entry = (n: number, at: string, details: ActivityLogEntry['details']): ActivityLogEntry => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  at,
  kind: 'template.inserted',
  actor: 'Sara',
  details,
});

describe('log handlers', () => {
  it('answer panel.queryLog and panel.logStats from the database', async () => {
    const db = await openDalilDatabase(`log-handlers-${Date.now()}`);
    await appendActivity(db, [
      entry(1, '2026-03-01T10:00:00.000Z', { templateId: 'thanks-ar', landed: true }),
      entry(2, '2026-03-01T11:00:00.000Z', { templateId: 'thanks-ar', landed: false }),
      entry(3, '2026-03-02T11:00:00.000Z', { templateId: 'refund-en', landed: true }),
    ]);
    const handlers = logHandlers({ db: async () => db });
    const sender = { id: 'dalil' };
    const page = await handlers['panel.queryLog']({ templateId: 'thanks-ar', limit: 1 }, sender);
    expect(page.total).toBe(2);
    expect(page.entries.map((e) => e.id)).toEqual([entry(2, '', {}).id]);
    const stats = await handlers['panel.logStats']({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' }, sender);
    expect(stats.topTemplates).toEqual([
      { templateId: 'thanks-ar', count: 2 },
      { templateId: 'refund-en', count: 1 },
    ]);
    expect(stats.repliesPerDay.reduce((sum, d) => sum + d.count, 0)).toBe(2);
    db.close();
  });
});
