import { useSignals } from '@preact/signals-react/runtime';
import { useCallback, useEffect, useRef, useState } from 'react';
import { sendToBackground } from '@/utils/messaging/client';
import type { StoredAd } from '@/utils/schemas/stored-records';
import { adsChange } from '@/utils/state/panel-store';
import { EMPTY_FILTER, type SwipeFilter } from '@/utils/swipe-file/swipe-filter';

/** Ads per request: a few screens of cards. */
export const PAGE_SIZE = 48;

export interface AdWindow {
  /** Ads matching the filter, and in the whole swipe file; undefined until the first answer. */
  total?: number;
  all?: number;
  /** The ad at a position of the filtered list, if its page has arrived. */
  adAt: (index: number) => StoredAd | undefined;
  /** The positions on screen: their pages are fetched; pages far from them are let go. */
  show: (first: number, last: number) => void;
}

const sameFilter = (a: SwipeFilter, b: SwipeFilter) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The swipe file as a window: pages of the filtered list fetched from the background as they come on
 * screen, and only those kept. A change the background names by its ads (saved again, media arrived,
 * notes) is fetched ad by ad when every one is on screen and the order cannot have moved; otherwise
 * the pages on screen are asked again. Nothing reloads the whole swipe file.
 */
export function useAdWindow(filter: SwipeFilter): AdWindow {
  useSignals();
  const { revision, adIds: changedIds } = adsChange.value;
  const [, rerender] = useState(0);
  const pages = useRef(new Map<number, StoredAd[]>());
  const pending = useRef(new Set<number>());
  const counts = useRef<{ total?: number; all?: number }>({});
  const range = useRef({ first: 0, last: PAGE_SIZE - 1 });
  const generation = useRef(0);

  const fetchPage = useCallback(
    (page: number, gen: number) => {
      if (pending.current.has(page)) return;
      pending.current.add(page);
      void sendToBackground('panel.queryAds', { filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((answer) => {
          if (gen !== generation.current) return;
          pages.current.set(page, answer.ads);
          counts.current = { total: answer.total, all: answer.all };
          rerender((n) => n + 1);
        })
        .finally(() => pending.current.delete(page));
    },
    [filter],
  );

  const wanted = useCallback(() => {
    const { first, last } = range.current;
    const from = Math.floor(Math.max(0, first) / PAGE_SIZE);
    const to = Math.floor(Math.max(0, last) / PAGE_SIZE);
    return { from, to };
  }, []);

  const refresh = useCallback(() => {
    // A new generation: answers to older requests are dropped; the pages on screen are asked again.
    const gen = ++generation.current;
    pending.current.clear();
    const { from, to } = wanted();
    for (const page of [...pages.current.keys()]) if (page < from || page > to) pages.current.delete(page);
    for (let page = from; page <= to; page++) fetchPage(page, gen);
  }, [fetchPage, wanted]);

  // A new filter starts from the top, with nothing kept.
  const shownFilter = useRef(filter);
  const started = useRef(false);
  useEffect(() => {
    if (!sameFilter(shownFilter.current, filter)) pages.current.clear();
    shownFilter.current = filter;
    range.current = { first: 0, last: Math.max(range.current.last - range.current.first, PAGE_SIZE - 1) };
    if (started.current) return refresh();
    // The first run: the grid's effects ran first and may have asked for these pages already; nothing to drop.
    started.current = true;
    const { from, to } = wanted();
    for (let page = from; page <= to; page++) fetchPage(page, generation.current);
  }, [filter, refresh, fetchPage, wanted]);

  const lastRevision = useRef(revision);
  useEffect(() => {
    if (revision === lastRevision.current) return;
    lastRevision.current = revision;
    const ids = changedIds;
    const loaded = new Map<string, [number, number]>();
    for (const [page, ads] of pages.current) for (const [i, ad] of ads.entries()) loaded.set(ad.id, [page, i]);
    // Ads already shown, in an order a change cannot move (capture time is kept on a new save): fetch just them.
    const inPlace = ids !== undefined && ids.length > 0 && ids.every((id) => loaded.has(id)) && sameFilter(filter, EMPTY_FILTER);
    if (!inPlace) return refresh();
    const gen = generation.current;
    void sendToBackground('panel.getAds', { ids }).then((ads) => {
      if (gen !== generation.current) return;
      // One of them is gone (deleted elsewhere): the window is asked again.
      if (ads.length !== ids.length) return refresh();
      for (const ad of ads) {
        const at = loaded.get(ad.id);
        const page = at && pages.current.get(at[0]);
        if (at && page) page[at[1]] = ad;
      }
      rerender((n) => n + 1);
    });
  }, [revision, changedIds, filter, refresh]);

  const show = useCallback(
    (first: number, last: number) => {
      range.current = { first, last };
      const { from, to } = wanted();
      // Pages two or more screens away are let go (their media URLs went with their cards).
      for (const page of [...pages.current.keys()]) if (page < from - 1 || page > to + 1) pages.current.delete(page);
      for (let page = from; page <= to; page++) if (!pages.current.has(page)) fetchPage(page, generation.current);
    },
    [fetchPage, wanted],
  );

  const adAt = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  return { total: counts.current.total, all: counts.current.all, adAt, show };
}
