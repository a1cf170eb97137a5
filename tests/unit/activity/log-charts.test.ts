import { act, createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DayBars, PaletteBar, RankBars, shorten } from '../../../components/log/chart-primitives';
import { LogCharts } from '../../../components/log/log-charts';
import type { LogStats } from '../../../utils/activity/log-types';
import { DEFAULT_SETTINGS } from '../../../utils/schemas/settings';
import { settings } from '../../../utils/state/panel-store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement;
function render(element: ReactElement): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root?.render(element));
  return host;
}
afterEach(() => {
  act(() => root?.unmount());
  host.remove();
  root = undefined;
  settings.value = DEFAULT_SETTINGS;
});

const WEEK = [
  { day: '2026-03-01', count: 3 },
  { day: '2026-03-02', count: 0 },
  { day: '2026-03-03', count: 12 },
  { day: '2026-03-04', count: 5 },
  { day: '2026-03-05', count: 1 },
  { day: '2026-03-06', count: 0 },
  { day: '2026-03-07', count: 7 },
];

const frame = { title: 'Replies per day', summary: '28 replies', testId: 'chart', columns: ['Day', 'Count'] as [string, string] };
/** The chart's hidden data table, as a screen reader reads it: its headers, then each row's label and count. */
const table = (el: Element) => {
  const t = el.querySelector('table');
  if (!t) return undefined;
  return {
    caption: t.querySelector('caption')?.textContent,
    headers: [...t.querySelectorAll('thead th')].map((th) => th.textContent),
    rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
  };
};
const bars = (el: Element) => [...el.querySelectorAll('rect[data-bar]')];
const texts = (el: Element, selector = 'text') => [...el.querySelectorAll(selector)].map((t) => t.textContent);
const num = (el: Element, attr: string) => Number(el.getAttribute(attr));

