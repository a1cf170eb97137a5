import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, visibleText } from '../harness/browser';

const defaultPack = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/guidance/default-pack.json'), 'utf8'));

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(() => browser?.close());

const asFile = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

describe('importing a guidance pack', () => {
  it('rejects a bad pack whole, lists its problems with paths, and keeps the pack in use', async () => {
    const panel = await browser.openSidePanel({ locale: 'en' });
    // A second panel shows that nothing changed anywhere, not only in the panel that imported.
    const other = await browser.openSidePanel();
    await expect.poll(() => other.getByTestId('template-item').count()).toBe(22);
    await panel.getByRole('tab', { name: 'Settings' }).click();

    const bad = structuredClone(defaultPack);
    bad.templates[1].id = bad.templates[0].id;
    bad.templates[2].shortcut = `${bad.templates[0].shortcut}-more`;
    bad.templates[3].status = 'published';
    bad.brandKit.colors[0].hex = 'brown';
    await panel.getByTestId('pack-file-input').setInputFiles(asFile('broken-pack.json', JSON.stringify(bad)));

    const problems = panel.getByTestId('problem-list').locator('li');
    await expect.poll(() => problems.count()).toBe(4);
    const text = (await problems.allTextContents()).join('\n');
    expect(text).toContain('templates[1].id');
    expect(text).toContain('templates[2].shortcut');
    expect(text).toContain('templates[3].status');
    expect(text).toContain('brandKit.colors[0].hex');
    expect(await visibleText(panel.getByTestId('import-outcome'))).toContain(
      '“broken-pack.json” was not imported. The pack in use is unchanged.',
    );
    await saveScreenshot(panel, 'import-bad-pack-en');

    await panel.getByTestId('pack-file-input').setInputFiles(asFile('junk.json', '{"format": "dalil.guidance-pack", '));
    await expect.poll(() => visibleText(panel.getByTestId('problem-list'))).toMatch(/Not valid JSON/);

    expect(await visibleText(panel.getByTestId('pack-info'))).toContain('Built-in pack');
    // The list is a window the background answers: it fills a round trip after the tab opens.
    await panel.getByRole('tab', { name: 'Templates' }).click();
    await expect.poll(() => panel.getByTestId('template-item').count()).toBe(22);
    await expect.poll(() => other.getByTestId('template-item').count()).toBe(22);
    await panel.close();
    await other.close();
  });

  it('shows the problems in Arabic in the Arabic UI', async () => {
    const panel = await browser.openSidePanel({ locale: 'ar' });
    await panel.getByRole('tab').nth(4).click();
    const bad = structuredClone(defaultPack);
    bad.templates[1].id = bad.templates[0].id;
    await panel.getByTestId('pack-file-input').setInputFiles(asFile('حزمة.json', JSON.stringify(bad)));
    await expect.poll(() => visibleText(panel.getByTestId('problem-list'))).toContain('مستخدم مرتين');
    expect(await visibleText(panel.getByTestId('import-outcome'))).toContain('الحزمة الحالية لم تتغير');
    await saveScreenshot(panel, 'import-bad-pack-ar');
    await panel.close();
  });

  it('applies a good pack, and every open panel follows at once', async () => {
    const panel = await browser.openSidePanel({ locale: 'en' });
    const other = await browser.openSidePanel();
    await expect.poll(() => other.getByTestId('template-item').count()).toBe(22);
    await panel.getByRole('tab', { name: 'Settings' }).click();

    const next = structuredClone(defaultPack);
    next.version = 2;
    next.name = 'Acme care team';
    next.templates = next.templates.slice(0, 4);
    await panel.getByTestId('pack-file-input').setInputFiles(asFile('acme-v2.json', JSON.stringify(next)));
    await expect
      .poll(() => visibleText(panel.getByTestId('import-outcome')))
      .toBe('Imported “Acme care team” version 2: 4 templates.');
    await expect.poll(() => other.getByTestId('template-item').count()).toBe(4);
    expect(await visibleText(other.getByTestId('pack-summary'))).toContain('Acme care team');

    await panel.getByRole('tab', { name: 'Log' }).click();
    await expect.poll(() => visibleText(panel.getByTestId('log-list'))).toContain('Pack imported');
    await panel.close();
    await other.close();
  });
});
