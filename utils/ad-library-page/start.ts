/**
 * The ad-library content script's features, started by each library's own script (entrypoints/ad-library-meta,
 * -tiktok, -google and -linkedin .content.ts, which pass their extractor: a page loads only its own library's code).
 * A Save control, a days-running badge and a saved mark on every ad card, "new since your last visit" for followed
 * advertisers, and "Save all visible". Cards loaded by infinite scroll get their controls too. Reading the cards is
 * the pure findCards/readAd of utils/ad-libraries; everything added to the page lives in closed shadow roots.
 *
 * At load the script only asks for idle time: the features are set up in the first slices of idle time, a step a
 * slice (a function's first call compiles it; docs/budgets-and-security.md §1). Any card the page added meanwhile
 * is found by the first look over the whole page, which follows the set-up.
 *
 * This file only wires the features, one file each, each `init(ctx, deps)`: everything they register
 * goes through WXT's context, so when the extension is reloaded or updated under an open page the
 * old copy stops (utils/content-scripts/lifecycle.ts) and takes its controls off the cards.
 */
import type { AdLibrary } from '@/utils/ad-libraries';
import { adLibraryForUrl } from '@/utils/ad-libraries/matches';
import { type ContentScriptContext, contentSender } from '@/utils/content-scripts/lifecycle';
import { type CardExtractor, createAdState } from './ad-state';
import * as cardControls from './card-controls';
import * as cardReader from './card-reader';
import { type FrameShare, frameShare, frameSlices } from './frame-slices';
import * as saveAll from './save-all';
import { createShadowHosts } from './shadow-hosts';

/** Starts the features on a page of `library` (the script's matches are wider than its pages: TikTok's host). */
export function startAdLibraryPage(ctx: ContentScriptContext, library: AdLibrary, extractor: CardExtractor): void {
  if (adLibraryForUrl(location.href) !== library) return;
  const share = frameShare();
  const steps = setUp(ctx, library, extractor, share);
  const next = frameSlices(ctx, share, () => {
    if (!steps.next().done) next();
  });
  next();
}

/** The features' set-up, one step per slice. */
function* setUp(ctx: ContentScriptContext, library: AdLibrary, extractor: CardExtractor, share: FrameShare) {
  const state = createAdState(library, extractor, contentSender(ctx));
  const hosts = createShadowHosts(ctx);
  yield;
  const showSaveAll = saveAll.init(ctx, { state, hosts, flush: () => flush() });
  const attach = cardControls.init(ctx, { state, hosts, beforeAttach: showSaveAll });
  yield;
  const flush = cardReader.init(ctx, { state, hosts, share, attach });
}
