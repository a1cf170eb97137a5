/**
 * Runs on the six platforms: expands approved templates' shortcuts as they are typed, shows the
 * picker (button beside the focused composer, or the keyboard command), saves comments as
 * testimonials, and reports what its platform adapter could not find. Small and framework-free:
 * it loads on every platform page; the picker's UI lives in an extension page loaded on demand.
 *
 * This file only wires the features, one file each, each `init(ctx, deps)`: everything they register
 * goes through WXT's context, so when the extension is reloaded or updated under an open page the
 * old copy stops (utils/content-scripts/lifecycle.ts) and takes its overlay with it.
 */

import { AD_LIBRARY_MATCHES } from '@/utils/ad-libraries/matches';
import { type ContentScriptContext, contentSender } from '@/utils/content-scripts/lifecycle';
import { PLATFORM_MATCHES } from '@/utils/platforms/matches';
import * as brandChecks from './brand-checks';
import { createGuidance } from './guidance';
import { createInsertion } from './insertion';
import { removeOverlay } from './overlay';
import { createPage, type SocialDeps } from './page';
import * as pickerButton from './picker-button';
import * as pickerCommand from './picker-command';
import * as shortcuts from './shortcuts';
import * as testimonials from './testimonials';

const FEATURES: Array<{ init(ctx: ContentScriptContext, deps: SocialDeps): void }> = [
  brandChecks,
  shortcuts,
  pickerButton,
  pickerCommand,
  testimonials,
];

export default defineContentScript({
  matches: PLATFORM_MATCHES,
  // Meta's and LinkedIn's ad libraries are on platform hosts, but have no composers: only the ad-library script
  // runs there (on LinkedIn's, this one took ~7 ms of each load, measured).
  excludeMatches: AD_LIBRARY_MATCHES,
  runAt: 'document_idle',
  // WXT's window.postMessage announcing the script took ~3 ms at every load (measured) and told every page
  // that Dalil runs there; its custom-event replacement is kept (it stops an older copy in this page).
  noScriptStartedPostMessage: true,
  main(ctx) {
    // Injected again on a tab that already runs a live copy (the command on an enabled site): keep one.
    // A copy orphaned by a reload does not count: the new one takes over.
    const flag = globalThis as { __dalilContentScript?: ContentScriptContext };
    if (flag.__dalilContentScript?.isValid) return;
    flag.__dalilContentScript = ctx;
    ctx.onInvalidated(removeOverlay);

    const send = contentSender(ctx);
    const page = createPage(ctx, send);
    void send('content.hello', { platform: page.platform, url: location.href });
    const guidance = createGuidance(ctx, send);
    const insertion = createInsertion(ctx, page);
    for (const feature of FEATURES) feature.init(ctx, { page, guidance, insertion });
  },
});
