/**
 * Runs on the four ad libraries: a Save control, a days-running badge and a saved mark on every ad
 * card, "new since your last visit" for followed advertisers, and "Save all visible". Cards loaded
 * by infinite scroll get their controls too. Reading the cards is the pure findCards/readAd of
 * utils/ad-libraries; everything added to the page lives in closed shadow roots.
 *
 * Cards are found at once (cheap) but read only as they come within a screen of the viewport, a few
 * per frame: a results page holds hundreds of cards, most never scrolled to, and reading one costs
 * a fraction of a millisecond that a page of them would spend at load and on every scroll batch.
 */
import { adLibraryExtractors, adLibraryForUrl } from '@/utils/ad-libraries';
import { AD_LIBRARY_MATCHES } from '@/utils/ad-libraries/matches';
import { loadPageLocale, pageDir, pageNumber, pageText } from '@/utils/i18n/page-text';
import { sendFromContent } from '@/utils/messaging/client';
import type { AdCapture } from '@/utils/schemas/ad-capture';
import { advertiserKey, daysRunning } from '@/utils/swipe-file/days-running';

const STYLE = `:host{all:initial!important;position:absolute!important;z-index:3!important;display:block!important;
font:12px/1.3 system-ui,"Segoe UI","Noto Sans Arabic","DejaVu Sans",sans-serif!important}
.bar{display:flex;gap:4px;align-items:center;margin:4px;padding:2px;border-radius:14px;background:#ffffffe6;box-shadow:0 1px 3px #0003}
button{font:inherit;border:0;border-radius:12px;padding:3px 9px;cursor:pointer;background:#0f7a5c;color:#fff}
button.quiet{background:#eef2f1;color:#0b5f48}
button[aria-pressed=true]{background:#0b5f48;color:#fff}
.badge{padding:2px 6px;border-radius:10px;background:#eef2f1;color:#334}
.new{background:#f2c14e;color:#3b2a00;font-weight:600}
.all{position:fixed;inset-block-end:16px;inset-inline-end:16px;padding:8px 14px;border-radius:18px;box-shadow:0 4px 12px #0004}`;

const send = sendFromContent;

interface CardControls {
  save: HTMLButtonElement;
  follow: HTMLButtonElement;
  fresh: HTMLSpanElement;
}

