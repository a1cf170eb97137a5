import { useSignals } from '@preact/signals-react/runtime';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useAction } from '@/components/ui/use-action';
import { localDay } from '@/utils/activity/log-days';
import type { LogPage, LogStats } from '@/utils/activity/log-types';
import { createStreamedDownload } from '@/utils/export/streamed-download';
import { sendToBackground } from '@/utils/messaging/client';
import { guidance, logRevision, t } from '@/utils/state/panel-store';
import { LogCharts } from './log-charts';
import { type ExportProgress, writeLogExport } from './log-export';
import { FilterBar, RangePicker } from './log-filters';
import { LogList } from './log-list';
import { defaultCustom, exportName, type LogFilters, NO_FILTERS, type RangeChoice, rangeOf, toQuery } from './log-model';

const PAGE = 50;
/**
 * A text search's count stops past this many: counting a common word walks most of a large log (seconds at a
 * million entries) while the page itself is ready in milliseconds.
 */
const TEXT_COUNT_UP_TO = 10_000;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** How much of the range an export has read, 0–100. */
const percentOf = ({ read, total }: ExportProgress) => (total ? Math.min(100, Math.floor((read * 100) / total)) : 0);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The activity log: a range, its charts, then the entries of the range that match the filters, newest
 * first, 50 at a time. Everything is asked of the background (`panel.queryLog`, `panel.logStats`), which
 * reads the log's indexes; both are asked again whenever the background says the log changed.
 */