describe('DayBars', () => {
  const dayBars = (rtl: boolean, locale: 'en' | 'ar' = 'en', data = WEEK) =>
    render(
      createElement(DayBars, {
        ...frame,
        data,
        locale,
        rtl,
        valueTitle: (bar) => `${bar.day}: ${bar.count} replies`,
      }),
    );

  it('draws one bar per day, heights in proportion, with a title each and the numbers written', () => {
    const el = dayBars(false);
    const svg = el.querySelector('svg[role="img"]');
    expect(svg?.querySelector('title')?.textContent).toBe('Replies per day');
    expect(svg?.querySelector('desc')?.textContent).toBe('28 replies');
    const rects = bars(el);
    expect(rects.map((r) => r.getAttribute('data-bar'))).toEqual(WEEK.map((d) => d.day));
    expect(rects.map((r) => r.querySelector('title')?.textContent)).toEqual(WEEK.map((d) => `${d.day}: ${d.count} replies`));
    const heights = rects.map((r) => num(r, 'height'));
    expect(heights[1]).toBe(0);
    expect(heights[2]).toBeCloseTo(heights[0] * 4, 5); // 12 vs 3
    // The value axis shows 0 and the maximum; each day with replies has its number above it.
    const all = texts(el);
    expect(all).toContain('0');
    expect(all.filter((t) => t === '12').length).toBe(2); // axis maximum and the bar's own label
    for (const n of ['3', '5', '1', '7']) expect(all).toContain(n);
    // Day labels: at most about 6, the first and last day always.
    const dayLabels = texts(el, 'text[data-day-label]');
    expect(dayLabels[0]).toBe('1 Mar');
    expect(dayLabels.at(-1)).toBe('7 Mar');
    // LTR: time runs left to right.
    const xs = rects.map((r) => num(r, 'x'));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('runs the time axis right to left in Arabic, with Arabic-Indic digits', () => {
    const el = dayBars(true, 'ar');
    expect(el.querySelector('svg')?.getAttribute('direction')).toBe('rtl');
    const xs = bars(el).map((r) => num(r, 'x'));
    expect(xs).toEqual([...xs].sort((a, b) => b - a));
    // Mirrored, not shifted: the oldest day sits where the newest sits in LTR.
    const ltr = bars(dayBars(false)).map((r) => num(r, 'x') + num(r, 'width') / 2);
    const rtl = xs.map((x, i) => x + num(bars(el)[i], 'width') / 2);
    for (let i = 0; i < ltr.length; i++) expect(rtl[i]).toBeCloseTo(320 - ltr[i], 5);
    expect(texts(el)).toContain('١٢');
  });

  it('thins the day labels and drops bar numbers on a long range', () => {
    const month = Array.from({ length: 30 }, (_, i) => ({ day: `2026-04-${String(i + 1).padStart(2, '0')}`, count: i % 4 }));
    const el = dayBars(false, 'en', month);
    expect(bars(el)).toHaveLength(30);
    const labels = texts(el, 'text[data-day-label]');
    expect(labels.length).toBeLessThanOrEqual(7);
    expect(labels.at(-1)).toBe('30 Apr');
    // Only the axis numbers remain (0 and the maximum 3).
    expect(texts(el, 'text:not([data-day-label])')).toEqual(['0', '3']);
  });

  it('holds every day and its count in a table a screen reader can move through, digits in the locale', () => {
    expect(table(dayBars(false))).toEqual({
      caption: 'Replies per day',
      headers: ['Day', 'Count'],
      rows: [
        ['1 Mar', '3'],
        ['2 Mar', '0'],
        ['3 Mar', '12'],
        ['4 Mar', '5'],
        ['5 Mar', '1'],
        ['6 Mar', '0'],
        ['7 Mar', '7'],
      ],
    });
    const arabic = table(dayBars(true, 'ar'));
    expect(arabic?.rows[2]).toEqual(['٣ مارس', '١٢']);
  });
});

describe('RankBars', () => {
  const items = [
    { key: 'thanks-ar', label: 'شكرًا على تواصلك', count: 40, title: 'شكرًا: 40' },
    { key: 'refund-en', label: 'Refund on the way', count: 20, title: 'Refund: 20' },
    { key: 'delay', label: 'A very long template title that will not fit the chart', count: 5, title: 'Delay: 5' },
  ];
  const rank = (rtl: boolean) =>
    render(createElement(RankBars, { ...frame, items, locale: 'en', rtl, empty: 'Nothing', testId: 'rank' }));

  it('draws a bar per item, longest for the largest, with labels isolated and shortened', () => {
    const el = rank(false);
    const rects = bars(el);
    expect(rects.map((r) => r.getAttribute('data-bar'))).toEqual(['thanks-ar', 'refund-en', 'delay']);
    expect(num(rects[1], 'width')).toBeCloseTo(num(rects[0], 'width') / 2, 5);
    expect(rects.map((r) => r.querySelector('title')?.textContent)).toEqual(['شكرًا: 40', 'Refund: 20', 'Delay: 5']);
    const labels = texts(el, 'text[data-label]');
    expect(labels[0]).toBe('\u2068شكرًا على تواصلك\u2069');
    expect(labels[2]).toBe(`\u2068${shorten(items[2].label, 22)}\u2069`);
    expect(labels[2]?.endsWith('…\u2069')).toBe(true);
    expect(texts(el)).toEqual(expect.arrayContaining(['40', '20', '5']));
    // The whole label, not the shortened one, in the table.
    expect(table(el)?.rows).toEqual([
      ['\u2068شكرًا على تواصلك\u2069', '40'],
      ['\u2068Refund on the way\u2069', '20'],
      [`\u2068${items[2].label}\u2069`, '5'],
    ]);
  });

  it('grows the bars from the right edge in Arabic, labels on the right', () => {
    const el = rank(true);
    for (const label of el.querySelectorAll('text[data-label]')) expect(num(label, 'x')).toBe(320);
    const rects = bars(el);
    const rightEdges = rects.map((r) => num(r, 'x') + num(r, 'width'));
    expect(new Set(rightEdges).size).toBe(1);
    expect(rightEdges[0]).toBeLessThan(320 - 100);
  });

  it('says there is nothing instead of an empty chart', () => {
    const el = render(
      createElement(RankBars, { ...frame, items: [], locale: 'en', rtl: false, empty: 'Nothing', testId: 'rank' }),
    );
    expect(el.querySelector('svg')).toBeNull();
    expect(el.querySelector('table')).toBeNull();
    expect(el.textContent).toContain('Nothing');
  });
});

describe('PaletteBar', () => {
  const label = (v: string) => ({ pass: 'Pass', warn: 'Close', fail: 'Fail', error: 'Not checked' })[v] ?? v;

  it('stacks the verdicts in proportion with a legend of the four counts', () => {
    const el = render(
      createElement(PaletteBar, {
        ...frame,
        palette: { pass: 6, warn: 2, fail: 2, error: 0 },
        locale: 'en',
        rtl: false,
        verdictLabel: label,
        empty: 'Nothing',
      }),
    );
    const rects = bars(el);
    expect(rects.map((r) => r.getAttribute('data-bar'))).toEqual(['pass', 'warn', 'fail']);
    expect(num(rects[0], 'width')).toBeCloseTo(320 * 0.6, 5);
    expect(num(rects[0], 'x')).toBe(0);
    expect(texts(el, 'text[data-legend]')).toEqual(['Pass: 6', 'Close: 2', 'Fail: 2', 'Not checked: 0']);
    expect(table(el)?.rows).toEqual([
      ['Pass', '6'],
      ['Close', '2'],
      ['Fail', '2'],
      ['Not checked', '0'],
    ]);
  });

  it('starts from the right in Arabic', () => {
    const el = render(
      createElement(PaletteBar, {
        ...frame,
        palette: { pass: 1, warn: 0, fail: 3, error: 0 },
        locale: 'ar',
        rtl: true,
        verdictLabel: label,
        empty: 'Nothing',
      }),
    );
    const [pass, fail] = bars(el);
    expect(num(pass, 'x') + num(pass, 'width')).toBeCloseTo(320, 5);
    expect(num(fail, 'x')).toBeCloseTo(0, 5);
    expect(texts(el, 'text[data-legend]')[0]).toBe('Pass: ١');
  });
});

describe('LogCharts', () => {
  const stats: LogStats = {
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-03-08T00:00:00.000Z',
    repliesPerDay: WEEK,
    topTemplates: [
      { templateId: 'thanks-ar', count: 9 },
      { templateId: 'gone', count: 2 },
    ],
    adsPerAdvertiser: [
      { advertiser: 'مكتبة جرير', count: 14 },
      { advertiser: '', count: 3 },
    ],
    palette: { pass: 3, warn: 1, fail: 0, error: 2 },
  };
  const titles: Record<string, string> = { 'thanks-ar': 'شكرًا' };

  for (const locale of ['en', 'ar'] as const)
    it(`shows the four charts with their numbers (${locale})`, () => {
      vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-GB');
      settings.value = { ...DEFAULT_SETTINGS, locale };
      const el = render(createElement(LogCharts, { stats, templateTitle: (id: string) => titles[id] }));
      const chart = (id: string) => el.querySelector(`[data-testid="${id}"]`) as HTMLElement;
      expect(bars(chart('log-chart-replies'))).toHaveLength(7);
      expect(texts(chart('log-chart-templates'), 'text[data-label]')).toEqual(['\u2068شكرًا\u2069', '\u2068gone\u2069']);
      const ads = texts(chart('log-chart-ads'), 'text[data-label]');
      expect(ads[0]).toBe('\u2068مكتبة جرير\u2069');
      expect(ads[1]).toBe(`\u2068${locale === 'ar' ? 'معلن غير ظاهر' : 'Advertiser not shown'}\u2069`);
      expect(bars(chart('log-chart-palette'))).toHaveLength(3);
      // Pass rate over the checks that gave a verdict: 3 of 4.
      expect(chart('log-chart-palette').textContent).toContain(locale === 'ar' ? '٧٥' : '75%');
      expect(chart('log-chart-replies').textContent).toContain(locale === 'ar' ? '٢٨' : '28 replies');
      const rtl = locale === 'ar';
      expect(chart('log-chart-replies').querySelector('svg')?.getAttribute('direction')).toBe(rtl ? 'rtl' : 'ltr');
      // Each chart's numbers in a table, with headers in the panel's language.
      expect(table(chart('log-chart-replies'))?.headers).toEqual(rtl ? ['اليوم', 'العدد'] : ['Day', 'Count']);
      expect(table(chart('log-chart-replies'))?.rows).toHaveLength(7);
      expect(table(chart('log-chart-templates'))?.rows[0]).toEqual(['\u2068شكرًا\u2069', rtl ? '٩' : '9']);
      expect(table(chart('log-chart-ads'))?.headers[0]).toBe(rtl ? 'المعلن' : 'Advertiser');
      expect(table(chart('log-chart-palette'))?.rows.map((r) => r[1])).toEqual(rtl ? ['٣', '١', '٠', '٢'] : ['3', '1', '0', '2']);
    });
});
