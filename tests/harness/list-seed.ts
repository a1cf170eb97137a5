/**
 * Followed advertisers and testimonials made up by number (even ones Arabic, odd ones English, a minute
 * apart, 0 the newest) and written straight into the extension's database: the long-list e2e and
 * bench/list-scale.ts share them.
 */
import type { Page } from 'playwright-core';

export const minutesBefore = (n: number) => new Date(Date.UTC(2026, 10, 30) - n * 60_000).toISOString();

/** Followed advertiser n: even ones Arabic, odd ones English; followed a minute apart, 0 the newest. */
export const followed = (n: number) => ({
  key: `meta:${5_000_000 + n}`,
  library: n % 3 ? 'meta' : 'tiktok',
  name: n % 2 ? `Acme Coffee ${n}` : `مقهى الهيل ${n}`,
  followedAt: minutesBefore(n),
  seenAdIds: Array.from({ length: 20 }, (_, i) => `${5_000_000 + n}-${i}`),
});
export const testimonial = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  author: n % 2 ? `Sara ${n}` : `أحمد ${n}`,
  text: n % 2 ? `Best flat white in town, visit ${n}` : `القهوة وصلت بسرعة، شكرا ${n}`,
  platform: n % 2 ? 'x' : 'facebook',
  savedAt: minutesBefore(n),
  savedBy: 'Lina',
});

/** Records put straight into a store of the extension's database, from one of its pages. */
export function seed(page: Page, store: string, records: unknown[]) {
  return page.evaluate(
    ({ store, records }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('dalil');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          for (const record of records) tx.objectStore(store).put(record);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, records },
  );
}
