/**
 * Replies to commenters whose names a page made hostile (tests/harness/hostile-names.ts), typed by
 * shortcut into Facebook's Lexical and X's Draft.js composers and read back from the editor's model:
 * the name cleaned and isolated as a whole, the fallback where nothing visible is left, `{{…}}` and
 * `$&` kept literally, in an English and an Arabic template.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, panelMessage } from '../harness/browser';
import { focusComposer, modelText, typeInComposer } from '../harness/composer';
import { serveDemoPages } from '../harness/demo-pages';
import {
  expectedReply,
  GREETING_TEMPLATES,
  HOSTILE_NAMES,
  HOSTILE_PLATFORMS,
  hostilePageFor,
  hostileUrl,
  OVERRIDES_AND_EMBEDDINGS,
  TYPED,
} from '../harness/hostile-names';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ viewport: { width: 900, height: 720 } });
  await serveDemoPages(browser.context);
  // Added last, so it is asked first: the hostile variants of the Facebook and X demos.
  await browser.context.route(
    (url) => url.searchParams.has('hostile'),
    (route) => {
      const body = hostilePageFor(route.request().url());
      return body ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }) : route.fallback();
    },
  );
  const panel = await browser.openSidePanel();
  for (const template of GREETING_TEMPLATES) await panelMessage(panel, 'panel.saveTemplate', { template });
  await panel.close();
});
afterAll(() => browser?.close());

describe.each(HOSTILE_PLATFORMS)('$platform ($locale page)', ({ platform, locale }) => {
  it.each(HOSTILE_NAMES.map((c, i) => [c.label, i, c] as const))(
    'greets a commenter whose name has %s correctly in English and Arabic',
    async (_, index, hostile) => {
      const page = await browser.context.newPage();
      await page.goto(hostileUrl(platform, locale, index));
      await page.waitForFunction(() => 'dalilFixture' in window);
      // The page really shows the name as given, controls and all.
      expect(
        await page.evaluate(() => document.querySelector('[role=article], [data-testid="User-Name"]')?.textContent),
      ).toContain(hostile.name);

      await focusComposer(page);
      await typeInComposer(page, TYPED);
      await expect.poll(() => modelText(page), { timeout: 5000 }).toContain('سنتابع طلبك.');
      const reply = await modelText(page);
      expect(reply).toBe(expectedReply(hostile));
      expect(reply).not.toMatch(OVERRIDES_AND_EMBEDDINGS);
      if (index === 0) await saveScreenshot(page, `hostile-name-${platform}`);
      await page.close();
    },
  );
});