export default defineContentScript({
  matches: AD_LIBRARY_MATCHES,
  runAt: 'document_idle',
  // WXT's window.postMessage announcing the script took ~3 ms at every load (measured) and told every page
  // that Dalil runs there; its custom-event replacement is kept.
  noScriptStartedPostMessage: true,
  main() {
    const library = adLibraryForUrl(location.href);
    if (!library) return;
    const extractor = adLibraryExtractors[library];

    const captures = new Map<string, AdCapture>();
    const controls = new Map<string, CardControls>();
    /** The card each read ad's controls sit on, by capture id: Save re-reads it, so late-rendered parts count. */
    const cardOf = new Map<string, { libraryAdId: string; card: Element }>();
    const knownCards = new WeakSet<Element>();
    const reported = new Set<string>();
    const saved = new Set<string>();
    const fresh = new Set<string>();
    const followed = new Set<string>();
    const ourHosts = new WeakSet<Node>();
    let sharedSheet: CSSStyleSheet | undefined;

    const shadowFor = (host: HTMLElement) => {
      ourHosts.add(host);
      const root = host.attachShadow({ mode: 'closed' });
      // One parsed stylesheet shared by every card's root, instead of a <style> to parse per card.
      try {
        sharedSheet ??= new CSSStyleSheet();
        if (sharedSheet.cssRules.length === 0) sharedSheet.replaceSync(STYLE);
        root.adoptedStyleSheets = [sharedSheet];
      } catch {
        const style = document.createElement('style');
        style.textContent = STYLE;
        root.append(style);
      }
      // The page's own click handlers on the card must not see clicks on our controls.
      for (const type of ['click', 'pointerdown', 'mousedown', 'mouseup'])
        host.addEventListener(type, (e) => e.stopPropagation());
      return root;
    };

    const refresh = (id: string) => {
      const c = controls.get(id);
      const ad = captures.get(id);
      if (!c || !ad) return;
      const isSaved = saved.has(id);
      c.save.textContent = pageText(isSaved ? 'adSaved' : 'adSave');
      c.save.className = isSaved ? 'quiet' : '';
      c.save.setAttribute('aria-pressed', String(isSaved));
      const key = advertiserKey(ad);
      const isFollowed = key ? followed.has(key) : false;
      c.follow.textContent = isFollowed ? '★' : '☆';
      c.follow.title = pageText(isFollowed ? 'adFollowing' : 'adFollow', ad.advertiserName ?? '');
      c.follow.setAttribute('aria-pressed', String(isFollowed));
      c.follow.hidden = !key;
      c.fresh.hidden = !fresh.has(id);
    };

    async function save(ads: AdCapture[], bulk: boolean) {
      const result = await send('content.saveAds', { ads, bulk });
      for (const id of result?.saved ?? []) {
        saved.add(id);
        refresh(id);
      }
    }

    function attach(ad: AdCapture, card: Element) {
      if (!saveAllShown) showSaveAll();
      const host = document.createElement('div');
      const root = shadowFor(host);
      const bar = document.createElement('div');
      bar.className = 'bar';
      // The controls follow the browser's language (the library page may be in another).
      bar.dir = pageDir();
      const saveButton = document.createElement('button');
      saveButton.type = 'button';
      saveButton.dataset.dalil = 'save';
      saveButton.addEventListener('click', (e) => {
        if (e.isTrusted && !saved.has(ad.id)) void save([reread(ad.id)], false);
      });
      const follow = document.createElement('button');
      follow.type = 'button';
      follow.className = 'quiet';
      follow.addEventListener('click', (e) => {
        const key = advertiserKey(ad);
        if (!e.isTrusted || !key) return;
        const next = !followed.has(key);
        void send('content.followAdvertiser', { key, library: ad.library, name: ad.advertiserName ?? key, follow: next }).then(
          () => {
            if (next) followed.add(key);
            else followed.delete(key);
            for (const id of controls.keys()) refresh(id);
          },
        );
      });
      const days = daysRunning(ad);
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = days === undefined ? '' : pageText('adDays', pageNumber(days));
      badge.hidden = days === undefined;
      const freshMark = document.createElement('span');
      freshMark.className = 'badge new';
      freshMark.textContent = pageText('adNew');
      bar.append(saveButton, badge, freshMark, follow);
      root.append(bar);
      // An absolutely positioned host takes no room and no part in the card's flex or grid layout.
      card.prepend(host);
      controls.set(ad.id, { save: saveButton, follow, fresh: freshMark });
      refresh(ad.id);
    }

    /** The card's record as it is now (parts may have rendered since it was first read), else as first read. */
    function reread(id: string): AdCapture {
      const at = cardOf.get(id);
      const first = captures.get(id) as AdCapture;
      if (!at?.card.isConnected) return first;
      try {
        const ad = extractor.readAd(at.libraryAdId, at.card, location.href);
        captures.set(id, ad);
        return ad;
      } catch {
        return first;
      }
    }

    // Cards waiting to be read: observed until they come within a screen of the viewport, then queued.
    const waiting = new Map<Element, string>();
    const queue: Array<[string, Element]> = [];
    const nearScreen = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = waiting.get(entry.target);
          if (!entry.isIntersecting || id === undefined) continue;
          waiting.delete(entry.target);
          nearScreen.unobserve(entry.target);
          queue.push([id, entry.target]);
        }
        readQueued();
      },
      { rootMargin: '100% 0px' },
    );

    // Controls speak Dalil's language (Settings), read once from storage: cards wait in the queue until then.
    let localeReady = false;
    void loadPageLocale().then(() => {
      localeReady = true;
      readQueued();
    });

    /** Reads queued cards for up to `budgetMs` (at least one), then continues in the next frame (one frame callback). */
    let nextFrameQueued = false;
    function readQueued(budgetMs = 1) {
      if (!localeReady) return;
      const start = performance.now();
      const unseen: AdCapture[] = [];
      while (queue.length > 0 && (unseen.length === 0 || performance.now() - start < budgetMs)) {
        const [libraryAdId, card] = queue.shift() as [string, Element];
        if (!card.isConnected) continue;
        let ad: AdCapture;
        try {
          ad = extractor.readAd(libraryAdId, card, location.href);
        } catch {
          continue; // A card that cannot be read costs nothing to the others.
        }
        captures.set(ad.id, ad);
        const shown = cardOf.get(ad.id)?.card;
        // One set of controls per ad: the same ad shown twice (grid and detail view) keeps the first.
        if (!shown?.isConnected || shown === card) {
          if (shown !== card) attach(ad, card);
          cardOf.set(ad.id, { libraryAdId, card });
        }
        if (!reported.has(ad.id)) {
          reported.add(ad.id);
          unseen.push(ad);
        }
      }
      if (queue.length > 0 && !nextFrameQueued) {
        nextFrameQueued = true;
        requestAnimationFrame(() => {
          nextFrameQueued = false;
          readQueued();
        });
      }
      if (unseen.length > 0) void report(unseen);
    }

    /** Tells the background which ads the page shows (it updates saved ones' status) and marks what it answers. */
    async function report(ads: AdCapture[]) {
      const visit = await send('content.pageAds', { ads });
      for (const id of visit?.saved ?? []) saved.add(id);
      for (const id of visit?.newSince ?? []) fresh.add(id);
      for (const key of visit?.followed ?? []) followed.add(key);
      for (const ad of ads) refresh(ad.id);
    }

    /** Finds the cards under `root` (the whole page at first, then what infinite scroll added) and waits for them. */
    function discover(root: ParentNode = document) {
      for (const [libraryAdId, card] of extractor.findCards(root, location.href)) {
        if (knownCards.has(card)) continue;
        knownCards.add(card);
        waiting.set(card, libraryAdId);
        nearScreen.observe(card);
      }
    }

    // "Save all visible": the cards on screen now, in one request (one transaction in the background).
    // Shown with the first card's controls: before that there is nothing to save.
    let saveAllShown = false;
    function showSaveAll() {
      saveAllShown = true;
      const allHost = document.createElement('div');
      const allRoot = shadowFor(allHost);
      const saveAll = document.createElement('button');
      saveAll.type = 'button';
      saveAll.className = 'all';
      saveAll.textContent = pageText('adSaveAll');
      saveAll.addEventListener('click', (e) => {
        if (!e.isTrusted) return;
        readQueued(Number.POSITIVE_INFINITY); // cards that just scrolled in may still be queued
        const visible = [...cardOf].filter(([id, { card }]) => {
          if (saved.has(id) || !card.isConnected) return false;
          const rect = card.getBoundingClientRect();
          return rect.bottom > 0 && rect.top < innerHeight;
        });
        const ads = visible.map(([id]) => reread(id));
        if (ads.length > 0) void save(ads, true);
      });
      allRoot.append(saveAll);
      document.documentElement.append(allHost);
    }

    // Infinite scroll: once things settle, read only the subtrees that were added (not the whole page
    // again), ignoring the changes we make ourselves. A card is whole inside what was appended.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let added = new Set<Element>();
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node instanceof Element && !ourHosts.has(node)) added.add(node);
      }
      if (added.size === 0) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        // Keep only the outermost added roots: a node inside another added one is read with it.
        const all = added;
        added = new Set();
        const outermost = (el: Element) => {
          for (let up = el.parentElement; up; up = up.parentElement) if (all.has(up)) return false;
          return true;
        };
        for (const root of all) if (root.isConnected && outermost(root)) discover(root);
      }, 250);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    discover();
  },
});
