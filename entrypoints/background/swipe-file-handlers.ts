/** The swipe file's messages: saving ads (and their media) from library pages, and managing them from the panel. */
import { newActivityEntry } from '@/utils/activity/new-entry';
import type { AdSearchCache } from '@/utils/db/ad-search-cache';
import { applyBulkChunk, BULK_CHUNK, ensureAdSearch, targetAdIds } from '@/utils/db/ads-bulk';
import { adPage, adsByIds, isWholeFile, matchingAdKeys, newestAdIds, queryAds, swipeFacets } from '@/utils/db/ads-query';
import {
  listAds,
  purgeDeletedAds,
  queueMediaRetry,
  recordPageVisit,
  saveAds,
  setDeleted,
  setFollowed,
  updateAdNotes,
} from '@/utils/db/ads-repo';
import { AFTER_OPENING_MS, type KnownCounts } from '@/utils/db/known-counts';
import { queryFollowed } from '@/utils/db/list-query';
import type { DalilDatabase } from '@/utils/db/open';
import type { ChangeBroadcast } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';
import { matchRows } from '@/utils/swipe-file/match-rows';
import { blobToDataUrl, dataUrlToBlob } from '@/utils/swipe-file/media-download';
import type { SwipeFilter } from '@/utils/swipe-file/swipe-filter';
import { listRowsCheck } from './list-rows-check';
import { createMediaQueue, type MediaQueue } from './media-queue';
import { importSwipeAds } from './swipe-import';

type SwipeFileMessages =
  | 'panel.listAds'
  | 'panel.getMedia'
  | 'panel.updateAd'
  | 'panel.deleteAds'
  | 'panel.undoDeleteAds'
  | 'panel.followAdvertiser'
  | 'content.followAdvertiser'
  | 'panel.listFollowed'
  | 'panel.importAds'
  | 'panel.retryMedia'
  | 'panel.mediaProgress'
  | 'content.saveAds'
  | 'content.pageAds'
  | 'panel.queryAds'
  | 'panel.getAds'
  | 'panel.advertiserAds'
  | 'panel.swipeFacets'
  | 'panel.countAds'
  | 'panel.targetAdIds'
  | 'panel.bulkAds'
  | 'panel.cancelOperation';

export interface SwipeFileDeps {
  db: () => Promise<DalilDatabase>;
  actorName: () => Promise<string>;
  /** `adIds`: the saved ads that changed, when they are few (the panel fetches only those). */
  broadcast: (topics: ChangeBroadcast['topics'], adIds?: string[]) => void;
  /** How far a long operation has got, for the page that started it. */
  progress?: (operationId: string, done: number, total: number) => void;
  now: () => string;
  /** Downloads run in the background of the save: injectable so tests can wait for them. */
  track?: (work: Promise<void>) => void;
  /** The queue of media owed (the background's, with its alarm); a plain one without scheduling otherwise. */
  media?: MediaQueue;
  /** The search rows in memory (the background's, told of its connection's writes); adSearch's indexes without it. */
  adSearch?: AdSearchCache;
  /** The followed advertisers' count the last check took (index.ts): a page counts nothing when it is known. */
  listCounts?: KnownCounts;
}

