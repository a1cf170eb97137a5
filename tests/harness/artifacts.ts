import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../.output/test-results/screenshots');

/** Saves what the person would see, for review next to the test results. */
export async function saveScreenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const path = resolve(ARTIFACTS_DIR, `${name}.png`);
  // A long list's full page is tens of thousands of pixels of space: those take what is on screen.
  await page.screenshot({ path, fullPage });
  return path;
}
