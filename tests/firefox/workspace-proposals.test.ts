/**
 * An agent's side of proposals through the team workspace, in Firefox (its background is an event
 * page, its requests to the bucket go through the bucket's CORS rule): the proposal lands under the
 * agent's name, the manager's answer (written here with the manager's key, as the manager's background
 * writes it; both sides run in Chromium in tests/e2e/workspace-proposals.test.ts) shows as approved,
 * and the pack the manager puts in the private bucket is followed with signed requests.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalsView } from '../../utils/proposals/types';
import { s3Client } from '../../utils/workspace/s3-client';
import type { WorkspaceStatus } from '../../utils/workspace/types';
import {
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  panelMessageIn,
  pollFor,
  saveFirefoxScreenshot,
} from '../harness/firefox';
import { createTeamBucket, ensureRgw, type Rgw, type RgwUser, startRgw } from '../harness/rgw';
import { patchSettings } from '../harness/settings-in-page';

const available = ensureRgw();

describe.runIf(available)('proposals through the team workspace in Firefox', () => {
  let rgw: Rgw;
  let huda: RgwUser;
  let sara: RgwUser;
  let firefox: FirefoxWithExtension;
  beforeAll(async () => {
    rgw = await startRgw();
    huda = rgw.createUser('huda');
    sara = rgw.createUser('sara');
    await createTeamBucket(rgw, huda, 'acme', { managers: ['huda'], agents: ['sara'], marketers: [] });
    firefox = await launchFirefoxWithExtension();
  }, 90_000);
  afterAll(async () => {
    await firefox?.close();
    rgw?.stop();
  });

  const bucketAs = (user: RgwUser) => s3Client({ endpoint: rgw.endpoint, bucket: 'acme', region: 'us-east-1', ...user });
  const sentIn = async (page: Page) => (await panelMessageIn<ProposalsView>(page, 'panel.listProposals', {})).sent;

  it('sends the proposal under the agent’s name, shows the answer, and follows the pack from the private bucket', async () => {
    const page = await firefox.openSidePanel({ locale: 'en' });
    await page.evaluate(patchSettings, { role: 'agent' as const });
    const connected = await panelMessageIn<{ status: WorkspaceStatus }>(page, 'panel.connectWorkspace', {
      endpoint: `${rgw.endpoint}/`,
      bucket: 'acme',
      region: 'us-east-1',
      accessKeyId: sara.accessKeyId,
      secretAccessKey: sara.secretAccessKey,
      person: 'sara',
    });
    expect(connected.status.connected).toBe(true);

    const template = {
      id: 'my-wallet',
      title: 'Refund to wallet',
      body: 'Hi {{commenter.firstName|there}}, the refund is in your wallet now.',
      lang: 'en',
      shortcut: ';walletback',
      tags: ['care'],
      status: 'draft',
    };
    const { proposalId } = await panelMessageIn<{ proposalId: string }>(page, 'panel.proposeTemplate', { template });
    const key = `proposals/sara/${proposalId}.json`;
    const inBucket = await pollFor(
      async () => {
        await panelMessageIn(page, 'panel.exchangeProposalsNow', {});
        const listed = await bucketAs(huda).list('proposals/');
        return listed.ok ? listed.objects.map((o) => o.key) : [];
      },
      (keys) => keys.includes(key),
      20_000,
    );
    expect(inBucket).toEqual([key]);
    expect((await sentIn(page)).map((s) => s.inWorkspace)).toEqual([true]);

    // The manager's answer, where the manager's background puts it.
    const decidedAt = new Date().toISOString();
    const answer = { proposalId, decision: 'approved', decidedAt, comment: 'Added as is', templateId: 'my-wallet' };
    expect((await bucketAs(huda).put(`decisions/sara/${proposalId}.json`, JSON.stringify(answer))).ok).toBe(true);
    const answered = await pollFor(
      async () => {
        await panelMessageIn(page, 'panel.exchangeProposalsNow', {});
        return sentIn(page);
      },
      (sent) => sent[0]?.status === 'approved',
      20_000,
    );
    expect(answered[0]).toMatchObject({ status: 'approved', via: 'workspace', decision: { comment: 'Added as is' } });
    // The panel as the agent opens it again: the Proposals list says what the answer means.
    const panel = await firefox.openSidePanel({ locale: 'en' });
    for (const tab of await panel.$$('[role="tab"]'))
      if ((await tab.evaluate((t) => t.textContent?.trim())) === 'Templates') await tab.click();
    const proposalsButton = await panel.waitForSelector('[data-testid="template-views"] ::-p-text(Proposals)');
    await proposalsButton?.click();
    const note = await panel.waitForSelector('[data-testid="sent-proposal-next-pack"]');
    expect(await note?.evaluate((n) => n.textContent)).toContain('arrives with your team’s next pack');
    await saveFirefoxScreenshot(panel, 'workspace-proposals-sent-en');
    await panel.close();

    // The manager's next pack, in the private bucket: with the template and the decision.
    const shipped = JSON.parse(await readFile(resolve(import.meta.dirname, '../../public/guidance/default-pack.json'), 'utf8'));
    const pack = {
      ...shipped,
      version: shipped.version + 1,
      templates: [...shipped.templates, { ...template, status: 'approved' }],
      proposalDecisions: [answer],
    };
    const packKey = `packs/${pack.id}/pack.json`;
    expect((await bucketAs(huda).put(packKey, JSON.stringify(pack), { contentType: 'application/json' })).ok).toBe(true);
    const packUrl = `${rgw.endpoint}/acme/${packKey}`;
    const anonymous = await fetch(packUrl);
    expect(anonymous.status).toBe(403);
    await anonymous.body?.cancel();
    await panelMessageIn(page, 'panel.subscribe', { url: packUrl, autoApply: true, refreshMinutes: 30, trustHost: true });
    const guidance = await pollFor(
      () =>
        panelMessageIn<{ pack: { version: number; templates: Array<{ id: string; status: string }> } }>(
          page,
          'panel.getGuidance',
          {},
        ),
      (g) => g.pack.version === pack.version,
      20_000,
    );
    expect(guidance.pack.templates.find((t) => t.id === 'my-wallet')?.status).toBe('approved');
    expect((await sentIn(page))[0]).toMatchObject({ status: 'approved', via: 'pack' });
    await page.close();
  });
});