export function LogTab() {
  useSignals();
  // Bumped by the panel store on every 'log' broadcast.
  const changed = logRevision.value;
  const templates = guidance.value?.pack.templates;
  const [choice, setChoice] = useState<RangeChoice>(() => ({ preset: '7d', ...defaultCustom() }));
  const [filters, setFilters] = useState<LogFilters>(NO_FILTERS);
  const [limit, setLimit] = useState(PAGE);
  const [page, setPage] = useState<LogPage>();
  /** Counted apart from the page: counting a large range takes longer than reading its newest entries. */
  const [total, setTotal] = useState<{ count: number; more: boolean }>();
  const [stats, setStats] = useState<LogStats>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const { busy: exporting, run } = useAction({ onError: (e) => setError(message(e)) });
  const [progress, setProgress] = useState<ExportProgress>();
  const exportControl = useRef<AbortController>(undefined);

  // The range follows the calendar: a panel left open past midnight moves "today" on its next refresh.
  const today = localDay(new Date());
  // biome-ignore lint/correctness/useExhaustiveDependencies: `today` is the trigger.
  const range = useMemo(() => rangeOf(choice), [choice, today]);
  const settledFilters = useDebounced(filters, 200);

  const titles = useMemo(() => new Map((templates ?? []).map((tpl) => [tpl.id, tpl.title])), [templates]);
  const templateTitle = (id: string) => titles.get(id);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `changed` is the trigger.
  useEffect(() => {
    let stale = false;
    sendToBackground('panel.queryLog', { ...toQuery(range, settledFilters, limit), count: false })
      .then((result) => {
        if (stale) return;
        setPage(result);
        setError(undefined);
      })
      .catch((e) => !stale && setError(message(e)));
    return () => {
      stale = true;
    };
  }, [range.from, range.to, settledFilters, limit, changed]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `changed` is the trigger.
  useEffect(() => {
    let stale = false;
    setTotal(undefined);
    const { limit: _, ...query } = toQuery(range, settledFilters, 1);
    const upTo = query.text ? TEXT_COUNT_UP_TO : undefined;
    sendToBackground('panel.countLog', upTo ? { ...query, upTo } : query)
      .then((n) => !stale && setTotal(upTo && n > upTo ? { count: upTo, more: true } : { count: n, more: false }))
      .catch((e) => !stale && setError(message(e)));
    return () => {
      stale = true;
    };
  }, [range.from, range.to, settledFilters, changed]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `changed` is the trigger.
  useEffect(() => {
    let stale = false;
    sendToBackground('panel.logStats', range)
      .then((result) => !stale && setStats(result))
      .catch((e) => !stale && setError(message(e)));
    return () => {
      stale = true;
    };
  }, [range.from, range.to, changed]);

  function changeRange(next: RangeChoice) {
    setChoice(next);
    setLimit(PAGE);
    setNotice(undefined);
  }

  function changeFilters(next: LogFilters) {
    setFilters(next);
    setLimit(PAGE);
    setNotice(undefined);
  }

  function exportAs(format: 'csv' | 'json') {
    const controller = new AbortController();
    exportControl.current = controller;
    setNotice(undefined);
    return run(async () => {
      const { limit: _, ...query } = toQuery(range, filters, 1);
      // The bar's share is of the whole range (its count comes from the per-hour counts, at once).
      const total = await sendToBackground('panel.countLog', { from: range.from, to: range.to });
      setProgress({ written: 0, read: 0, total });
      // Written to a file in the extension's private file system as it goes, offered once whole.
      const file = await createStreamedDownload(format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
      try {
        const { written } = await writeLogExport(query, format, (page) => sendToBackground('panel.exportLogPage', page), file, {
          signal: controller.signal,
          total,
          onProgress: setProgress,
        });
        await file.save(`${exportName(range)}.${format}`);
        setNotice(t('logtab.exported', { count: written }));
      } catch (caught) {
        await file.discard();
        if (!controller.signal.aborted) throw caught;
        setNotice(t('logtab.exportCancelled'));
      } finally {
        setProgress(undefined);
        exportControl.current = undefined;
      }
    });
  }

  const filtered = Object.values(settledFilters).some(Boolean);

  return (
    <section className="space-y-3">
      <RangePicker value={choice} onChange={changeRange} />

      {stats && <LogCharts stats={stats} templateTitle={templateTitle} />}
      <p className="m-0 text-xs text-slate-500">{t('logtab.chartsNote')}</p>

      <FilterBar value={filters} onChange={changeFilters} />

      <div className="flex flex-wrap items-center gap-2 text-xs">
        {page && (
          <span className="text-slate-600" data-testid="log-count">
            {total === undefined
              ? t('logtab.countPending', { shown: page.entries.length })
              : t(total.more ? 'logtab.countMore' : 'logtab.count', { shown: page.entries.length, total: total.count })}
          </span>
        )}
        <span className="ms-auto flex gap-1.5">
          <Button
            className="px-2 py-0.5 text-xs"
            disabled={exporting || !page?.entries.length}
            onClick={() => void exportAs('csv')}
            data-testid="log-export-csv"
          >
            {t('logtab.export.csv')}
          </Button>
          <Button
            className="px-2 py-0.5 text-xs"
            disabled={exporting || !page?.entries.length}
            onClick={() => void exportAs('json')}
            data-testid="log-export-json"
          >
            {t('logtab.export.json')}
          </Button>
        </span>
      </div>
      {progress && (
        <div className="flex items-center gap-2 text-xs" data-testid="log-export-progress">
          <progress
            className="min-w-0 flex-1"
            max={100}
            value={percentOf(progress)}
            aria-label={t('logtab.exporting', { written: progress.written, percent: percentOf(progress) })}
          />
          <span role="status">{t('logtab.exporting', { written: progress.written, percent: percentOf(progress) })}</span>
          <Button className="px-2 py-0.5 text-xs" onClick={() => exportControl.current?.abort()} data-testid="log-export-cancel">
            {t('logtab.exportCancel')}
          </Button>
        </div>
      )}
      {notice && (
        <p className="m-0 text-xs text-slate-700" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="m-0 text-xs text-red-700" role="alert">
          {t('common.error', { message: error })}
        </p>
      )}

      {!page ? (
        <p className="text-slate-500">{t('common.loading')}</p>
      ) : page.entries.length === 0 ? (
        <p className="text-slate-500" data-testid="log-empty">
          {t(filtered ? 'logtab.emptyFiltered' : 'logtab.empty')}
        </p>
      ) : (
        <LogList entries={page.entries} templateTitle={templateTitle} />
      )}
      {page?.more && (
        <Button onClick={() => setLimit(limit + PAGE * 2)} data-testid="log-more">
          {t('logtab.more')}
        </Button>
      )}
    </section>
  );
}
