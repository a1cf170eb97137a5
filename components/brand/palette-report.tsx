import { useSignals } from '@preact/signals-react/runtime';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { assignPixels, hatchOverlay, highlightOverlay } from '@/utils/brand/highlight';
import type { PaletteReport } from '@/utils/brand/report';
import { checkAgainstPalette } from '@/utils/color/check';
import type { RgbaImage } from '@/utils/color/image';
import { hexToLab } from '@/utils/color/lab';
import { judgePixels, PIXEL_OFF, type PixelJudgement } from '@/utils/color/pixel-check';
import { formatDateTime, numberFormat } from '@/utils/i18n/locale';
import type { MessageKey } from '@/utils/i18n/messages';
import type { BrandKit } from '@/utils/schemas/brand-kit';
import { locale, t } from '@/utils/state/panel-store';
import { reportPixels } from './brand-state';

const VERDICT_STYLE = {
  pass: 'bg-emerald-700 text-white',
  warn: 'bg-amber-600 text-white',
  fail: 'bg-red-700 text-white',
} as const;
const VERDICT_MARK = { pass: '✓', warn: '!', fail: '✗' } as const;

/**
 * The report is a picture first: the checked image with the off-palette areas hatched (or, after a
 * click on a swatch, where that colour is), then the verdict, then each swatch with its share, the
 * nearest brand colour and ΔE2000. Checked against `kit` — the kit being edited, so changes to
 * tolerance or colours show at once.
 */
