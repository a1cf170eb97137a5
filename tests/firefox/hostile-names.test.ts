/**
 * The hostile commenter names of tests/e2e/hostile-names.test.ts in real Firefox: typed by shortcut
 * into Facebook's Lexical and X's Draft.js composers with a person's real keys, the editor's model
 * read back, in an English and an Arabic template.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FirefoxWithExtension,
  focusComposerInFirefox,
  launchFirefoxWithExtension,
  modelTextIn,
  panelMessageIn,
  pollFor,
  saveFirefoxScreenshot,
  serveDemoPagesInFirefox,
} from '../harness/firefox';
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

let firefox: FirefoxWithExtension;
beforeAll(async () => {
  firefox = await launchFirefoxWithExtension();
  await serveDemoPagesInFirefox(firefox);
  // Added last, so it is asked first: the hostile variants of the Facebook and X demos.
  firefox.route((url) => {
    const body = url.searchParams.has('hostile') ? hostilePageFor(url.href) : undefined;
    return body ? { contentType: 'text/html; charset=utf-8', body } : undefined;
  });
  const panel = await firefox.openExtensionPage('sidepanel.html');
  for (const template of GREETING_TEMPLATES) await panelMessageIn(panel, 'panel.saveTemplate', { template });
  await panel.close();
});
afterAll(() => firefox?.close());

describe.each(HOSTILE_PLATFORMS)('$platform in Firefox ($locale page)', ({ platform, locale }) => {
  it.each(HOSTILE_NAMES.map((c, i) => [c.label, i, c] as const))(
    'greets a commenter whose name has %s correctly in English and Arabic',
    async (_, index, hostile) => {
      const page = await firefox.newPage();
      await page.goto(hostileUrl(platform, locale, index));
      await page.waitForFunction(() => 'dalilFixture' in window);
      // The page really shows the name as given, controls and all.
      expect(
        await page.evaluate(() => document.querySelector('[role=article], [data-testid="User-Name"]')?.textContent),
      ).toContain(hostile.name);

      await focusComposerInFirefox(page);
      await page.keyboard.type(TYPED, { delay: 15 });
      const reply = await pollFor(
        () => modelTextIn(page),
        (text) => text.includes('سنتابع طلبك.'),
      );
      expect(reply).toBe(expectedReply(hostile));
      expect(reply).not.toMatch(OVERRIDES_AND_EMBEDDINGS);
      if (index === 0) await saveFirefoxScreenshot(page, `hostile-name-${platform}`);
      await page.close();
    },
  );
});
