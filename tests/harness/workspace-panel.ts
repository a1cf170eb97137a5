/**
 * The side panel's Settings → Team workspace form, filled and submitted as a person does, waiting for
 * the connection check's steps to come back (the e2e tests of the workspace share it).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { visibleText } from './browser';
import type { Rgw, RgwUser } from './rgw';

export async function connectWorkspaceInPanel(
  panel: Page,
  rgw: Rgw,
  { bucket, user, person }: { bucket: string; user: RgwUser; person: string },
): Promise<void> {
  await panel.getByRole('tab', { name: /Settings|الإعدادات/ }).click();
  const section = panel.getByTestId('workspace');
  await section.getByTestId('workspace-endpoint').fill(rgw.endpoint);
  await section.getByTestId('workspace-bucket').fill(bucket);
  await section.getByTestId('workspace-region').fill('us-east-1');
  await section.getByTestId('workspace-accessKeyId').fill(user.accessKeyId);
  await section.getByTestId('workspace-secretAccessKey').fill(user.secretAccessKey);
  await section.getByTestId('workspace-person').fill(person);
  await section.getByTestId('workspace-connect').click();
  // This check's steps: the last one's are cleared on submit, and the region is busy until they come.
  await expect
    .poll(
      async () =>
        (await section.getByTestId('workspace-status').getAttribute('aria-busy')) === 'false' &&
        section.getByTestId('workspace-check').locator('li').count(),
      { timeout: 15_000 },
    )
    .toBeGreaterThan(3)
    .catch(async (error) => {
      throw new Error(`${error}\nThe workspace section says: ${await visibleText(section)}`);
    });
}
