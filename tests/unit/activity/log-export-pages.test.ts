import { beforeAll, describe, expect, it } from 'vitest';
import { readEveryPage } from '../../../components/log/log-model';
import type { LogQuery } from '../../../utils/activity/log-types';
import { newActivityEntry } from '../../../utils/activity/new-entry';
import { appendActivity } from '../../../utils/db/activity-log-repo';
import { queryLog } from '../../../utils/db/log-query';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import type { ActivityLogEntry } from '../../../utils/schemas/activity-log';

/** 2,400 insertions in bursts: seven share each millisecond, so page boundaries fall inside an instant. */
let db: DalilDatabase;
let logged: ActivityLogEntry[];
const START = Date.parse('2026-11-20T09:00:00.000Z');
beforeAll(async () => {
  db = await openDalilDatabase(`export-pages-${Math.random()}`);
  logged = Array.from({ length: 2400 }, (_, i) => ({
    ...newActivityEntry('template.inserted', 'Lina', { templateId: `t${i % 5}`, landed: true }, { platform: 'x' }),
    at: new Date(START + Math.floor(i / 7)).toISOString(),
  }));
  await appendActivity(db, logged);
});

const range = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' };
const reads: LogQuery[] = [];
const read = (q: LogQuery) => {
  reads.push(q);
  return queryLog(db, q);
};

describe('exporting a range larger than one message holds', () => {
  it('reads every entry once, newest first, in pages that end mid-millisecond', async () => {
    reads.length = 0;
    const { entries, complete } = await readEveryPage(range, read, 100);
    expect(complete).toBe(true);
    expect(entries).toHaveLength(logged.length);
    expect(new Set(entries.map((e) => e.id)).size).toBe(logged.length);
    for (let i = 1; i < entries.length; i++) expect(entries[i - 1].at >= entries[i].at).toBe(true);
    expect(reads.length).toBeGreaterThanOrEqual(24);
    expect(reads.every((q) => q.limit === 100 && q.count === false)).toBe(true);
  });

  it('keeps the filters on every page, and stops at the cap saying it is incomplete', async () => {
    const filtered = await readEveryPage({ ...range, templateId: 't3' }, read, 64);
    expect(filtered.entries.map((e) => e.id).sort()).toEqual(
      logged
        .filter((e) => e.details.templateId === 't3')
        .map((e) => e.id)
        .sort(),
    );
    const capped = await readEveryPage(range, read, 100, 250);
    expect(capped).toMatchObject({ complete: false });
    expect(capped.entries).toHaveLength(250);
  });
});
