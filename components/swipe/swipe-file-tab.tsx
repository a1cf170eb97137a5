import { useSignals } from '@preact/signals-react/runtime';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { DayInLocale } from '@/components/ui/day-in-locale';
import { useFocusReturn } from '@/components/ui/focus-return';
import { SearchBox } from '@/components/ui/search-box';
import { downloadText } from '@/utils/export/download';
import { sendToBackground } from '@/utils/messaging/client';
import { followedAdvertisers, swipeFile, t } from '@/utils/state/panel-store';
import { daysRunning } from '@/utils/swipe-file/days-running';
import { swipeCsv, swipeJson } from '@/utils/swipe-file/swipe-export';

import { EMPTY_FILTER, filterAds, type SwipeFilter } from '@/utils/swipe-file/swipe-filter';
import { AdDetail } from './ad-detail';
import { AdMedia } from './ad-media';
import { CardMediaStatus } from './media-status';
import { SwipeZipButtons } from './swipe-zip-buttons';

const field = 'rounded border border-slate-300 px-1 py-0.5 text-xs';

export function SwipeFileTab() {
  useSignals();
  const all = swipeFile.value;
  const [filter, setFilter] = useState<SwipeFilter>(EMPTY_FILTER);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [openId, setOpenId] = useState<string>();
  const [notice, setNotice] = useState<{ text: string; undo?: string[] }>();
  const set = (patch: Partial<SwipeFilter>) => setFilter({ ...filter, ...patch });
  const rememberOpener = useFocusReturn(openId !== undefined);

  // Recomputed per render: cheap for thousands of ads, and always in step with the signal.
  const shown = filterAds(all, filter);
  const advertisers = [...new Set(all.map((a) => a.advertiserName).filter(Boolean))].sort() as string[];
  const tags = [...new Set(all.flatMap((a) => a.tags))].sort();
  const boards = [...new Set(all.flatMap((a) => a.boards))].sort();
  const chosen = shown.filter((a) => selected.has(a.id));
  const exportSet = chosen.length > 0 ? chosen : shown;
  const stamp = new Date().toISOString().slice(0, 10);

  const open = all.find((a) => a.id === openId);
  if (open) return <AdDetail ad={open} onBack={() => setOpenId(undefined)} />;

  async function remove(ids: string[]) {
    await sendToBackground('panel.deleteAds', { ids });
    setSelected(new Set());
    setNotice({ text: t('swipe.deleted', { count: ids.length }), undo: ids });
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
          {advertisers.map((a) => (
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
        {tags.length > 0 && (
          <select aria-label={t('swipe.tag')} className={field} value={filter.tag} onChange={(e) => set({ tag: e.target.value })}>
            <option value="">{t('swipe.tag')}</option>
            {tags.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        )}
        {boards.length > 0 && (
          <select
            aria-label={t('swipe.board')}
            className={field}
            value={filter.board}
            onChange={(e) => set({ board: e.target.value })}
          >
            <option value="">{t('swipe.board')}</option>
            {boards.map((x) => (
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

      <div className="flex flex-wrap items-center gap-1.5 text-xs">
        <span data-testid="swipe-count">{t('swipe.count', { shown: shown.length, total: all.length })}</span>
        {chosen.length > 0 && <span>· {t('swipe.selected', { count: chosen.length })}</span>}
        <Button variant="ghost" onClick={() => setSelected(new Set(shown.map((a) => a.id)))}>
          {t('swipe.selectShown')}
        </Button>
        <span className="ms-auto" />
        <Button
          disabled={exportSet.length === 0}
          onClick={() => downloadText(`dalil-swipe-file-${stamp}.json`, swipeJson(exportSet), 'application/json')}
        >
          JSON
        </Button>
        <Button
          disabled={exportSet.length === 0}
          onClick={() => downloadText(`dalil-swipe-file-${stamp}.csv`, swipeCsv(exportSet), 'text/csv')}
        >
          CSV
        </Button>
        <SwipeZipButtons ids={exportSet.map((a) => a.id)} onNotice={(text) => setNotice({ text })} />
        {chosen.length > 0 && (
          <Button variant="danger" onClick={() => void remove(chosen.map((a) => a.id))}>
            {t('swipe.delete')}
          </Button>
        )}
      </div>

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

      {all.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-slate-600">{t('swipe.empty')}</p>
      ) : (
        <ul className="m-0 grid list-none grid-cols-2 gap-2 p-0" data-testid="swipe-grid">
          {shown.map((ad) => {
            const days = daysRunning(ad);
            return (
              <li
                key={ad.id}
                className="overflow-hidden rounded-lg border border-slate-200"
                data-testid="swipe-card"
                data-ad-id={ad.id}
              >
                <button
                  type="button"
                  className="block w-full text-start"
                  data-focus-return={`ad:${ad.id}`}
                  onClick={(event) => {
                    rememberOpener(event);
                    setOpenId(ad.id);
                  }}
                >
                  <AdMedia ad={ad} className="h-28 w-full" />
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
                  <input
                    type="checkbox"
                    checked={selected.has(ad.id)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if (e.target.checked) next.add(ad.id);
                      else next.delete(ad.id);
                      setSelected(next);
                    }}
                  />
                  <Ltr className="truncate text-slate-500">{ad.libraryAdId}</Ltr>
                </label>
              </li>
            );
          })}
        </ul>
      )}

      {followedAdvertisers.value.length > 0 && (
        <div data-testid="followed">
          <h2 className="m-0 mb-1 text-sm font-semibold">{t('swipe.followed')}</h2>
          <ul className="m-0 list-none space-y-1 p-0">
            {followedAdvertisers.value.map((f) => (
              <li key={f.key} className="flex items-center gap-2">
                <Bidi className="font-medium">{f.name}</Bidi>
                <Ltr className="text-xs text-slate-500">{f.library}</Ltr>
                <span className="text-xs">
                  {t('swipe.followedCount', { count: all.filter((a) => a.advertiserKey === f.key).length })}
                </span>
                <Button
                  variant="ghost"
                  className="ms-auto"
                  onClick={() =>
                    void sendToBackground('panel.followAdvertiser', {
                      key: f.key,
                      library: f.library,
                      name: f.name,
                      follow: false,
                    })
                  }
                >
                  {t('swipe.unfollow')}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
