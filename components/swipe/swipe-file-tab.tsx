import { useSignals } from '@preact/signals-react/runtime';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { DayInLocale } from '@/components/ui/day-in-locale';
import { useFocusReturn } from '@/components/ui/focus-return';
import { SearchBox } from '@/components/ui/search-box';
import { ViewSwitch } from '@/components/ui/view-switch';
import { downloadBlob } from '@/utils/export/download';
import { sendToBackground } from '@/utils/messaging/client';
import type { StoredAd } from '@/utils/schemas/stored-records';
import { adsChange, direction, progress, swipeFacets, t } from '@/utils/state/panel-store';
import { daysRunning } from '@/utils/swipe-file/days-running';
import { type AdTarget, type BulkAdAction, EMPTY_FILTER, type SwipeFilter } from '@/utils/swipe-file/swipe-filter';
import { AdDetail } from './ad-detail';
import { AdMedia } from './ad-media';
import { ExportCancelled, exportCsv, exportJson, targetIds } from './export-target';
import { FollowedList } from './followed-list';
import { CardMediaStatus } from './media-status';
import { SharedBoardBar } from './shared-board-bar';
import { SwipeZipButtons } from './swipe-zip-buttons';
import { useAdWindow } from './use-ad-window';
import { VirtualGrid } from './virtual-grid';

/** Rows of cards are this far apart (card and gap): fixed, so the grid knows where each row is without drawing it. */
const CARD_ROW_HEIGHT = 236;

/** The ads chosen: some by id, or every ad matching the filter but those unticked. */
type Selection = { kind: 'ids'; ids: Set<string> } | { kind: 'matching'; except: Set<string> };
const NONE: Selection = { kind: 'ids', ids: new Set() };

/** The ad a detail shows: asked for when opened, and again when the swipe file changes. */
function useOpenAd(openId: string | undefined): StoredAd | undefined {
  const [ad, setAd] = useState<StoredAd>();
  const revision = adsChange.value.revision;
  useEffect(() => {
    void revision;
    if (!openId) return setAd(undefined);
    let live = true;
    void sendToBackground('panel.getAds', { ids: [openId] }).then(([found]) => live && setAd(found));
    return () => {
      live = false;
    };
  }, [openId, revision]);
  return ad?.id === openId ? ad : undefined;
}

const field = 'rounded border border-slate-300 px-1 py-0.5 text-xs';

const VIEWS = ['ads', 'followed'] as const;
const VIEW_LABEL = { ads: 'swipe.grid', followed: 'swipe.followed' } as const;

/** The saved ads, or the advertisers followed: one view at a time, each its own long list. */
export function SwipeFileTab() {
  useSignals();
  const [view, setView] = useState<(typeof VIEWS)[number]>('ads');
  return (
    <div className="space-y-2">
      <ViewSwitch views={VIEWS} labels={VIEW_LABEL} legend="swipe.views" value={view} onChange={setView} testId="swipe-views" />
      {view === 'ads' ? <SavedAds /> : <FollowedList />}
    </div>
  );
}