export function PaletteReportView({ report, kit }: { report: PaletteReport; kit: BrandKit }) {
  useSignals();
  const image = useReportPixels(report);
  // Each pixel judged by its own colour against the kit being edited: the share, the verdict and the
  // hatching all come from this one judgement, so they agree.
  const judged = useMemo(
    () =>
      image
        ? judgePixels(
            image,
            kit.colors.map((c) => hexToLab(c.hex)),
            kit.deltaETolerance,
          )
        : undefined,
    [image, kit],
  );
  const check = useMemo(
    // Until the pixels are decoded (a few ms), the check made when the image was read.
    () =>
      judged ? checkAgainstPalette(report.swatches, kit, judged) : (report.check ?? checkAgainstPalette(report.swatches, kit)),
    [report.swatches, report.check, kit, judged],
  );
  const percent = numberFormat(locale.value, { style: 'percent', maximumFractionDigits: 1 });
  const decimal = numberFormat(locale.value, { maximumFractionDigits: 1 });
  const [selected, setSelected] = useState<number | null>(null);
  const [markOff, setMarkOff] = useState(true);

  if (report.error || !report.image) {
    // Dalil's own reasons in the UI language; the browser's detail (English) underneath.
    const key = `palette.error.${report.errorCode}` as MessageKey;
    const known = report.errorCode && t(key) !== key ? t(key) : undefined;
    return (
      <article
        className="space-y-1 rounded-lg border border-red-200 p-2"
        data-testid="palette-report"
        data-report-id={report.id}
        data-verdict="error"
        data-via={report.via}
      >
        <p role="alert" className="m-0 rounded bg-red-50 p-2 text-red-900">
          {t('palette.error', { message: known ?? report.error ?? '' })}
        </p>
        {known && report.error && (
          <p className="m-0 text-xs text-slate-500" dir="ltr" data-testid="report-error-detail">
            {report.error}
          </p>
        )}
        <ReportMeta report={report} />
      </article>
    );
  }

  const verdict = check.verdict;
  return (
    <article
      className="space-y-2 rounded-lg border border-slate-200 p-2"
      data-testid="palette-report"
      data-report-id={report.id}
      data-verdict={verdict}
      data-on-share={check.onPaletteShare.toFixed(3)}
      data-via={report.via}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded-full px-2.5 py-0.5 text-sm font-semibold ${VERDICT_STYLE[verdict]}`} data-testid="verdict">
          {VERDICT_MARK[verdict]} {t(`palette.verdict.${verdict}`)}
        </span>
        <span className="text-slate-700">
          {report.swatches.length === 0
            ? t('palette.noSwatches')
            : t('palette.onShare', {
                share: percent.format(check.onPaletteShare),
                min: percent.format(kit.minOnPaletteShare),
              })}
        </span>
      </div>
      <ReportImage report={report} image={image} judged={judged} selected={selected} markOff={markOff} />
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={markOff} onChange={(e) => setMarkOff(e.target.checked)} />
          {t('palette.markOff')}
        </label>
        {selected !== null && report.swatches[selected] ? (
          <span>{t('palette.markSwatch', { hex: report.swatches[selected].hex.toUpperCase() })}</span>
        ) : (
          markOff && (
            <span className="flex items-center gap-1">
              <span
                aria-hidden="true"
                className="inline-block size-3 rounded-sm bg-[repeating-linear-gradient(45deg,#ff00aa_0_3px,#fff_3px_6px)]"
              />
              {t('palette.legend')}
            </span>
          )
        )}
      </div>
      <table className="w-full border-collapse text-xs">
        <thead>
          <tr className="text-slate-500">
            <th className="py-0.5 text-start font-medium">{t('palette.col.color')}</th>
            <th className="py-0.5 text-end font-medium">{t('palette.col.share')}</th>
            <th className="py-0.5 ps-2 text-start font-medium">{t('palette.col.nearest')}</th>
            <th className="py-0.5 text-end font-medium">{t('palette.col.deltaE')}</th>
          </tr>
        </thead>
        <tbody>
          {check.swatches.map((swatch, index) => (
            <tr
              key={`${swatch.hex}-${index}`}
              data-testid="report-swatch"
              data-hex={swatch.hex}
              data-share={swatch.share.toFixed(3)}
              data-nearest={swatch.nearest.name}
              data-delta-e={swatch.deltaE.toFixed(2)}
              data-on-palette={String(swatch.onPalette)}
              aria-selected={selected === index}
              onClick={() => setSelected(selected === index ? null : index)}
              className={`cursor-pointer border-t border-slate-100 ${selected === index ? 'bg-sky-50' : 'hover:bg-slate-50'}`}
            >
              <td className="py-1">
                <span className="flex items-center gap-1.5">
                  <span
                    aria-hidden="true"
                    className="size-5 shrink-0 rounded ring-1 ring-slate-300 ring-inset"
                    style={{ backgroundColor: swatch.hex }}
                  />
                  <Ltr className="font-mono">{swatch.hex.toUpperCase()}</Ltr>
                </span>
              </td>
              <td className="py-1 text-end tabular-nums">{percent.format(swatch.share)}</td>
              <td className="py-1 ps-2">
                <span className="flex items-center gap-1.5">
                  <span
                    aria-hidden="true"
                    className="size-4 shrink-0 rounded-full ring-1 ring-slate-300 ring-inset"
                    style={{ backgroundColor: swatch.nearest.hex }}
                  />
                  <Bidi className="truncate">{swatch.nearest.name}</Bidi>
                </span>
              </td>
              <td className="py-1 text-end tabular-nums">
                <span className={swatch.onPalette ? 'text-emerald-800' : 'font-semibold text-red-800'}>
                  {decimal.format(swatch.deltaE)}
                </span>
                <span className="sr-only"> {t(swatch.onPalette ? 'palette.on' : 'palette.off')}</span>
                <span aria-hidden="true" className={`ms-1 ${swatch.onPalette ? 'text-emerald-700' : 'text-red-700'}`}>
                  {swatch.onPalette ? '✓' : '✗'}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ReportMeta report={report} />
    </article>
  );
}

function ReportMeta({ report }: { report: PaletteReport }) {
  useSignals();
  return (
    <div className="space-y-0.5 text-xs text-slate-500" data-testid="report-meta">
      <p className="m-0">
        <span className="font-medium text-slate-700">{t(`palette.origin.${report.origin}`)}</span> ·{' '}
        {formatDateTime(locale.value, report.at)} · <span data-testid="report-via">{t(`palette.via.${report.via}`)}</span>
      </p>
      <p className="m-0 truncate">
        <Ltr>{report.label}</Ltr>
      </p>
      {report.image && (
        <p className="m-0">
          {t('palette.size', {
            width: report.image.sourceWidth,
            height: report.image.sourceHeight,
            checkedWidth: report.image.width,
            checkedHeight: report.image.height,
          })}
          {report.timings && (
            <>
              {' · '}
              <span
                data-testid="report-timing"
                data-decode-ms={report.timings.decodeMs}
                data-extract-ms={report.timings.extractMs}
              >
                {t('palette.timing', { decode: report.timings.decodeMs, extract: report.timings.extractMs })}
              </span>
            </>
          )}
        </p>
      )}
    </div>
  );
}

/** The report's pixels (≤256 px), decoded once from its PNG; undefined until then. */
function useReportPixels(report: PaletteReport): RgbaImage | undefined {
  const [image, setImage] = useState<RgbaImage | undefined>();
  useEffect(() => {
    let live = true;
    setImage(undefined);
    void reportPixels(report).then((pixels) => live && setImage(pixels));
    return () => {
      live = false;
    };
  }, [report]);
  return image;
}

/**
 * The checked pixels on a canvas, hatched where they are off palette (each pixel judged by its own
 * colour), or, with a swatch selected, where that swatch's colour is.
 */
function ReportImage({
  report,
  image,
  judged,
  selected,
  markOff,
}: {
  report: PaletteReport;
  image: RgbaImage | undefined;
  judged: PixelJudgement | undefined;
  selected: number | null;
  markOff: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Which swatch each pixel belongs to: once per report, for showing where a selected swatch is.
  const assignment = useMemo(() => (image ? assignPixels(image, report.swatches) : undefined), [image, report.swatches]);

  useEffect(() => {
    const el = canvas.current;
    const context = el?.getContext('2d');
    if (!el || !context || !image || !assignment) return;
    el.width = image.width;
    el.height = image.height;
    const data = new Uint8ClampedArray(image.width * image.height * 4);
    data.set(image.data.subarray(0, data.length));
    context.putImageData(new ImageData(data, image.width, image.height), 0, 0);
    let hatch: Uint8ClampedArray<ArrayBuffer> | undefined;
    if (selected !== null) hatch = highlightOverlay(assignment, image.width, image.height, (i) => i === selected);
    else if (markOff && judged) {
      hatch = hatchOverlay(
        judged.marks.map((m) => (m === PIXEL_OFF ? 1 : 0)),
        image.width,
        image.height,
      );
    }
    if (!hatch) return;
    const overlay = new OffscreenCanvas(image.width, image.height);
    overlay.getContext('2d')?.putImageData(new ImageData(hatch, image.width), 0, 0);
    context.drawImage(overlay, 0, 0);
  }, [image, assignment, judged, selected, markOff]);

  const { width, height } = report.image ?? { width: 1, height: 1 };
  return (
    <canvas
      ref={canvas}
      data-testid="report-image"
      role="img"
      aria-label={report.label}
      className="mx-auto block w-full rounded bg-[conic-gradient(#e2e8f0_25%,#fff_0_50%,#e2e8f0_0_75%,#fff_0)] bg-[length:16px_16px]"
      // At most 320 px high, the shape kept: the width gives way, not the picture.
      style={{ aspectRatio: `${width} / ${height}`, maxWidth: `${Math.round((320 * width) / height)}px` }}
    />
  );
}
