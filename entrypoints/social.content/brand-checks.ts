/**
 * Brand checks inside the platforms' composers, in Dalil's closed shadow root:
 * - a verdict badge on each image attached to the post being written (the page's own blob:/data:
 *   preview, read here, scaled to ≤256 px and checked by the background); clicking it opens the report;
 * - a checklist of the kit's copy rules against the text being written, while the composer has text.
 * Both only inform: nothing here blocks or alters posting.
 */
import { type CopyCheck, checkCopy } from '@/utils/brand/copy-rules';
import { downscaleDimensions } from '@/utils/color/image';
import { type ContentScriptContext, on, onLocalStorageChanged, stopWith } from '@/utils/content-scripts/lifecycle';
import { editorText, normalizeEditorText } from '@/utils/editors/read-text';
import { formatNumber } from '@/utils/i18n/locale';
import { pageDir, pageLocale, pageText } from '@/utils/i18n/page-text';
import type { ContentImageCheck } from '@/utils/messaging/protocol';
import type { CopyRules } from '@/utils/schemas/brand-kit';
import { blobToDataUrl } from '@/utils/swipe-file/media-download';
import { overlayRoot, placeNear } from './overlay';
import type { Page, SocialDeps } from './page';

const STYLE = `.badge{position:fixed;min-width:44px;height:22px;padding:0 8px;border-radius:11px;border:2px solid #fff;cursor:pointer;
font:600 12px/18px system-ui,"Noto Sans Arabic",sans-serif;color:#fff;box-shadow:0 1px 4px #0006;white-space:nowrap}
.badge[data-verdict=pass]{background:#0f7a5c}.badge[data-verdict=warn]{background:#b45309}
.badge[data-verdict=fail]{background:#b91c1c}.badge[data-verdict=checking],.badge[data-verdict=error]{background:#475569}
.badge:focus-visible{outline:2px solid #f2c14e}
.rules{position:fixed;width:260px;margin:0;padding:6px 10px;list-style:none;border-radius:8px;background:#fff;color:#1f2937;
border:1px solid #cbd5e1;box-shadow:0 4px 12px #0003;font-size:12px}
.rules li{margin:2px 0}.rules .title{font-weight:600;color:#0b5f48}.rules .bad{color:#b91c1c}.rules .good{color:#166534}`;

/** Attachment previews: the page's own copies (same origin as the page, so a canvas can read them). */
const ATTACHMENT = 'img[src^="blob:"], img[src^="data:"]';
const MIN_SIDE = 48;
/** Checks per page load: a page stuffing images into a composer must not flood the activity log. */
const MAX_CHECKS = 30;

interface Badge {
  img: HTMLImageElement;
  el: HTMLButtonElement;
  reportId?: string;
}

/**
 * The brand checks (badges, copy-rules checklist, their observers and styles) start with the first
 * composer the person uses, not on every page load: most page loads never write anything.
 */
export function init(ctx: ContentScriptContext, { page }: SocialDeps): void {
  const starting = new AbortController();
  ctx.onInvalidated(() => starting.abort());
  const startChecks = (event?: Event) => {
    // A page's own dispatched focus or input events start nothing: the checks send its images to the background.
    if (event && (!event.isTrusted || !page.composerOf(event.target))) return;
    starting.abort();
    if (ctx.isValid) start(ctx, page);
  };
  // A composer focused before the script ran (autofocus) starts them now; otherwise the first focus or input.
  const active = document.activeElement;
  if (active && active !== document.body && page.composerOf(active)) startChecks();
  else {
    document.addEventListener('focusin', startChecks, { capture: true, signal: starting.signal });
    document.addEventListener('input', startChecks, { capture: true, signal: starting.signal });
  }
}

