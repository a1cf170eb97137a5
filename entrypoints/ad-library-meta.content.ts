/** The ad-library content script on Meta Ad Library: its extractor only (utils/ad-library-page/start.ts). */
import { AD_LIBRARY_MATCHES_BY_LIBRARY } from '@/utils/ad-libraries/matches';
import { findCards, findCardsInSteps, readAd, readAdInSteps } from '@/utils/ad-libraries/meta';
import { startAdLibraryPage } from '@/utils/ad-library-page/start';

export default defineContentScript({
  matches: [...AD_LIBRARY_MATCHES_BY_LIBRARY.meta],
  runAt: 'document_idle',
  // WXT's window.postMessage announcing the script took ~3 ms at every load (measured) and told every page
  // that Dalil runs there; its custom-event replacement is kept (it stops an older copy in this page).
  noScriptStartedPostMessage: true,
  main: (ctx) => startAdLibraryPage(ctx, 'meta', { findCards, findCardsInSteps, readAd, readAdInSteps }),
});
