/**
 * Bundled for the panel page by bench/log-scale.ts (globalThis.dalilSeedLog): writes log entries through
 * Dalil's own write path (putLogEntries: the entry, its word index row, its per-hour counts, its webhook
 * delivery when one is set), `batch` entries per transaction. Entry i is logged at END − i × 31.5 s, so a
 * million span a year and each larger size extends the log back in time, in the order a log is written
 * (one end at a time), with Dalil's random UUIDs as ids.
 */
import { openDB } from 'idb';
import { LOG_STORES, putLogEntries } from '../utils/db/activity-log-repo';
import type { DalilDB } from '../utils/db/schema';
import type { ActivityLogEntry } from '../utils/schemas/activity-log';

const END = Date.parse('2026-12-01T00:00:00.000Z');
const STEP_MS = 31_536;
const NOTES = ['شكراً على التواصل', 'سنرد عليك قريبا', 'تم الشحن اليوم', 'Thanks for reaching out', 'إعلان الصيف'];

export function logEntry(i: number): ActivityLogEntry {
  const r = (i * 2654435761) % 4294967296;
  const kind = r % 6;
  return {
    id: crypto.randomUUID(),
    at: new Date(END - i * STEP_MS - (r % 1000)).toISOString(),
    kind: kind < 3 ? 'template.inserted' : kind === 3 ? 'ad.saved' : kind === 4 ? 'palette.checked' : 'testimonial.saved',
    actor: 'Lina',
    platform: 'facebook',
    pageUrl: `https://www.facebook.com/post/${i}`,
    details:
      kind < 3
        ? { templateId: 'thanks-ar', landed: true }
        : kind === 3
          ? { advertiser: `Advertiser ${r % 400}` }
          : kind === 4
            ? { image: 'صورة الحملة.png', verdict: 'pass' }
            : { note: NOTES[r % NOTES.length] },
  };
}

/** Entries start … start + n − 1, `batch` per transaction. */
export async function seedLog(start: number, n: number, batch: number): Promise<void> {
  const db = await openDB<DalilDB>('dalil');
  try {
    for (let done = 0; done < n; done += batch) {
      const entries = Array.from({ length: Math.min(batch, n - done) }, (_, k) => logEntry(start + done + k));
      const tx = db.transaction([...LOG_STORES], 'readwrite');
      await Promise.all([putLogEntries(tx, entries), tx.done]);
    }
    // Every entry has its row: the backfill has nothing to do.
    await db.put('logWords', { at: '', id: '', done: true });
  } finally {
    db.close();
  }
}