function start(ctx: ContentScriptContext, { platform, send, composerOf }: Page): void {
  // Posts are not written in one-line inputs (search boxes): those get neither checklist nor badges.
  const composerFor = (target: EventTarget | null) => {
    const composer = composerOf(target);
    return composer instanceof HTMLInputElement ? null : composer;
  };
  let styled: ShadowRoot | undefined;
  const root = () => {
    const r = overlayRoot();
    if (styled !== r) {
      const style = document.createElement('style');
      style.textContent = STYLE;
      r.append(style);
      styled = r;
    }
    return r;
  };

  // ——— Attachments ———
  const badges = new Map<string, Badge>();
  const watched = new WeakSet<Element>();

  const placeBadges = () => {
    for (const [src, badge] of badges) {
      if (!badge.img.isConnected || badge.img.getAttribute('src') !== src) {
        badge.el.remove();
        badges.delete(src);
        continue;
      }
      const r = badge.img.getBoundingClientRect();
      badge.el.hidden = r.width === 0 || r.height === 0;
      const rtl = getComputedStyle(badge.img).direction === 'rtl';
      badge.el.style.top = `${Math.round(r.top + 4)}px`;
      badge.el.style.left = rtl ? `${Math.round(r.left + 4)}px` : `${Math.round(r.right - 4 - badge.el.offsetWidth)}px`;
    }
  };

  const showVerdict = (badge: Badge, result: ContentImageCheck | undefined) => {
    const el = badge.el;
    if (!result || result.verdict === 'error') {
      el.dataset.verdict = 'error';
      el.textContent = '?';
      el.title = pageText('paletteBadgeError');
    } else {
      // In Dalil's digits: ٨٨٪ in Arabic, 88% in English.
      const share = formatNumber(pageLocale(), Math.round(result.onPaletteShare * 100) / 100, { style: 'percent' });
      const verdict = pageText(
        result.verdict === 'pass'
          ? 'paletteVerdictPass'
          : result.verdict === 'warn'
            ? 'paletteVerdictWarn'
            : 'paletteVerdictFail',
      );
      el.dataset.verdict = result.verdict;
      el.textContent = `${result.verdict === 'pass' ? '✓' : result.verdict === 'warn' ? '!' : '✗'} ${share}`;
      el.title = pageText('paletteBadge', { verdict, share });
    }
    el.setAttribute('aria-label', el.title);
    badge.reportId = result?.reportId;
    placeBadges();
  };

  let checks = 0;
  async function check(img: HTMLImageElement, src: string) {
    if (++checks > MAX_CHECKS) return;
    const el = document.createElement('button');
    el.type = 'button';
    el.className = 'badge';
    el.dataset.verdict = 'checking';
    el.textContent = '…';
    el.title = pageText('paletteChecking');
    el.dir = 'ltr';
    const badge: Badge = { img, el };
    on(ctx, el, 'pointerdown', (e) => e.preventDefault()); // keep the composer's focus
    on<MouseEvent>(ctx, el, 'click', (e) => {
      if (e.isTrusted && badge.reportId) void send('content.openPaletteReport', { reportId: badge.reportId });
    });
    badges.set(src, badge);
    root().append(el);
    placeBadges();
    showVerdict(badge, await readAndCheck(img));
  }

  async function readAndCheck(img: HTMLImageElement): Promise<ContentImageCheck | undefined> {
    try {
      await img.decode();
      const size = downscaleDimensions(img.naturalWidth, img.naturalHeight, 256);
      // Path "page": the preview's own pixels, scaled while decoding; never the network.
      const bitmap = await createImageBitmap(img, {
        resizeWidth: size.width,
        resizeHeight: size.height,
        resizeQuality: 'medium',
      });
      const canvas = new OffscreenCanvas(size.width, size.height);
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
      bitmap.close();
      const dataUrl = await blobToDataUrl(await canvas.convertToBlob({ type: 'image/png' }));
      return send('content.checkImage', {
        dataUrl,
        sourceWidth: img.naturalWidth,
        sourceHeight: img.naturalHeight,
        platform,
        pageUrl: location.href,
      });
    } catch {
      return undefined; // not decodable, or (never for blob:/data: of this page) a tainted canvas
    }
  }

  const scan = (container: Element) => {
    for (const img of Array.from(container.querySelectorAll<HTMLImageElement>(ATTACHMENT))) {
      const src = img.getAttribute('src') ?? '';
      if (badges.has(src)) continue;
      const load = () => {
        // Icons and emoji drawn as data: images are not attachments.
        if (img.naturalWidth < MIN_SIDE || img.naturalHeight < MIN_SIDE || badges.has(src)) return;
        void check(img, src);
      };
      if (img.complete) load();
      else on(ctx, img, 'load', (event) => event.isTrusted && load(), { once: true });
    }
    placeBadges();
  };

  /**
   * Where the previews of photos attached to this composer appear: the nearest ancestor (up to 8
   * levels, never a whole post or the body) holding a file input — the "add photo" control sits with
   * the composer on every platform, sometimes outside its form; else the composer's form or dialog;
   * else a few levels up.
   */
  const containerOf = (composer: HTMLElement): Element => {
    let el: Element = composer;
    for (let i = 0; i < 8 && el.parentElement && el.parentElement !== document.body; i++) {
      el = el.parentElement;
      if (el.querySelector('input[type="file"]')) return el;
      if (el.matches('[role="article"], article, main')) break;
    }
    const form = composer.closest('[role="dialog"], form, [role="form"]');
    if (form) return form;
    el = composer;
    for (let i = 0; i < 3 && el.parentElement && el.parentElement !== document.body; i++) el = el.parentElement;
    return el;
  };

  const watch = (composer: HTMLElement) => {
    const container = containerOf(composer);
    if (watched.has(container)) return;
    watched.add(container);
    let timer: number | undefined;
    stopWith(
      ctx,
      new MutationObserver(() => {
        clearTimeout(timer);
        timer = ctx.setTimeout(() => scan(container), 150);
      }),
    ).observe(container, { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] });
    scan(container);
  };

  // ——— Copy rules ———
  let rules: Promise<CopyRules | undefined> | undefined;
  const loadRules = () => {
    rules ??= send('content.getCopyRules', {}).then((r) => {
      if (!r) rules = undefined;
      return r?.copyRules;
    });
    return rules;
  };
  onLocalStorageChanged(ctx, (changes) => {
    if ('guidanceRevision' in changes) rules = undefined;
  });

  let list: HTMLUListElement | undefined;
  let current: HTMLElement | null = null;
  const hideRules = () => {
    if (list) list.hidden = true;
  };

  const renderRules = (composer: HTMLElement, result: CopyCheck) => {
    if (!list?.isConnected) {
      list = document.createElement('ul');
      list.className = 'rules';
      root().append(list);
    }
    list.dir = pageDir();
    list.setAttribute('aria-label', pageText('copyRulesTitle'));
    const items: Array<[boolean | null, string]> = [[null, pageText('copyRulesTitle')]];
    if (result.banned.length === 0) items.push([true, pageText('copyNoBanned')]);
    for (const phrase of result.banned) items.push([false, pageText('copyBanned', { phrase })]);
    for (const { tag, present } of result.hashtags) items.push([present, pageText('copyHashtag', { tag })]);
    if (result.disclaimer) items.push([result.disclaimer.present, pageText('copyDisclaimer')]);
    if (result.length)
      items.push([result.length.ok, pageText('copyLength', { count: result.length.count, max: result.length.max })]);
    list.replaceChildren(
      ...items.map(([ok, text]) => {
        const li = document.createElement('li');
        li.className = ok === null ? 'title' : ok ? 'good' : 'bad';
        li.textContent = ok === null ? text : `${ok ? '✓' : '✗'} ${text}`;
        return li;
      }),
    );
    list.hidden = false;
    placeNear(list, composer, { width: 260, height: 16 + items.length * 19 });
  };

  let typing: number | undefined;
  const review = (composer: HTMLElement) => {
    clearTimeout(typing);
    typing = ctx.setTimeout(async () => {
      const text = normalizeEditorText(editorText(composer));
      // The brand's copy rules are for posts and replies on the platforms, not a site's contact form.
      const copyRules = text && platform !== 'generic' ? await loadRules() : undefined;
      if (!text || !copyRules || current !== composer) return hideRules();
      renderRules(composer, checkCopy(text, copyRules, platform));
    }, 250);
  };

  // ——— Wiring ———
  const follow = (composer: HTMLElement) => {
    current = composer;
    watch(composer);
    review(composer);
  };
  // Only the person's own focus and typing: a page dispatching them would have its images checked and logged.
  on(ctx, document, 'focusin', (event) => {
    const composer = event.isTrusted && composerFor(event.target);
    if (composer) follow(composer);
  });
  // Typing also counts: the composer may have had focus before this script started (document_idle).
  on(
    ctx,
    document,
    'input',
    (event) => {
      const composer = event.isTrusted && composerFor(event.target);
      if (composer) follow(composer);
    },
    { capture: true },
  );
  const focused = composerFor(document.activeElement);
  if (focused) follow(focused);
  on(ctx, document, 'focusout', () => {
    ctx.setTimeout(() => {
      if (current && !current.contains(document.activeElement)) {
        current = null;
        hideRules();
      }
    }, 150);
  });
  const place = () => {
    placeBadges();
    if (list && !list.hidden && current) placeNear(list, current, { width: 260, height: list.offsetHeight });
  };
  on(ctx, window, 'scroll', place, { passive: true, capture: true });
  on(ctx, window, 'resize', place, { passive: true });
}
