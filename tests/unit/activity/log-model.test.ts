import { describe, expect, it } from 'vitest';
import { exportName, LOG_CSV_HEADER, logCsv, logJson, NO_FILTERS, rangeOf, toQuery } from '../../../components/log/log-model';
import { daysBetween, localDay } from '../../../utils/activity/log-days';
import { foldForMatch } from '../../../utils/db/log-query';
import type { ActivityLogEntry } from '../../../utils/schemas/activity-log';
import { normalizeForSearch } from '../../../utils/search/normalize';
import { seededRandom } from '../../seeded-random';

const custom = { fromDay: '2026-03-01', toDay: '2026-03-07' };
const NOW = new Date(2026, 2, 10, 15, 30); // 10 March 2026, 15:30 local

describe('rangeOf', () => {
  it('covers whole local days, today included', () => {
    const today = rangeOf({ preset: 'today', ...custom }, NOW);
    expect(today).toEqual({ from: new Date(2026, 2, 10).toISOString(), to: new Date(2026, 2, 11).toISOString() });
    expect(rangeOf({ preset: '7d', ...custom }, NOW)).toEqual({
      from: new Date(2026, 2, 4).toISOString(),
      to: new Date(2026, 2, 11).toISOString(),
    });
    expect(rangeOf({ preset: '30d', ...custom }, NOW).from).toBe(new Date(2026, 1, 9).toISOString());
  });

  it('includes the last custom day, and swaps dates given the wrong way round', () => {
    const range = { from: new Date(2026, 2, 1).toISOString(), to: new Date(2026, 2, 8).toISOString() };
    expect(rangeOf({ preset: 'custom', ...custom }, NOW)).toEqual(range);
    expect(rangeOf({ preset: 'custom', fromDay: '2026-03-07', toDay: '2026-03-01' }, NOW)).toEqual(range);
    // An unfinished date stands for today.
    expect(rangeOf({ preset: 'custom', fromDay: '', toDay: '' }, NOW)).toEqual(rangeOf({ preset: 'today', ...custom }, NOW));
  });

  it('names the export after the days it covers', () => {
    expect(exportName(rangeOf({ preset: 'custom', ...custom }, NOW))).toBe('dalil-log-2026-03-01_2026-03-07');
  });
});

describe('daysBetween and localDay', () => {
  it('lists every local day once across a month boundary', () => {
    const days = daysBetween(new Date(2026, 1, 26).toISOString(), new Date(2026, 2, 3).toISOString());
    expect(days).toEqual(['2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(daysBetween('2026-03-02T00:00:00Z', '2026-03-01T00:00:00Z')).toEqual([]);
  });
});

describe('toQuery', () => {
  const range = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z' };
  it('sends only the filters that are set, trimmed', () => {
    expect(toQuery(range, NO_FILTERS, 50)).toEqual({ ...range, limit: 50 });
    expect(
      toQuery(range, { kind: 'ad.saved', platform: 'x', actor: ' سارة ', templateId: 'thanks-ar', text: ' جرير ' }, 10),
    ).toEqual({ ...range, limit: 10, kinds: ['ad.saved'], platform: 'x', actor: 'سارة', templateId: 'thanks-ar', text: 'جرير' });
  });
});

describe('exports', () => {
  const entries: ActivityLogEntry[] = [
    {
      id: '00000000-0000-4000-8000-000000000001',
      at: '2026-03-01T10:00:00.000Z',
      kind: 'template.inserted',
      actor: 'أحمد',
      platform: 'facebook',
      pageUrl: 'https://www.facebook.com/post/1',
      details: { templateId: 'thanks-ar', landed: true, via: 'shortcut' },
    },
    {
      id: '00000000-0000-4000-8000-000000000002',
      at: '2026-03-01T11:00:00.000Z',
      kind: 'ad.saved',
      actor: '=HYPERLINK("x")',
      details: { advertiser: 'Noon, "KSA"', count: 3 },
    },
  ];

  it('writes CSV with one row per entry and details as JSON, safe for spreadsheets', () => {
    const csv = logCsv(entries);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(LOG_CSV_HEADER.join(','));
    expect(lines[1]).toBe(
      '00000000-0000-4000-8000-000000000001,2026-03-01T10:00:00.000Z,template.inserted,أحمد,facebook,https://www.facebook.com/post/1,' +
        '"{""templateId"":""thanks-ar"",""landed"":true,""via"":""shortcut""}"',
    );
    // A formula is neutralised; empty platform and page stay empty cells.
    expect(lines[2]).toContain(`,"'=HYPERLINK(""x"")",,,`);
    expect(lines).toHaveLength(3);
  });

  it('writes JSON with the range, the filters and every entry', () => {
    const query = {
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-08T00:00:00.000Z',
      kinds: ['ad.saved' as const],
      limit: 200_000,
    };
    const data = JSON.parse(logJson(query, 2, entries, new Date('2026-03-09T00:00:00Z')));
    expect(data).toEqual({
      format: 'dalil.activity-log',
      formatVersion: 1,
      exportedAt: '2026-03-09T00:00:00.000Z',
      range: { from: query.from, to: query.to },
      filters: { kinds: ['ad.saved'] },
      total: 2,
      entries,
    });
  });
});

describe('foldForMatch', () => {
  it('folds exactly as normalizeForSearch, ASCII shortcut included', () => {
    const random = seededRandom(7);
    const alphabet = ['a', 'B', ' ', '\t', '/', '-', '9', 'É', 'é', 'أ', 'ة', 'ـ', '٣', '\u200f', 'ﻻ', 'Z', ':', '\n'];
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: Math.floor(random() * 20) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        '',
      );
      expect(foldForMatch(text), JSON.stringify(text)).toBe(normalizeForSearch(text));
    }
  });
});
