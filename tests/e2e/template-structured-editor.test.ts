/**
 * The side panel's template editor edits a template's structured parts (#16): a required menu field with its
 * choices and a platform's own text are added, saved and read back from the background; a field the text still
 * needs cannot be removed silently (the save is refused with the problem, in the panel's language); in Arabic the
 * same editor speaks Arabic and removes the platform's text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, panelMessage, visibleText } from '../harness/browser';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({ lang: 'en-US' });
});
afterAll(() => browser?.close());

interface Snapshot {
  pack: { templates: Array<{ id: string; title: string; fields?: unknown[]; variants?: Record<string, string> }> };
}
const saved = async (page: Parameters<typeof panelMessage>[0], title: string) =>
  (await panelMessage<Snapshot>(page, 'panel.getGuidance', {})).pack.templates.find((t) => t.title === title);

const TITLE = 'Gift card sent';

describe('the template editor’s fields and platform texts', () => {
  it('adds a required menu and a text for X, saves them, and refuses to drop a field the text needs', async () => {
    const page = await browser.openSidePanel({ locale: 'en' });
    await page.getByRole('button', { name: 'New template' }).click();
    await page.getByLabel('Title').fill(TITLE);
    await page
      .getByLabel('Text', { exact: true })
      .fill(
        'Your gift card {{#if via = email}}is in your inbox{{/if}}{{#if via = post}}is in the post{{/if}}, {{commenter.firstName|there}}.',
      );
    await page.getByRole('button', { name: 'Add a field' }).click();
    const field = page.getByTestId('editor-field');
    await field.getByLabel('Name (as in {{name}})').fill('via');
    expect(await field.getByLabel('Type').inputValue()).toBe('choice');
    await field.getByLabel('Label in the form').fill('Sent by');
    await field.getByLabel('Choices, one per line: value = label').fill('email = e-mail\npost');
    await field.getByLabel('Required').check();
    await page.getByLabel('Add a text for a platform').selectOption('x');
    // Names put into a sentence are isolated (U+2068…U+2069): matched around them.
    await page
      .getByLabel(/^Text on \u2068?X\u2069?$/)
      .fill('Gift card {{#if via = email}}emailed{{/if}}{{#if via = post}}posted{{/if}}.');
    await saveScreenshot(page, 'template-editor-fields-en');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect
      .poll(async () => (await saved(page, TITLE))?.fields)
      .toEqual([
        {
          name: 'via',
          type: 'choice',
          label: 'Sent by',
          required: true,
          options: [{ value: 'email', label: 'e-mail' }, { value: 'post' }],
        },
      ]);
    expect((await saved(page, TITLE))?.variants).toEqual({
      x: 'Gift card {{#if via = email}}emailed{{/if}}{{#if via = post}}posted{{/if}}.',
    });

    // Opened again: the parts are there to edit. Removing the field the text's conditions use is refused, saying why.
    await page.getByRole('searchbox').fill('gift card sent');
    const item = page.locator(`[data-template-id="${(await saved(page, TITLE))?.id}"]`);
    await item.getByRole('button', { name: 'Edit' }).click();
    expect(await page.getByTestId('editor-field').getByLabel('Choices, one per line: value = label').inputValue()).toBe(
      'email = e-mail\npost',
    );
    await page.getByRole('button', { name: /^Remove the field \u2068?via\u2069?$/ }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => visibleText(page.locator('form')))
      .toMatch(/names no field of this template: add “via” to its fields/);
    expect((await saved(page, TITLE))?.fields).toHaveLength(1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.close();
  });

  it('speaks Arabic and removes the text for X', async () => {
    const page = await browser.openSidePanel({ locale: 'ar' });
    const id = (await saved(page, TITLE))?.id;
    await page.getByRole('searchbox').fill('gift card sent');
    await page.locator(`[data-template-id="${id}"]`).getByRole('button', { name: 'تعديل' }).click();
    await expect.poll(() => visibleText(page.getByTestId('editor-fields'))).toContain('حقول التعبئة');
    expect(await page.getByTestId('editor-field').getByLabel('مطلوب').isChecked()).toBe(true);
    await saveScreenshot(page, 'template-editor-fields-ar');
    await page.getByRole('button', { name: /^احذف النص الخاص بـ \u2068?إكس\u2069?$/ }).click();
    await expect.poll(() => visibleText(page.getByTestId('editor-variants'))).toContain('النص نفسه على كل المنصات.');
    await page.getByRole('button', { name: 'حفظ' }).click();
    await expect.poll(async () => (await saved(page, TITLE))?.variants).toBeUndefined();
    expect((await saved(page, TITLE))?.fields).toHaveLength(1);
    await page.close();
  });
});
