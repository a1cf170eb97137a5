import { describe, expect, it } from 'vitest';
import { appendActivity } from '../../../utils/db/activity-log-repo';
import { queryLog } from '../../../utils/db/log-query';
import { backfillLogWords, backfillLogWordsBatch, PROGRESS_KEY } from '../../../utils/db/log-words-repo';
import { openDalilDatabase } from '../../../utils/db/open';
import type { ActivityLogEntry } from '../../../utils/schemas/activity-log';

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const entry = (n: number, at: string, note: string): ActivityLogEntry => ({
  id: uuid(n),
  at,
  kind: 'testimonial.saved',
  actor: '',
  details: { note },
});

describe("the log's word index backfill", () => {
  it('indexes an instant holding more entries than a batch, and ends', async () => {
    const db = await openDalilDatabase(`log-words-${Math.random()}`);
    const same = '2026-05-01T10:00:00.000Z';
    const entries = [
      ...Array.from({ length: 10 }, (_, i) => entry(i + 1, same, `شكرا جزيلا ${i}`)),
      entry(11, '2026-05-01T10:00:00.001Z', 'بعد ذلك'),
    ];
    await appendActivity(db, entries);
    await db.clear('logWords'); // as after a restore: nothing indexed, no mark
    let batches = 0;
    while (!(await backfillLogWordsBatch(db, 3))) expect(++batches).toBeLessThan(20);
    expect(await db.count('logWords')).toBe(1 + entries.length);
    expect(await db.get('logWords', PROGRESS_KEY)).toMatchObject({ done: true });
    expect((await queryLog(db, { text: 'شكرا', limit: 50 })).total).toBe(10);
    db.close();
  });

  it('resumes from its mark when stopped between batches, and writes new entries’ words with them', async () => {
    const db = await openDalilDatabase(`log-words-${Math.random()}`);
    const old = Array.from({ length: 30 }, (_, i) =>
      entry(i + 1, new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), `الشحن ${i}`),
    );
    await appendActivity(db, old);
    await db.clear('logWords');
    expect(await backfillLogWordsBatch(db, 8)).toBe(false);
    // The worker stops here; an entry is logged by the next one, then the backfill runs to its end.
    await appendActivity(db, [entry(99, '2026-12-01T00:00:00.000Z', 'شحن سريع')]);
    expect(await db.count('logWords')).toBe(1 + 8 + 1);
    await backfillLogWords(db);
    expect(await db.count('logWords')).toBe(1 + 31);
    // Typed without the article: every shipping entry, newest first.
    const page = await queryLog(db, { text: 'شحن', limit: 3 });
    expect(page.total).toBe(31);
    expect(page.entries.map((e) => e.id)).toEqual([uuid(99), uuid(30), uuid(29)]);
    db.close();
  });
});
