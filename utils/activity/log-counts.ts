/**
 * Per-hour counts kept beside the activity log, so the Log tab's totals and charts do not walk the
 * log: in Chromium, IndexedDB's `count()` and `getAll()` step through every entry of a range (a week
 * of 6,500 entries: ~60 ms to count, ~100 ms to read). The counts are derived data: written in the
 * same transaction as the entries (putLogEntries), rebuilt from the log after a restore or when
 * missing, never backed up.
 *
 * One record per (UTC hour, kind, dimension): `kind` is an activity kind or `*` (any kind); `dim` is
 * `''` (all), `p:<platform>`, `t:<templateId>`, `landed` (template insertions whose text landed), `a:<advertiser>`
 * (ads saved, counted per ad) or `v:<verdict>` (palette checks).
 */
import type { ActivityLogEntry } from '../schemas/activity-log';

export interface LogCount {
  /** `${hour}|${kind}|${dim}` */
  key: string;
  /** UTC hour, `YYYY-MM-DDTHH` (an ISO instant's first 13 characters). */
  hour: string;
  kind: string;
  dim: string;
  count: number;
}

export const hourOf = (at: string): string => at.slice(0, 13);

/** The counts one entry adds: `[kind, dim, n]`. */
function countsOf(entry: ActivityLogEntry): Array<[string, string, number]> {
  const out: Array<[string, string, number]> = [
    ['*', '', 1],
    [entry.kind, '', 1],
  ];
  if (entry.platform) out.push(['*', `p:${entry.platform}`, 1]);
  const { templateId } = entry.details;
  if (typeof templateId === 'string') {
    out.push(['*', `t:${templateId}`, 1]);
    if (entry.kind === 'template.inserted') out.push([entry.kind, `t:${templateId}`, 1]);
  }
  if (entry.kind === 'template.inserted' && entry.details.landed !== false) out.push([entry.kind, 'landed', 1]);
  if (entry.kind === 'palette.checked') {
    const verdict = entry.details.verdict;
    out.push([entry.kind, `v:${verdict === 'pass' || verdict === 'warn' || verdict === 'fail' ? verdict : 'error'}`, 1]);
  }
  if (entry.kind === 'ad.saved') for (const [name, n] of adsPerAdvertiser(entry)) out.push([entry.kind, `a:${name}`, n]);
  return out;
}

/**
 * Ads saved by advertiser for one `ad.saved` entry: a bulk save's `advertiserCounts` (JSON text: log
 * details are flat values); else its `count` under its `advertiser`; entries without one (imports) under `''`.
 */
export function adsPerAdvertiser(entry: ActivityLogEntry): Array<[string, number]> {
  const { advertiser, count, advertiserCounts } = entry.details;
  if (typeof advertiserCounts === 'string') {
    try {
      const parsed: unknown = JSON.parse(advertiserCounts);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return Object.entries(parsed)
          .filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0)
          .map(([name, n]) => [name.trim(), n]);
      }
    } catch {
      // Not JSON: fall back to the entry's own advertiser and count.
    }
  }
  const name = typeof advertiser === 'string' ? advertiser.trim() : '';
  return [[name, typeof count === 'number' && Number.isFinite(count) && count > 0 ? count : 1]];
}

/** Sums the counts of many entries by record key. */
export function tally(entries: Iterable<ActivityLogEntry>): Map<string, LogCount> {
  const counts = new Map<string, LogCount>();
  for (const entry of entries) {
    const hour = hourOf(entry.at);
    for (const [kind, dim, n] of countsOf(entry)) {
      const key = `${hour}|${kind}|${dim}`;
      const seen = counts.get(key);
      if (seen) seen.count += n;
      else counts.set(key, { key, hour, kind, dim, count: n });
    }
  }
  return counts;
}
