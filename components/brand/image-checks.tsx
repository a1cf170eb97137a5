import { useSignals } from '@preact/signals-react/runtime';
import { useState } from 'react';
import { Ltr } from '@/components/ui/bidi';
import { DropZone } from '@/components/ui/drop-zone';
import { FileButton } from '@/components/ui/file-button';
import { formatDateTime } from '@/utils/i18n/locale';
import { locale, openReportId, paletteReports, t } from '@/utils/state/panel-store';
import { activeKit, allReports, checkInPanel, reportVerdict } from './brand-state';
import { PaletteReportView } from './palette-report';

const VERDICT_DOT = { pass: 'bg-emerald-600', warn: 'bg-amber-500', fail: 'bg-red-600', error: 'bg-slate-400' } as const;

/**
 * The Brand tab's checks: the report asked for (from a page, a badge, a file), the drop zone for
 * local files — several at once, one report each — and the recent checks to switch between.
 */
export function ImageChecks() {
  useSignals();
  const [busy, setBusy] = useState<string | null>(null);
  const kit = activeKit.value;
  const reports = allReports.value;
  const wanted = openReportId.value;
  const shown = reports.find((r) => r.id === wanted) ?? (wanted ? undefined : reports[0]);
  const pending = wanted && !shown && paletteReports.value.open?.reportId === wanted;

  async function checkFiles(files: FileList | File[] | null | undefined) {
    // One at a time: each decode holds a full-size bitmap for a moment, and the panel stays responsive.
    for (const file of Array.from(files ?? [])) {
      setBusy(file.name);
      await checkInPanel(file, { origin: 'file', label: file.name });
    }
    setBusy(null);
  }

  return (
    <section className="space-y-2" aria-labelledby="brand-checks-title">
      <h2 id="brand-checks-title" className="m-0 text-base font-semibold">
        {t('brand.check.title')}
      </h2>
      {pending && (
        <p role="status" className="m-0 rounded bg-slate-50 p-2 text-slate-700" data-testid="report-pending">
          {t('palette.pending')}
        </p>
      )}
      {shown && kit && <PaletteReportView key={shown.id} report={shown} kit={kit} />}
      <DropZone onFiles={(files) => void checkFiles(files)} className="space-y-1" testId="image-drop-zone">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-slate-600">{t('brand.check.drop')}</span>
          <FileButton
            variant="primary"
            disabled={busy !== null}
            accept="image/*,.svg"
            multiple
            testId="image-file-input"
            onFiles={(files) => void checkFiles(files)}
          >
            {t('brand.check.pick')}
          </FileButton>
        </div>
        <p className="m-0 text-xs text-slate-500">{t('brand.check.hint')}</p>
        {busy && (
          <p role="status" className="m-0 text-xs text-slate-600">
            {t('brand.check.checking', { file: busy })}
          </p>
        )}
      </DropZone>
      {reports.length > 1 && kit && (
        <div>
          <h3 className="m-0 mb-1 text-sm font-semibold text-slate-700">{t('brand.check.recent')}</h3>
          <ul className="m-0 list-none space-y-0.5 p-0" data-testid="recent-reports">
            {reports.map((report) => {
              const verdict = reportVerdict(report, kit);
              return (
                <li key={report.id}>
                  <button
                    type="button"
                    onClick={() => {
                      openReportId.value = report.id;
                    }}
                    aria-current={report.id === shown?.id}
                    className={`flex w-full items-center gap-2 rounded px-1.5 py-1 text-start text-xs ${
                      report.id === shown?.id ? 'bg-brand-50' : 'hover:bg-slate-50'
                    }`}
                    data-testid="recent-report"
                    data-verdict={verdict}
                  >
                    <span aria-hidden="true" className={`size-2.5 shrink-0 rounded-full ${VERDICT_DOT[verdict]}`} />
                    <span className="shrink-0 text-slate-700">{t(`palette.origin.${report.origin}`)}</span>
                    <Ltr className="min-w-0 flex-1 truncate text-slate-500">{report.label}</Ltr>
                    <span className="shrink-0 text-slate-400">{formatDateTime(locale.value, report.at)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
