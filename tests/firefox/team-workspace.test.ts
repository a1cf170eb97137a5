import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityLogEntry } from '../../utils/schemas/activity-log';
import { s3Client } from '../../utils/workspace/s3-client';
import type { WorkspaceStatus } from '../../utils/workspace/types';
import {
  activityLogIn,
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  panelMessageIn,
  pollFor,
  saveFirefoxScreenshot,
} from '../harness/firefox';
import { createTeamBucket, ensureRgw, type Rgw, type RgwUser, startRgw } from '../harness/rgw';

const available = ensureRgw();

describe.runIf(available)('the team workspace in Firefox', () => {
  let rgw: Rgw;
  let agent: RgwUser;
  let firefox: FirefoxWithExtension;
  beforeAll(async () => {
    rgw = await startRgw();
    const manager = rgw.createUser('manager');
    agent = rgw.createUser('agent1');
    await createTeamBucket(rgw, manager, 'acme', { managers: ['manager'], agents: ['agent1'], marketers: [] });
    firefox = await launchFirefoxWithExtension();
  }, 90_000);
  afterAll(async () => {
    await firefox?.close();
    rgw?.stop();
  });

  const steps = (page: Page) =>
    page.$$eval('[data-testid="workspace-check"] li', (items) =>
      Object.fromEntries(items.map((li) => [li.getAttribute('data-step'), li.getAttribute('data-outcome')])),
    );

  async function fill(page: Page, testId: string, value: string) {
    const input = await page.waitForSelector(`[data-testid="${testId}"]`);
    await input?.click({ count: 3 });
    await input?.type(value);
  }

  it("connects an agent from Settings and archives the agent's log to the bucket", async () => {
    const page = await firefox.openSidePanel({ locale: 'en' });
    await page.$$('[role="tab"]').then(async (tabs) => {
      for (const tab of tabs) if ((await tab.evaluate((t) => t.textContent?.trim())) === 'Settings') await tab.click();
    });
    await fill(page, 'workspace-endpoint', rgw.endpoint);
    await fill(page, 'workspace-bucket', 'acme');
    await fill(page, 'workspace-region', 'us-east-1');
    await fill(page, 'workspace-accessKeyId', agent.accessKeyId);
    await fill(page, 'workspace-secretAccessKey', agent.secretAccessKey);
    await fill(page, 'workspace-person', 'agent1');
    await (await page.waitForSelector('[data-testid="workspace-connect"]'))?.click();
    const outcome = await pollFor(
      () => steps(page),
      (s) => Object.keys(s).length > 5,
      20_000,
    );
    // Reached through the bucket's CORS rule (the address is not granted in this profile): the rule works.
    expect(outcome).toEqual({
      reach: 'ok',
      credentials: 'ok',
      clock: 'ok',
      list: 'ok',
      write: 'ok',
      read: 'ok',
      cors: 'ok',
    });
    const status = await panelMessageIn<WorkspaceStatus>(page, 'panel.workspaceStatus', {});
    expect(status).toMatchObject({ connected: true, bucket: 'acme', person: 'agent1' });
    expect(JSON.stringify(status)).not.toContain(agent.secretAccessKey);
    await saveFirefoxScreenshot(page, 'workspace-connected-en');

    await panelMessageIn(page, 'panel.logPaletteCheck', {
      origin: 'file',
      label: 'ff.png',
      verdict: 'pass',
      onPaletteShare: 0.9,
      swatches: 4,
    });
    const [entry] = (await activityLogIn(page, 'palette.checked')) as unknown as ActivityLogEntry[];
    // Entries settle 15 s before they go: ask until this one is archived.
    const archived = await pollFor(
      async () => {
        const now = await panelMessageIn<WorkspaceStatus>(page, 'panel.archiveLogNow', {});
        return now.connected ? now.archive.entries : 0;
      },
      (n) => n > 0,
      40_000,
    );
    expect(archived).toBeGreaterThan(0);
    const bucket = s3Client({ endpoint: rgw.endpoint, bucket: 'acme', region: 'us-east-1', ...agent });
    const listed = await bucket.list('logs/agent1/');
    if (!listed.ok) throw new Error(listed.kind);
    expect(listed.objects).toHaveLength(1);
    const object = await bucket.get(listed.objects[0].key);
    const lines = object.ok
      ? ((await object.body?.text()) ?? '')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as ActivityLogEntry)
      : [];
    expect(lines.map((l) => l.id)).toContain(entry.id);
    await page.close();
  });
});
