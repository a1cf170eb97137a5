import { localDay } from '@/utils/activity/log-days';
import type { LogQuery } from '@/utils/activity/log-types';
import { toCsv } from '@/utils/export/csv';
import type { ActivityKind, ActivityLogEntry } from '@/utils/schemas/activity-log';
import type { Platform } from '@/utils/schemas/common';

/** What the Log tab shows: a range preset (or two calendar dates) and the list's filters. */
export type RangePreset = 'today' | '7d' | '30d' | 'custom';

export interface RangeChoice {
  preset: RangePreset;
  /** `YYYY-MM-DD`, local; only for `custom`. */
  fromDay: string;
  /** `YYYY-MM-DD`, local, inclusive; only for `custom`. */
  toDay: string;
}

export interface LogFilters {
  kind: ActivityKind | '';
  platform: Platform | '';
  actor: string;
  templateId: string;
  text: string;
}

export const NO_FILTERS: LogFilters = { kind: '', platform: '', actor: '', templateId: '', text: '' };

/** Local midnight of a `YYYY-MM-DD` day, or undefined for anything else. */
function midnight(day: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const addDays = (date: Date, days: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);

/**
 * The instants `[from, to)` of a choice, in the runtime's time zone: whole local days, today included.
 * "Last 7 days" is today and the 6 days before it. A custom range includes its last day; dates given the
 * wrong way round are swapped, and a missing date stands for today.
 */
export function rangeOf(choice: RangeChoice, now = new Date()): { from: string; to: string } {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  let start: Date;
  let end: Date;
  if (choice.preset === 'custom') {
    start = midnight(choice.fromDay) ?? today;
    end = midnight(choice.toDay) ?? today;
    if (end < start) [start, end] = [end, start];
  } else {
    start = addDays(today, choice.preset === 'today' ? 0 : choice.preset === '7d' ? -6 : -29);
    end = today;
  }
  return { from: start.toISOString(), to: addDays(end, 1).toISOString() };
}

/** The default custom dates: the last 7 days. */
export function defaultCustom(now = new Date()): Pick<RangeChoice, 'fromDay' | 'toDay'> {
  return { fromDay: localDay(addDays(now, -6)), toDay: localDay(now) };
}

export function toQuery(range: { from: string; to: string }, filters: LogFilters, limit: number): LogQuery {
  const query: LogQuery = { from: range.from, to: range.to, limit };
  if (filters.kind) query.kinds = [filters.kind];
  if (filters.platform) query.platform = filters.platform;
  if (filters.actor.trim()) query.actor = filters.actor.trim().slice(0, 120);
  if (filters.templateId) query.templateId = filters.templateId;
  if (filters.text.trim()) query.text = filters.text.trim().slice(0, 200);
  return query;
}

export const LOG_CSV_HEADER = ['id', 'at', 'kind', 'actor', 'platform', 'pageUrl', 'details'];

/** One row per entry; `details` as JSON so every kind fits the same columns. */
export function logCsv(entries: ActivityLogEntry[]): string {
  return toCsv(
    LOG_CSV_HEADER,
    entries.map((e) => [e.id, e.at, e.kind, e.actor, e.platform, e.pageUrl, JSON.stringify(e.details)]),
  );
}

export interface LogExport {
  format: 'dalil.activity-log';
  formatVersion: 1;
  exportedAt: string;
  range: { from: string; to: string };
  filters: Omit<LogQuery, 'from' | 'to' | 'limit'>;
  total: number;
  entries: ActivityLogEntry[];
}

export function logJson(
  query: Omit<LogQuery, 'limit'> & { limit?: number },
  total: number,
  entries: ActivityLogEntry[],
  now = new Date(),
): string {
  const { from = '', to = '', limit: _limit, count: _count, ...filters } = query;
  const data: LogExport = {
    format: 'dalil.activity-log',
    formatVersion: 1,
    exportedAt: now.toISOString(),
    range: { from, to },
    filters,
    total,
    entries,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** `dalil-log-2026-03-01_2026-03-07`: the local days the export covers (the end day inclusive). */
export function exportName(range: { from: string; to: string }): string {
  return `dalil-log-${localDay(range.from)}_${localDay(new Date(Date.parse(range.to) - 1))}`;
}
