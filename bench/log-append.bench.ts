/**
 * Appending activity-log entries: Dalil's batching path (utils/activity/log-batcher createLogBatcher,
 * writing with utils/db/activity-log-repo appendActivity: one transaction per flush of up to 500)
 * against one appendActivity transaction per entry, on a fresh fake-indexeddb database opened with
 * openDalilDatabase for every run of either side. fake-indexeddb's absolute times are not
 * Chromium's (bench/ad-save-transactions.bench.ts measures real IndexedDB); what both sides pay
 * per transaction is the same, so the ratio says what batching saves.
 *
 * The issue's case is 10,000 entries. run.ts times each side with tinybench, at least 16 warm-up
 * and 5 measured runs per round over 6 rounds (~126 runs a side); 10,000 per-entry transactions
 * take 0.7–2 s in fake-indexeddb (warm–cold), so both sides at 10,000 would take 2–5 minutes on
 * this 2-core machine. The timing row therefore appends 1,000 entries (two flushes of 500 for
 * ours); the 10,000-entry row under it runs each side twice (alternating order, fresh database
 * each time) and reports the faster run. The whole file takes about 20 s.
 *
 * Each timed run includes opening the fresh database (every migration step), closing and deleting
 * it: the same constant on both sides (printed; well under a millisecond), which could only pull
 * the ratio toward 1.
 * The team webhook is off (as by default), so nothing is queued in the outbox.
 */
import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { seededRandom } from '../tests/seeded-random';
import { createLogBatcher } from '../utils/activity/log-batcher';
import { appendActivity } from '../utils/db/activity-log-repo';
import { type DalilDatabase, openDalilDatabase } from '../utils/db/open';
import type { ActivityKind, ActivityLogEntry } from '../utils/schemas/activity-log';
import type { Platform } from '../utils/schemas/common';
import type { Benchmark, ExtraRow } from './run';

const TIMED = 1_000;
const ISSUE = 10_000;
const PLATFORMS: Platform[] = ['facebook', 'instagram', 'x', 'linkedin', 'youtube', 'tiktok'];
const KINDS: ActivityKind[] = [
  ...Array<ActivityKind>(12).fill('template.inserted'),
  'ad.saved',
  'ad.saved',
  'palette.checked',
  'testimonial.saved',
];

/** A realistic mix (mostly insertions, which also count template use in the same transaction). */
function entries(count: number): ActivityLogEntry[] {
  const random = seededRandom(count);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const start = Date.parse('2026-05-01T08:00:00.000Z');
  return Array.from({ length: count }, (_, i) => {
    const kind = pick(KINDS);
    const platform = pick(PLATFORMS);
    const details: ActivityLogEntry['details'] =
      kind === 'template.inserted'
        ? { templateId: `template-${Math.floor(random() * 20)}`, technique: 'lexical', landed: true, via: 'shortcut' }
        : kind === 'ad.saved'
          ? { count: 1, bulk: false, library: 'meta', advertiser: `Advertiser ${Math.floor(random() * 40)}` }
          : kind === 'palette.checked'
            ? { verdict: pick(['pass', 'warn', 'fail']), onPaletteShare: random() }
            : { note: 'شكرا على التواصل' };
    return {
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      at: new Date(start + i * 1_000).toISOString(),
      kind,
      actor: pick(['أحمد', 'Sara', 'Omar']),
      platform,
      pageUrl: `https://www.${platform}.com/post/${i}`,
      details,
    };
  });
}

const INPUT = { [TIMED]: entries(TIMED), [ISSUE]: entries(ISSUE) };

let opened = 0;
/** A fresh database for one run, closed and deleted afterwards so the runs do not pile up in memory. */
async function withFreshDatabase(work: (db: DalilDatabase) => Promise<void>): Promise<void> {
  const name = `bench-log-append-${opened++}`;
  const db = await openDalilDatabase(name);
  try {
    await work(db);
  } finally {
    db.close();
    await deleteDB(name);
  }
}

/** Ours: every entry handed to the batcher on its own, as the background does; resolves when all are written. */
async function batched(db: DalilDatabase, all: ActivityLogEntry[]): Promise<void> {
  const batcher = createLogBatcher({ write: (batch) => appendActivity(db, batch) });
  await Promise.all(all.map((entry) => batcher.add(entry)));
}

/** The peer: one transaction per entry, each awaited before the next. */
async function perEntry(db: DalilDatabase, all: ActivityLogEntry[]): Promise<void> {
  for (const entry of all) await appendActivity(db, [entry]);
}

async function check(): Promise<void> {
  for (const append of [batched, perEntry]) {
    await withFreshDatabase(async (db) => {
      await append(db, INPUT[TIMED]);
      const stored = await db.count('activityLog');
      if (stored !== TIMED) throw new Error(`${append.name} stored ${stored} of ${TIMED} entries`);
    });
  }
}

async function timeOnce(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export const benchmark: Benchmark = {
  name: 'append 1,000 log entries (fake-indexeddb)',
  unit: 'ms per 1,000 entries, fresh database each run',
  ours: {
    label: 'createLogBatcher → appendActivity (Dalil)',
    run: () => withFreshDatabase((db) => batched(db, INPUT[TIMED])),
  },
  peer: {
    label: 'one transaction per entry',
    run: () => withFreshDatabase((db) => perEntry(db, INPUT[TIMED])),
  },
  extraRows: async (): Promise<ExtraRow[]> => {
    await check();
    const times = { ours: [] as number[], peer: [] as number[] };
    for (let round = 0; round < 2; round++) {
      const order = round === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const);
      for (const side of order) {
        const append = side === 'ours' ? batched : perEntry;
        times[side].push(await timeOnce(() => withFreshDatabase((db) => append(db, INPUT[ISSUE]))));
      }
    }
    const empty: number[] = [];
    for (let i = 0; i < 3; i++) empty.push(await timeOnce(() => withFreshDatabase(async () => undefined)));
    const overhead = Math.min(...empty);
    const [ours, peer] = [Math.min(...times.ours), Math.min(...times.peer)];
    return [
      {
        label: `${ISSUE.toLocaleString('en')} entries (ms, faster of 2 runs)`,
        ours: ours.toFixed(0),
        peer: peer.toFixed(0),
        note: `${(peer / ours).toFixed(2)}×`,
      },
      {
        label: 'of which: open + close + delete a fresh database (ms)',
        ours: overhead.toFixed(1),
        peer: overhead.toFixed(1),
      },
    ];
  },
};
