/**
 * Dalil on a site beyond the six platforms, once the person turned it on there ("Always use Dalil on
 * <site>"): its content script is registered for that origin, shortcuts expand in the site's own text
 * boxes, and turning it off removes it. The browser's permission prompt itself cannot be answered by
 * automation, so this build's manifest already holds the site's permission, as if the person had said yes.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import {
  EXTENSION_DIR,
  type ExtensionBrowser,
  launchWithExtension,
  panelMessage,
  servePage,
  visibleText,
} from '../harness/browser';

const SITE = 'https://shop.example.org';
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contact us</title></head><body>
<h1>Contact the shop</h1>
<label>Message <textarea id="message" rows="4" cols="60"></textarea></label>
<div id="notes" contenteditable="true" style="border:1px solid #999;min-height:40px" aria-label="Notes"></div>
</body></html>`;

let browser: ExtensionBrowser;
let extensionDir: string;
beforeAll(async () => {
  extensionDir = mkdtempSync(join(tmpdir(), 'dalil-granted-'));
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  const manifestPath = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.host_permissions = [...(manifest.host_permissions ?? []), `${SITE}/*`];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  browser = await launchWithExtension({ extensionDir, viewport: { width: 900, height: 700 } });
  await servePage(browser.context, `${SITE}/contact`, PAGE);
});
afterAll(async () => {
  await browser?.close();
  rmSync(extensionDir, { recursive: true, force: true });
});

async function typeShortcut(selector: string) {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/contact`);
  await page.waitForTimeout(500); // document_idle content scripts
  await page.locator(selector).click();
  await page.keyboard.type(';thanks', { delay: 30 });
  await page.waitForTimeout(300);
  return page;
}

describe('Dalil on a site the person enabled', () => {
  it('registers for that site only, expands shortcuts in its text boxes, and stops when turned off', async () => {
    const panel = await browser.openSidePanel({ locale: 'en' });
    // What "Always use Dalil on shop.example.org" does after the prompt: the background registers the site.
    expect(await panelMessage(panel, 'panel.setSiteEnabled', { origin: SITE, enabled: true })).toEqual({ ok: true });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => visibleText(panel.getByTestId('enabled-sites'))).toContain('shop.example.org');

    const page = await typeShortcut('#message');
    await expect.poll(() => page.locator('#message').inputValue()).toMatch(/^Thank you so much, there!/);
    // The brand's copy-rules checklist is for platform posts: nothing covers the site's next field.
    await page.locator('#notes').click();
    await page.keyboard.type(';thanks', { delay: 30 });
    await expect.poll(() => page.locator('#notes').innerText()).toMatch(/Thank you so much/);
    await saveScreenshot(page, 'enabled-site-expanded');
    await page.close();

    // Turned off in Settings: the script is unregistered; a newly opened page keeps what is typed as typed.
    await panel.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(() => panel.getByTestId('enabled-sites').count()).toBe(0);
    const after = await typeShortcut('#message');
    expect(await after.locator('#message').inputValue()).toBe(';thanks');
    await after.close();
  });
});
