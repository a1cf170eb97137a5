/**
 * Runs on the four ad libraries: a Save control, a days-running badge and a saved mark on every ad
 * card, "new since your last visit" for followed advertisers, and "Save all visible". Cards loaded
 * by infinite scroll get their controls too. Reading the cards is the pure findCards/readAd of
 * utils/ad-libraries; everything added to the page lives in closed shadow roots.
 *
 * This file only wires the features, one file each, each `init(ctx, deps)`: everything they register
 * goes through WXT's context, so when the extension is reloaded or updated under an open page the
 * old copy stops (utils/content-scripts/lifecycle.ts) and takes its controls off the cards.
 */
import { adLibraryExtractors, adLibraryForUrl } from '@/utils/ad-libraries';
import { AD_LIBRARY_MATCHES } from '@/utils/ad-libraries/matches';
import { contentSender } from '@/utils/content-scripts/lifecycle';
import { createAdState } from './ad-state';
import * as cardControls from './card-controls';
import * as cardReader from './card-reader';
import * as saveAll from './save-all';
import { createShadowHosts } from './shadow-hosts';

export default defineContentScript({
  matches: AD_LIBRARY_MATCHES,
  runAt: 'document_idle',
  // WXT's window.postMessage announcing the script took ~3 ms at every load (measured) and told every page
  // that Dalil runs there; its custom-event replacement is kept (it stops an older copy in this page).
  noScriptStartedPostMessage: true,
  main(ctx) {
    const library = adLibraryForUrl(location.href);
    if (!library) return;
    const state = createAdState(library, adLibraryExtractors[library], contentSender(ctx));
    const hosts = createShadowHosts(ctx);
    const showSaveAll = saveAll.init(ctx, { state, hosts, flush: () => flush() });
    const attach = cardControls.init(ctx, { state, hosts, beforeAttach: showSaveAll });
    const flush = cardReader.init(ctx, { state, hosts, attach });
  },
});