export function swipeFileHandlers(deps: SwipeFileDeps): Pick<Handlers, SwipeFileMessages> {
  const track = deps.track ?? ((work) => void work.catch(() => undefined));
  const media = deps.media ?? createMediaQueue({ db: deps.db, changed: (ids) => deps.broadcast(['ads'], ids) });
  /**
   * The search rows are derived: ads written around the repository (copied in by hand, a test's seed) are
   * found by three counts before each page and their rows derived then (one rebuild at a time).
   */
  let checking: Promise<{ rebuilt: boolean; rows: number }> | undefined;
  const cache = deps.adSearch;
  const searchRowsReady = (db: DalilDatabase) => {
    if (cache) return cache.check(db);
    checking ??= ensureAdSearch(db).finally(() => {
      checking = undefined;
    });
    return checking;
  };
  /** A filter's keys: from the rows in memory when the background holds them, else from the indexes. */
  const matching = async (db: DalilDatabase, filter: SwipeFilter, today = new Date()) =>
    cache ? matchRows(await cache.rows(db), filter, today) : matchingAdKeys(db, filter, today);
  /**
   * A page of the swipe file. With rows held, answered from them. The tab's opening page (the whole file's first)
   * is otherwise walked on the index alone (48 keys, whatever the file's size), with the count the last check or
   * read gave; only when none is known (a write since) does it wait for the counts check. What the opening does not
   * need waits until its media have been asked for (AFTER_OPENING_MS), so their reads are not queued behind it:
   * the counts check (three counts, ~40 ms at 10,000 ads; a rebuild for ads written around the background is
   * broadcast and the panel asks again) and reading the rows for the next change (~300 ms in chunks).
   */
  const queryPage = async (filter: SwipeFilter, page: { offset: number; limit: number }) => {
    const db = await deps.db();
    if (!cache) {
      await searchRowsReady(db);
      return queryAds(db, filter, page);
    }
    const opening = page.offset === 0 && isWholeFile(filter);
    const afterOpening = (checked: boolean) =>
      setTimeout(() => {
        if (!checked)
          void searchRowsReady(db).then(
            ({ rebuilt }) => rebuilt && deps.broadcast(['ads']),
            () => undefined,
          );
        void cache.rows(db).catch(() => undefined);
      }, AFTER_OPENING_MS);
    if (!cache.held() && isWholeFile(filter)) {
      const known = cache.count();
      // Without a count the check comes first, for the total; its rebuild would change the page.
      const check = known === undefined ? await searchRowsReady(db) : undefined;
      const answer = await adPage(db, { ids: await newestAdIds(db, page) }, check?.rows ?? known ?? 0, page);
      if (opening || check) afterOpening(check !== undefined);
      return answer;
    }
    if (opening) afterOpening(false);
    else if (!cache.held()) await searchRowsReady(db);
    const rows = await cache.rows(db);
    return adPage(db, matchRows(rows, filter), rows.length, page);
  };
  const followedRowsReady = listRowsCheck('followedSearch', deps.listCounts, () => deps.broadcast(['ads']));
  /** Bulk actions asked to stop (they check between chunks). */
  const cancelled = new Set<string>();
  const followAdvertiser: Handlers['panel.followAdvertiser'] = async ({ key, library, name, follow }) => {
    await setFollowed(await deps.db(), { key, library, name }, follow, deps.now());
    deps.broadcast(['ads']);
    return { ok: true as const };
  };

  return {
    'content.saveAds': async ({ ads, bulk }, sender) => {
      const db = await deps.db();
      const entry = newActivityEntry(
        'ad.saved',
        await deps.actorName(),
        {
          count: ads.length,
          bulk,
          library: ads[0].library,
          advertiser: ads[0].advertiserName ?? null,
          adId: ads.length === 1 ? ads[0].libraryAdId : null,
          // Per advertiser, for the Log tab's "ads saved per competitor" (details hold flat values: JSON text).
          ...(ads.length > 1
            ? {
                advertiserCounts: JSON.stringify(
                  ads.reduce<Record<string, number>>((counts, ad) => {
                    const name = ad.advertiserName ?? '';
                    counts[name] = (counts[name] ?? 0) + 1;
                    return counts;
                  }, {}),
                ),
              }
            : {}),
        },
        { pageUrl: sender.url && /^https?:/.test(sender.url) ? sender.url : undefined },
      );
      // Metadata and the media it is owed first, in one transaction: kept even if every download fails
      // or the worker stops; refused media (not the library's hosts) is recorded with its reason, never requested.
      const saved = await saveAds(db, ads, entry, { saveId: crypto.randomUUID(), now: deps.now() });
      deps.broadcast(
        ['ads', 'log'],
        saved.map((ad) => ad.id),
      );
      track(media.run());
      return { saved: saved.map((ad) => ad.id) };
    },

    'content.pageAds': async ({ ads }) => {
      const result = await recordPageVisit(await deps.db(), ads, deps.now());
      if (result.saved.length > 0) deps.broadcast(['ads'], result.saved);
      return result;
    },

    'panel.listAds': async () => listAds(await deps.db()),

    'panel.queryAds': async ({ filter, offset, limit }) => queryPage(filter, { offset, limit }),

    'panel.getAds': async ({ ids }) => adsByIds(await deps.db(), ids),

    'panel.advertiserAds': async ({ key }) => {
      const db = await deps.db();
      const keys = await db.getAllKeysFromIndex('adSearch', 'by-advertiser-key', key);
      const ads = await adsByIds(
        db,
        keys.map((k) => k[0]),
      );
      return ads.sort((a, b) => b.capturedAt.localeCompare(a.capturedAt));
    },

    'panel.swipeFacets': async () => {
      const db = await deps.db();
      // Deleted ads past their undo window go for good when the panel next looks (they are in no list already).
      await purgeDeletedAds(db);
      return swipeFacets(db);
    },

    'panel.countAds': async ({ target }) => {
      const db = await deps.db();
      return { count: (await targetAdIds(db, target, new Date(), (filter, today) => matching(db, filter, today))).length };
    },

    'panel.targetAdIds': async ({ target, offset, limit }) => {
      const db = await deps.db();
      const ids = await targetAdIds(db, target, new Date(), (filter, today) => matching(db, filter, today));
      return { ids: ids.slice(offset, offset + limit), total: ids.length };
    },

    'panel.bulkAds': async ({ operationId, target, action }) => {
      const db = await deps.db();
      const ids = await targetAdIds(db, target, new Date(), (filter, today) => matching(db, filter, today));
      const changed: string[] = [];
      let stopped = false;
      for (let done = 0; done < ids.length; done += BULK_CHUNK) {
        if (cancelled.delete(operationId)) {
          stopped = true;
          break;
        }
        changed.push(...(await applyBulkChunk(db, ids.slice(done, done + BULK_CHUNK), action, deps.now())));
        deps.progress?.(operationId, Math.min(done + BULK_CHUNK, ids.length), ids.length);
      }
      cancelled.delete(operationId);
      deps.broadcast(['ads'], changed.length <= 200 ? changed : undefined);
      // A deletion's ids come back for its Undo.
      return { changed: changed.length, ids: action.kind === 'delete' ? changed : [], cancelled: stopped };
    },

    'panel.cancelOperation': async ({ operationId }) => {
      cancelled.add(operationId);
      return { ok: true };
    },

    'panel.getMedia': async ({ blobIds }) => {
      const db = await deps.db();
      // Asked together in one transaction: one wait behind other reads, not one per image.
      const tx = db.transaction('media');
      const records = await Promise.all(blobIds.map((id) => tx.store.get(id)));
      const urls = await Promise.all(records.map((media) => media && blobToDataUrl(media.blob)));
      const out: Record<string, string> = {};
      for (const [i, id] of blobIds.entries()) {
        const url = urls[i];
        if (url) out[id] = url;
      }
      return out;
    },

    'panel.updateAd': async ({ id, tags, boards, note }) => {
      const ad = await updateAdNotes(await deps.db(), id, { tags, boards, note });
      deps.broadcast(['ads'], [id]);
      return { ok: Boolean(ad) };
    },

    'panel.deleteAds': async ({ ids }) => {
      const deleted = await setDeleted(await deps.db(), ids, deps.now());
      deps.broadcast(['ads']);
      return { deleted };
    },

    'panel.undoDeleteAds': async ({ ids }) => {
      const restored = await setDeleted(await deps.db(), ids, undefined);
      deps.broadcast(['ads']);
      return { restored };
    },

    'panel.followAdvertiser': followAdvertiser,
    'content.followAdvertiser': followAdvertiser,

    'panel.listFollowed': async ({ query = '', offset, limit }) => {
      const db = await deps.db();
      // The check's count is the page's total: no third and fourth count of every row.
      const { records } = await followedRowsReady(db, offset === 0);
      return queryFollowed(db, query, { offset, limit }, records);
    },

    'panel.retryMedia': async ({ ids }) => {
      const queued = await queueMediaRetry(await deps.db(), ids, crypto.randomUUID(), deps.now());
      if (queued > 0) track(media.run());
      return { queued };
    },

    'panel.mediaProgress': async () => media.progress(),

    // Small exports in one message; the panel sends ZIPs over a Port (swipe-zip-ports.ts).
    'panel.importAds': async ({ ads, media }) =>
      importSwipeAds(deps, ads, new Map(Object.entries(media).map(([fileId, dataUrl]) => [fileId, dataUrlToBlob(dataUrl)]))),
  };
}
