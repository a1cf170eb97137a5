/**
 * Exports of a target (the selection, or every ad matching the filters) without holding the set in the
 * panel: the ids come from the background a thousand at a time, the ads behind them a page at a time,
 * and each page becomes text at once (the file is kept as its parts until it is saved).
 */

import { sendToBackground } from '@/utils/messaging/client';
import { MAX_ADS_PER_PAGE } from '@/utils/messaging/protocol';
import type { StoredAd } from '@/utils/schemas/stored-records';
import { publicRecord, SWIPE_FORMAT, swipeCsv } from '@/utils/swipe-file/swipe-export';
import type { AdTarget } from '@/utils/swipe-file/swipe-filter';

export interface ExportProgress {
  onProgress: (done: number, total: number) => void;
  /** Checked between pages: an export stopped leaves no file. */
  cancelled: () => boolean;
}

export class ExportCancelled extends Error {}

/** The target's ads, a page at a time, in the swipe file's order. */
async function eachPage(target: AdTarget, progress: ExportProgress, use: (ads: StoredAd[]) => void | Promise<void>) {
  let total = Number.POSITIVE_INFINITY;
  let done = 0;
  for (let offset = 0; offset < total; offset += 1000) {
    const answer = await sendToBackground('panel.targetAdIds', { target, offset, limit: 1000 });
    total = answer.total;
    for (let i = 0; i < answer.ids.length; i += MAX_ADS_PER_PAGE) {
      if (progress.cancelled()) throw new ExportCancelled();
      const ads = await sendToBackground('panel.getAds', { ids: answer.ids.slice(i, i + MAX_ADS_PER_PAGE) });
      await use(ads);
      done += ads.length;
      progress.onProgress(done, total);
    }
    if (answer.ids.length === 0) break;
  }
}

/** The same file as swipeJson, written a page at a time. */
export async function exportJson(target: AdTarget, progress: ExportProgress): Promise<Blob> {
  const parts: string[] = [
    `{\n  "format": ${JSON.stringify(SWIPE_FORMAT)},\n  "formatVersion": 1,\n  "exportedAt": "${new Date().toISOString()}",\n  "ads": [`,
  ];
  let first = true;
  await eachPage(target, progress, (ads) => {
    for (const ad of ads) {
      parts.push(`${first ? '' : ','}\n    ${JSON.stringify(publicRecord(ad))}`);
      first = false;
    }
  });
  parts.push(first ? ']\n}\n' : '\n  ]\n}\n');
  return new Blob(parts, { type: 'application/json' });
}

/** The same file as swipeCsv: one header, a row per ad. */
export async function exportCsv(target: AdTarget, progress: ExportProgress): Promise<Blob> {
  const parts: string[] = [];
  await eachPage(target, progress, (ads) => {
    const csv = swipeCsv(ads);
    // Each page's text has the header (and the byte-order mark): only the first keeps them.
    parts.push(parts.length === 0 ? csv : csv.slice(csv.indexOf('\r\n') + 2));
  });
  return new Blob(parts.length > 0 ? parts : [swipeCsv([])], { type: 'text/csv' });
}

/** The ids of a target, in the swipe file's order (the ZIP's worker reads the ads behind them itself). */
export async function targetIds(target: AdTarget): Promise<string[]> {
  const ids: string[] = [];
  for (let total = Number.POSITIVE_INFINITY; ids.length < total; ) {
    const answer = await sendToBackground('panel.targetAdIds', { target, offset: ids.length, limit: 5000 });
    total = answer.total;
    if (answer.ids.length === 0) break;
    ids.push(...answer.ids);
  }
  return ids;
}
