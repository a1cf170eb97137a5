/** Palette-check helpers for the e2e tests: the context menu's click, the panel it opens, the report it shows. */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './browser';

/** What the "Check against brand palette" menu item does when clicked on `srcUrl` in the tab showing `pageUrl`. */
export async function clickPaletteMenu(browser: ExtensionBrowser, pageUrl: string, srcUrl: string): Promise<void> {
  await browser.serviceWorker.evaluate(
    async ([page, src]) => {
      type Tab = { id: number; windowId: number };
      const api = (
        globalThis as unknown as {
          chrome: {
            tabs: { query(q: object): Promise<Tab[]> };
            contextMenus: { onClicked: { dispatch(info: object, tab: Tab): void } };
          };
        }
      ).chrome;
      // Dalil has no "tabs" permission (tab URLs are hidden from it): the page is the active tab.
      const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
      api.contextMenus.onClicked.dispatch(
        { menuItemId: 'check-palette', srcUrl: src, pageUrl: page, frameId: 0, mediaType: 'image', editable: false },
        tab,
      );
    },
    [pageUrl, srcUrl] as const,
  );
}

export const panelPageOpened = (browser: ExtensionBrowser) =>
  browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('/sidepanel.html'), timeout: 10_000 });

/** The report the panel shows: its verdict, on-palette share, how the pixels were read, and each swatch. */
export async function reportOf(page: Page) {
  const report = page.getByTestId('palette-report').first();
  await report.waitFor();
  const swatches = await report.getByTestId('report-swatch').evaluateAll((rows) =>
    rows.map((r) => ({
      hex: r.getAttribute('data-hex'),
      share: Number(r.getAttribute('data-share')),
      nearest: r.getAttribute('data-nearest'),
      deltaE: Number(r.getAttribute('data-delta-e')),
      onPalette: r.getAttribute('data-on-palette') === 'true',
    })),
  );
  return {
    verdict: await report.getAttribute('data-verdict'),
    onShare: Number(await report.getAttribute('data-on-share')),
    via: await report.getAttribute('data-via'),
    swatches,
  };
}
