import { browser } from 'wxt/browser';
import { platformOfHost } from '@/utils/platforms/detect';
import { PLATFORM_MATCHES } from '@/utils/platforms/matches';

/**
 * Runs on the six platforms. For now it only tells the background it is alive on this tab; the
 * composer features (templates, copy checks) attach here. Kept free of React and zod: this file
 * loads on every platform page.
 */
export default defineContentScript({
  matches: PLATFORM_MATCHES,
  runAt: 'document_idle',
  main() {
    const platform = platformOfHost(location.hostname);
    void browser.runtime.sendMessage({ type: 'content.hello', payload: { platform, url: location.href } }).catch(() => {
      // The extension was reloaded or updated under this page: nothing to do until the page reloads.
    });
  },
});
