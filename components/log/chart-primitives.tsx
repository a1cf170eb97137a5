import { useId } from 'react';
import { dateFormat, formatNumber, type Locale } from '@/utils/i18n/locale';

/*
 * The chart primitives (small SVG charts) that log-charts.tsx composes into the Log tab. No chart library: a few rects and texts, each bar with a <title>
 * (its value, read on hover and by screen readers) and the chart with role="img", a title and a summary.
 *
 * Right to left: a chart is mirrored, not just its labels. The time axis runs from the right (oldest)
 * to the left (newest), the way an Arabic reader scans a row, and the value axis sits on the right;
 * ranked bars grow from the right edge with their labels on the right. Numbers are written with the
 * locale's digits. Each chart also holds its numbers as a visually hidden table (label, count) for screen
 * readers, which cannot move through an SVG's bars. Labels are user text (template titles, advertiser names): each is isolated
 * (FSI … PDI) so a Latin name in an Arabic chart, or the reverse, keeps its own order.
 */

const W = 320;
const FONT = 10;
const isolate = (text: string) => `\u2068${text}\u2069`;

/** At most `max` characters, with an ellipsis: SVG text does not wrap or clip by itself. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

interface Frame {
  title: string;
  summary: string;
  testId: string;
  /** The headers of the chart's hidden data table: what a row is (day, template…) and its count. */
  columns: [string, string];
}

