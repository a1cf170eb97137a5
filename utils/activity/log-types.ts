import type { ActivityKind, ActivityLogEntry } from '../schemas/activity-log';
import type { Platform } from '../schemas/common';

/** What the Log tab asks for: a time range (ISO, `from` inclusive, `to` exclusive) and filters. */
export interface LogQuery {
  from?: string;
  to?: string;
  kinds?: ActivityKind[];
  platform?: Platform;
  actor?: string;
  templateId?: string;
  /** Arabic-aware match on the entry's details and page URL. */
  text?: string;
  /** Newest first; at most this many. */
  limit: number;
  /**
   * Count every match for `total` (default). The list asks without (counting a large range costs
   * IndexedDB a step per entry: ~100 ms for a week of 6,500 in Chromium) and gets the total apart.
   */
  count?: boolean;
}

export interface LogPage {
  entries: ActivityLogEntry[];
  /** Entries matching the query in the range, counted even past `limit`; absent when `count` was false. */
  total?: number;
  /** More entries match than `entries` holds. */
  more: boolean;
}

/** The Log tab's charts, for one time range. Days are local calendar days `YYYY-MM-DD`. */
export interface LogStats {
  from: string;
  to: string;
  repliesPerDay: { day: string; count: number }[];
  topTemplates: { templateId: string; count: number }[];
  adsPerAdvertiser: { advertiser: string; count: number }[];
  palette: { pass: number; warn: number; fail: number; error: number };
}

/** Where an export has read up to: the [at, id] of the last entry looked at (id '\uffff': that whole instant). */
export interface LogExportCursor {
  at: string;
  id: string;
}

export interface LogExportPage {
  /** The matching entries of this page, oldest first. */
  entries: ActivityLogEntry[];
  /** Where the next page starts; absent when the range is read to its end. */
  next?: LogExportCursor;
  /** Entries looked at in this page, matching or not (for progress over an unfiltered count). */
  read: number;
}