function SavedAds() {
  useSignals();
  const [filter, setFilter] = useState<SwipeFilter>(EMPTY_FILTER);
  const [selection, setSelection] = useState<Selection>(NONE);
  const [openId, setOpenId] = useState<string>();
  const [notice, setNotice] = useState<{ text: string; undo?: string[] }>();
  const [bulkValue, setBulkValue] = useState('');
  const [running, setRunning] = useState<{
    operationId?: string;
    label: 'swipe.progress' | 'swipe.exporting';
    cancel: () => void;
  }>();
  const exportCancelled = useRef(false);
  const shown = useAdWindow(filter);
  const set = (patch: Partial<SwipeFilter>) => {
    setFilter({ ...filter, ...patch });
    // A selection of "all matching" belongs to the filter it was made under.
    setSelection(NONE);
  };
  const rememberOpener = useFocusReturn(openId !== undefined);
  const facets = swipeFacets.value;
  const total = shown.total ?? 0;
  const selectedCount = selection.kind === 'ids' ? selection.ids.size : Math.max(0, total - selection.except.size);
  const target: AdTarget = selection.kind === 'ids' ? { ids: [...selection.ids] } : { filter, except: [...selection.except] };
  const exportTarget: AdTarget = selectedCount > 0 ? target : { filter, except: [] };
  const stamp = new Date().toISOString().slice(0, 10);
  const isSelected = (id: string) => (selection.kind === 'ids' ? selection.ids.has(id) : !selection.except.has(id));
  const progressOf = running?.operationId ? progress.value[running.operationId] : undefined;
  const onRange = useCallback((first: number, last: number) => shown.show(first, last), [shown.show]);

  const openAd = useOpenAd(openId);
  if (openId && openAd) return <AdDetail ad={openAd} onBack={() => setOpenId(undefined)} />;

  function toggle(id: string, on: boolean) {
    if (selection.kind === 'ids') {
      const ids = new Set(selection.ids);
      if (on) ids.add(id);
      else ids.delete(id);
      setSelection({ kind: 'ids', ids });
    } else {
      const except = new Set(selection.except);
      if (on) except.delete(id);
      else except.add(id);
      setSelection({ kind: 'matching', except });
    }
  }

  /** A bulk action over the selection, in chunks the background reports on; Cancel stops it between chunks. */
  async function bulk(action: BulkAdAction) {
    const operationId = crypto.randomUUID();
    setRunning({
      operationId,
      label: 'swipe.progress',
      cancel: () => void sendToBackground('panel.cancelOperation', { operationId }),
    });
    try {
      const result = await sendToBackground('panel.bulkAds', { operationId, target, action });
      setSelection(NONE);
      if (result.cancelled)
        setNotice({
          text: t('swipe.cancelled', { count: result.changed }),
          undo: action.kind === 'delete' ? result.ids : undefined,
        });
      else if (action.kind === 'delete') setNotice({ text: t('swipe.deleted', { count: result.changed }), undo: result.ids });
      else setNotice({ text: t('swipe.bulk.changed', { count: result.changed }) });
    } catch (error) {
      setNotice({ text: t('common.error', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setRunning(undefined);
      const { [operationId]: _done, ...rest } = progress.peek();
      progress.value = rest;
    }
  }

  async function download(kind: 'json' | 'csv') {
    exportCancelled.current = false;
    const onProgress = (done: number, total: number) => {
      progress.value = { ...progress.peek(), export: { done, total } };
    };
    setRunning({
      operationId: 'export',
      label: 'swipe.exporting',
      cancel: () => {
        exportCancelled.current = true;
      },
    });
    const steps = { onProgress, cancelled: () => exportCancelled.current };
    try {
      if (kind === 'json') downloadBlob(`dalil-swipe-file-${stamp}.json`, await exportJson(exportTarget, steps));
      else downloadBlob(`dalil-swipe-file-${stamp}.csv`, await exportCsv(exportTarget, steps));
    } catch (error) {
      if (!(error instanceof ExportCancelled))
        setNotice({ text: t('common.error', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setRunning(undefined);
      const { export: _done, ...rest } = progress.peek();
      progress.value = rest;
    }
  }

  function card(index: number) {
    const ad = shown.adAt(index);
    if (!ad)
      return (
        <div
          className="h-full rounded-lg border border-slate-200 bg-slate-50 p-2 text-xs text-slate-500"
          data-testid="swipe-card-loading"
        >
          {t('swipe.loadingCard')}
        </div>
      );
    const days = daysRunning(ad);
    return (
      <div className="h-full overflow-hidden rounded-lg border border-slate-200" data-testid="swipe-card" data-ad-id={ad.id}>
        <button
          type="button"
          className="block w-full text-start"
          data-focus-return={`ad:${ad.id}`}
          data-grid-focus
          onClick={(event) => {
            rememberOpener(event);
            setOpenId(ad.id);
          }}
        >
          <AdMedia ad={ad} className="h-24 w-full" />
          <div className="space-y-0.5 p-1.5">
            <Bidi className="block truncate font-medium">{ad.advertiserName ?? ad.libraryAdId}</Bidi>
            <div className="flex flex-wrap gap-1">
              <Badge tone="blue">
                <Ltr>{ad.library}</Ltr>
              </Badge>
              {ad.active !== undefined && (
                <Badge tone={ad.active ? 'green' : 'gray'}>
                  {t(ad.active ? 'swipe.status.active' : 'swipe.status.inactive')}
                </Badge>
              )}
              {days !== undefined && <Badge tone="amber">{t('swipe.days', { days })}</Badge>}
            </div>
            {(ad.text ?? ad.headline) && (
              <p dir="auto" className="m-0 line-clamp-2 text-xs text-slate-600">
                {ad.text ?? ad.headline}
              </p>
            )}
          </div>
        </button>
        <CardMediaStatus ad={ad} />
        <label className="flex items-center gap-1 border-t border-slate-100 px-1.5 py-0.5 text-xs">
          <input type="checkbox" checked={isSelected(ad.id)} onChange={(e) => toggle(ad.id, e.target.checked)} />
          <Ltr className="truncate text-slate-500">{ad.libraryAdId}</Ltr>
        </label>
      </div>
    );
  }

  return (
    <section className="space-y-2">
      <SearchBox label={t('swipe.search')} value={filter.query} onChange={(query) => set({ query })} grow={false} />
      <div className="flex flex-wrap gap-1.5" data-testid="swipe-filters">
        <select
          aria-label={t('swipe.allLibraries')}
          className={field}
          value={filter.library}
          onChange={(e) => set({ library: e.target.value as SwipeFilter['library'] })}
        >
          <option value="all">{t('swipe.allLibraries')}</option>
          {['meta', 'tiktok', 'google', 'linkedin'].map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <select
          aria-label={t('swipe.allAdvertisers')}
          className={field}
          value={filter.advertiser}
          onChange={(e) => set({ advertiser: e.target.value })}
        >
          <option value="">{t('swipe.allAdvertisers')}</option>
          {facets.advertisers.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <select
          aria-label={t('swipe.status')}
          className={field}
          value={filter.active}
          onChange={(e) => set({ active: e.target.value as SwipeFilter['active'] })}
        >
          <option value="all">{t('swipe.status.all')}</option>
          <option value="active">{t('swipe.status.active')}</option>
          <option value="inactive">{t('swipe.status.inactive')}</option>
        </select>
        {facets.tags.length > 0 && (
          <select aria-label={t('swipe.tag')} className={field} value={filter.tag} onChange={(e) => set({ tag: e.target.value })}>
            <option value="">{t('swipe.tag')}</option>
            {facets.tags.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        )}
        {facets.boards.length > 0 && (
          <select
            aria-label={t('swipe.board')}
            className={field}
            value={filter.board}
            onChange={(e) => set({ board: e.target.value })}
          >
            <option value="">{t('swipe.board')}</option>
            {facets.boards.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        )}
        <label className="flex items-center gap-1 text-xs">
          {t('swipe.minDays')}
          <input
            type="number"
            min={0}
            className={`${field} w-14`}
            value={filter.minDays || ''}
            onChange={(e) => set({ minDays: Number(e.target.value) || 0 })}
          />
        </label>
        <label className="flex items-center gap-1 text-xs">
          {t('swipe.from')}
          <input type="date" className={field} value={filter.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <DayInLocale day={filter.from} />
        <label className="flex items-center gap-1 text-xs">
          {t('swipe.to')}
          <input type="date" className={field} value={filter.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <DayInLocale day={filter.to} />
        <select
          aria-label={t('a11y.swipeSort')}
          className={field}
          value={filter.sort}
          onChange={(e) => set({ sort: e.target.value as SwipeFilter['sort'] })}
        >
          <option value="captured">{t('swipe.sort.captured')}</option>
          <option value="days">{t('swipe.sort.days')}</option>
        </select>
      </div>

      {filter.board && <SharedBoardBar board={filter.board} />}

      <div className="flex flex-wrap items-center gap-1.5 text-xs">
        <span data-testid="swipe-count" data-shown={shown.total} data-total={shown.all}>
          {shown.total === undefined ? t('swipe.loadingCard') : t('swipe.count', { shown: total, total: shown.all ?? 0 })}
        </span>
        {selectedCount > 0 && <span data-testid="swipe-selected">· {t('swipe.selected', { count: selectedCount })}</span>}
        <Button variant="ghost" disabled={total === 0} onClick={() => setSelection({ kind: 'matching', except: new Set() })}>
          {t('swipe.selectShown')}
        </Button>
        {selectedCount > 0 && (
          <Button variant="ghost" onClick={() => setSelection(NONE)}>
            {t('swipe.clearSelection')}
          </Button>
        )}
        <span className="ms-auto" />
        <Button disabled={total === 0 || running !== undefined} onClick={() => void download('json')}>
          JSON
        </Button>
        <Button disabled={total === 0 || running !== undefined} onClick={() => void download('csv')}>
          CSV
        </Button>
        {/* The ZIP streams from the worker (swipe-zip-buttons.tsx), given the target's ids when pressed. */}
        <SwipeZipButtons count={total} ids={() => targetIds(exportTarget)} onNotice={(text) => setNotice({ text })} />
        {selectedCount > 0 && (
          <Button variant="danger" disabled={running !== undefined} onClick={() => void bulk({ kind: 'delete' })}>
            {t('swipe.delete')}
          </Button>
        )}
      </div>

      {selectedCount > 0 && (
        <div className="flex flex-wrap items-center gap-1.5 text-xs" data-testid="swipe-bulk">
          <input
            aria-label={t('swipe.bulkValue')}
            dir="auto"
            className={`${field} w-32`}
            value={bulkValue}
            maxLength={40}
            onChange={(e) => setBulkValue(e.target.value)}
          />
          {(['addTag', 'removeTag', 'addBoard'] as const).map((kind) => (
            <Button
              key={kind}
              variant="ghost"
              disabled={!bulkValue.trim() || running !== undefined}
              onClick={() => void bulk({ kind, value: bulkValue.trim() })}
            >
              {t(`swipe.bulk.${kind}`)}
            </Button>
          ))}
        </div>
      )}

      {running && (
        <p role="status" className="m-0 flex items-center gap-2 rounded bg-slate-100 p-2" data-testid="swipe-bulk-progress">
          <progress
            className="w-32"
            max={progressOf?.total || 1}
            value={progressOf?.done ?? 0}
            aria-label={t(running.label, { done: progressOf?.done ?? 0, total: progressOf?.total ?? 0 })}
          />
          {t(running.label, { done: progressOf?.done ?? 0, total: progressOf?.total ?? 0 })}
          <Button variant="ghost" onClick={running.cancel}>
            {t('swipe.cancel')}
          </Button>
        </p>
      )}

      {notice && (
        <p role="status" className="m-0 flex items-center gap-2 rounded bg-slate-100 p-2" data-testid="swipe-notice">
          {notice.text}
          {notice.undo && (
            <Button
              variant="ghost"
              onClick={async () => {
                await sendToBackground('panel.undoDeleteAds', { ids: notice.undo ?? [] });
                setNotice(undefined);
              }}
            >
              {t('swipe.undo')}
            </Button>
          )}
        </p>
      )}

      {shown.all === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-slate-600">{t('swipe.empty')}</p>
      ) : (
        <VirtualGrid
          count={total}
          columns={2}
          rowHeight={CARD_ROW_HEIGHT}
          label={t('swipe.grid')}
          rtl={direction.value === 'rtl'}
          onRange={onRange}
          renderItem={card}
          testId="swipe-grid"
        />
      )}
    </section>
  );
}