function Figure({
  title,
  summary,
  testId,
  columns,
  rows = [],
  children,
}: Frame & { rows?: Array<[string, string]>; children: React.ReactNode }) {
  return (
    // Drawn in a 320-unit box: capped in width so a wide panel does not blow its text up past the page's.
    <figure className="m-0 max-w-md space-y-1" data-testid={testId}>
      <figcaption className="text-sm font-medium">{title}</figcaption>
      {children}
      <p className="m-0 text-xs text-slate-600">{summary}</p>
      {rows.length > 0 && (
        // Hidden by a wrapper, not on the table: Firefox draws a table's caption outside the table's own box,
        // so sr-only's clip on the table left the caption printed over the chart.
        <div className="sr-only">
          <table data-testid={`${testId}-table`}>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{columns[0]}</th>
                <th scope="col">{columns[1]}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, value], i) => (
                <tr key={i}>
                  <th scope="row">{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}

/**
 * The chart's direction is set on the root rather than inherited from the page, so `text-anchor` is known:
 * `start` is the left edge of a text in LTR and its right edge in RTL. Positions below are computed for
 * each direction, and the anchors follow from that.
 */
function Svg({
  title,
  summary,
  height,
  rtl,
  children,
}: {
  title: string;
  summary: string;
  height: number;
  rtl: boolean;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <svg
      viewBox={`0 0 ${W} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      direction={rtl ? 'rtl' : 'ltr'}
      style={{ direction: rtl ? 'rtl' : 'ltr' }}
      className="block max-w-full overflow-visible text-slate-600"
      fontSize={FONT}
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{summary}</desc>
      {children}
    </svg>
  );
}

export interface DayBar {
  /** `YYYY-MM-DD` */
  day: string;
  count: number;
}

/** "3 Mar" / "٣ مارس": a local day as a short axis label. */
export function dayLabel(locale: Locale, day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return dateFormat(locale, { day: 'numeric', month: 'short' }).format(new Date(y, m - 1, d));
}

/**
 * One bar per day, oldest at the start side. The value axis shows 0 and the maximum; each bar's number
 * is written above it when there are at most 14 days, and day labels are thinned to about 6.
 */
export function DayBars({
  data,
  locale,
  rtl,
  title,
  summary,
  valueTitle,
  testId,
  columns,
}: Frame & { data: DayBar[]; locale: Locale; rtl: boolean; valueTitle: (bar: DayBar) => string }) {
  const H = 150;
  const top = 14;
  const bottom = 20;
  const axis = 28;
  const plotH = H - top - bottom;
  const plotW = W - axis - 4;
  const n = Math.max(data.length, 1);
  const band = plotW / n;
  const max = Math.max(1, ...data.map((d) => d.count));
  const every = Math.max(1, Math.ceil(n / 6));
  // LTR: axis on the left, plot to its right. RTL: the mirror image.
  const plotStart = rtl ? W - axis : axis;
  const barX = (i: number) => (rtl ? plotStart - (i + 1) * band : plotStart + i * band);
  const axisX = rtl ? W - axis + 4 : axis - 4;
  // LTR: the number's right edge at the axis; RTL: its left edge. Both are the text's end.
  const axisAnchor = 'end';
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const rows = data.map((bar): [string, string] => [dayLabel(locale, bar.day), formatNumber(locale, bar.count)]);
  return (
    <Figure title={title} summary={summary} testId={testId} columns={columns} rows={rows}>
      <Svg title={title} summary={summary} height={H} rtl={rtl}>
        <g>
          <line x1={rtl ? 4 : axis} x2={rtl ? W - axis : W - 4} y1={y(0)} y2={y(0)} className="stroke-slate-300" />
          <line
            x1={rtl ? 4 : axis}
            x2={rtl ? W - axis : W - 4}
            y1={y(max)}
            y2={y(max)}
            className="stroke-slate-200"
            strokeDasharray="3 3"
          />
          <text x={axisX} y={y(0) + 3} textAnchor={axisAnchor} fill="currentColor">
            {formatNumber(locale, 0)}
          </text>
          <text x={axisX} y={y(max) + 3} textAnchor={axisAnchor} fill="currentColor">
            {formatNumber(locale, max)}
          </text>
        </g>
        {data.map((bar, i) => {
          const x = barX(i);
          const height = y(0) - y(bar.count);
          const showDay = i % every === 0 || i === data.length - 1;
          return (
            <g key={bar.day}>
              <rect
                data-bar={bar.day}
                x={x + band * 0.15}
                y={y(bar.count)}
                width={band * 0.7}
                height={height}
                className="fill-brand-600"
              >
                <title>{valueTitle(bar)}</title>
              </rect>
              {data.length <= 14 && bar.count > 0 && (
                <text x={x + band / 2} y={y(bar.count) - 3} textAnchor="middle" fill="currentColor">
                  {formatNumber(locale, bar.count)}
                </text>
              )}
              {showDay && (
                <text data-day-label x={x + band / 2} y={H - 6} textAnchor="middle" fill="currentColor">
                  {dayLabel(locale, bar.day)}
                </text>
              )}
            </g>
          );
        })}
      </Svg>
    </Figure>
  );
}

export interface RankItem {
  key: string;
  label: string;
  count: number;
  title: string;
}

/** Ranked horizontal bars: label at the start side, the bar after it, its number at the bar's end. */
export function RankBars({
  items,
  locale,
  rtl,
  title,
  summary,
  testId,
  columns,
  empty,
}: Frame & { items: RankItem[]; locale: Locale; rtl: boolean; empty: string }) {
  const row = 20;
  const labelW = 130;
  const valueW = 30;
  const barMax = W - labelW - valueW - 8;
  const H = Math.max(row, items.length * row) + 4;
  const max = Math.max(1, ...items.map((i) => i.count));
  if (items.length === 0)
    return (
      <Figure title={title} summary={summary} testId={testId} columns={columns}>
        <p className="m-0 text-xs text-slate-500">{empty}</p>
      </Figure>
    );
  const rows = items.map((item): [string, string] => [isolate(item.label), formatNumber(locale, item.count)]);
  return (
    <Figure title={title} summary={summary} testId={testId} columns={columns} rows={rows}>
      <Svg title={title} summary={summary} height={H} rtl={rtl}>
        {items.map((item, i) => {
          const yMid = i * row + row / 2 + 2;
          const width = Math.max(1, (item.count / max) * barMax);
          const barStart = rtl ? W - labelW - 4 - width : labelW + 4;
          const valueX = rtl ? barStart - 4 : barStart + width + 4;
          return (
            <g key={item.key}>
              <text
                data-label
                x={rtl ? W : 0}
                y={yMid + FONT / 2 - 1}
                textAnchor="start"
                fill="currentColor"
                className="fill-slate-800"
              >
                {isolate(shorten(item.label, 22))}
              </text>
              <rect data-bar={item.key} x={barStart} y={yMid - 6} width={width} height={12} rx={2} className="fill-brand-600">
                <title>{item.title}</title>
              </rect>
              <text x={valueX} y={yMid + FONT / 2 - 1} textAnchor="start" fill="currentColor">
                {formatNumber(locale, item.count)}
              </text>
            </g>
          );
        })}
      </Svg>
    </Figure>
  );
}

export interface Verdicts {
  pass: number;
  warn: number;
  fail: number;
  error: number;
}

const VERDICT_FILL: Record<keyof Verdicts, string> = {
  pass: '#15803d',
  warn: '#b45309',
  fail: '#b91c1c',
  error: '#94a3b8',
};

/**
 * The palette checks as one stacked bar (pass, close, fail, not checked: from the start side) with a
 * legend of the four counts under it. The pass rate in the summary is over the checks that gave a verdict.
 */
export function PaletteBar({
  palette,
  locale,
  rtl,
  title,
  summary,
  testId,
  columns,
  verdictLabel,
  empty,
}: Frame & { palette: Verdicts; locale: Locale; rtl: boolean; verdictLabel: (v: keyof Verdicts) => string; empty: string }) {
  const order: (keyof Verdicts)[] = ['pass', 'warn', 'fail', 'error'];
  const total = order.reduce((sum, v) => sum + palette[v], 0);
  if (total === 0)
    return (
      <Figure title={title} summary={summary} testId={testId} columns={columns}>
        <p className="m-0 text-xs text-slate-500">{empty}</p>
      </Figure>
    );
  const H = 54;
  let offset = 0;
  const rows = order.map((verdict): [string, string] => [verdictLabel(verdict), formatNumber(locale, palette[verdict])]);
  return (
    <Figure title={title} summary={summary} testId={testId} columns={columns} rows={rows}>
      <Svg title={title} summary={summary} height={H} rtl={rtl}>
        {order.map((verdict) => {
          const width = (palette[verdict] / total) * W;
          const x = rtl ? W - offset - width : offset;
          offset += width;
          if (palette[verdict] === 0) return null;
          return (
            <rect key={verdict} data-bar={verdict} x={x} y={0} width={width} height={16} fill={VERDICT_FILL[verdict]}>
              <title>{`${verdictLabel(verdict)}: ${formatNumber(locale, palette[verdict])}`}</title>
            </rect>
          );
        })}
        {order.map((verdict, i) => {
          const slot = W / 4;
          const x = rtl ? W - i * slot : i * slot;
          return (
            <g key={verdict}>
              <rect x={rtl ? x - 10 : x} y={28} width={10} height={10} fill={VERDICT_FILL[verdict]} />
              <text data-legend={verdict} x={rtl ? x - 14 : x + 14} y={37} textAnchor="start" fill="currentColor">
                {`${verdictLabel(verdict)}: ${formatNumber(locale, palette[verdict])}`}
              </text>
            </g>
          );
        })}
      </Svg>
    </Figure>
  );
}
