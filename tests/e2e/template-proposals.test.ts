/**
 * Agents propose, managers review, end to end in two browser profiles: an agent following the team's
 * pack writes a personal draft and makes it a proposal file; the manager opens that file (and a folder
 * holding it, a broken file and a note) in the review queue, sees it is new, comments and approves it,
 * and publishes the pack; the agent's browser follows the new pack, shows "approved" with the comment,
 * and the template expands in a composer. Screenshots of the queue and the agent's list in both languages.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, panelMessage, visibleText } from '../harness/browser';
import { focusComposer, modelText, openDemo, typeInComposer } from '../harness/composer';
import { serveDemoPages } from '../harness/demo-pages';
import { defaultPack } from '../harness/team-packs';
import { startTeamServer, type TeamServer } from '../harness/team-server';

let server: TeamServer;
let manager: ExtensionBrowser | undefined;
let agent: ExtensionBrowser | undefined;
beforeAll(async () => {
  server = await startTeamServer();
});
afterAll(async () => {
  await manager?.close();
  await agent?.close();
  await server?.close();
});

const TEAM = '/team.json';
const BODY = 'أهلًا {{commenter.firstName|عزيزنا}}، بطاقات الهدايا متاحة في كل الفروع ✨';

async function publish(panel: Page): Promise<void> {
  const published = await panelMessage<{ json: string }>(panel, 'panel.publishPack', { bumpVersion: true, sign: false });
  server.setPack(TEAM, published.json);
}

async function openProposals(panel: Page, name = 'Proposals'): Promise<void> {
  await panel.getByRole('tab', { name: name === 'Proposals' ? 'Templates' : 'القوالب' }).click();
  await panel.getByTestId('template-views').getByRole('button', { name }).click();
}

describe('an agent proposes a template; the manager approves it into the next pack', () => {
  let proposalPath: string;
  let proposalId: string;

  it('agent: a personal draft becomes a proposal file, logged, shown as waiting for review', async () => {
    manager = await launchWithExtension({ viewport: { width: 900, height: 1000 } });
    const managerPanel = await manager.openSidePanel({ locale: 'en' });
    await publish(managerPanel); // the next version after the built-in pack's, on the team's host
    await managerPanel.close();

    agent = await launchWithExtension({ viewport: { width: 900, height: 1000 }, allowOrigins: [server.origin] });
    const panel = await agent.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    await panel.getByTestId('sync-role').selectOption('agent');
    // Unsigned packs from a host the agent trusts are applied as they come (signing is team-publish's test).
    await panelMessage(panel, 'panel.subscribe', { url: server.url(TEAM), autoApply: true, refreshMinutes: 30, trustHost: true });
    await expect.poll(() => panel.getByTestId('sync-status').getAttribute('data-outcome'), { timeout: 20_000 }).toBe('applied');

    await panel.getByRole('tab', { name: 'Templates' }).click();
    await panel.getByRole('button', { name: 'New personal draft' }).click();
    await panel.getByLabel('Title').fill('بطاقات الهدايا');
    await panel.getByLabel('Text', { exact: true }).fill(BODY);
    await panel.getByLabel('Shortcut').fill(';giftcard');
    await panel.getByRole('button', { name: 'Save' }).click();
    const draft = panel.getByTestId('personal-draft');
    await draft.waitFor();
    await draft.getByTestId('propose-draft').click();
    expect(await panel.getByTestId('propose-base').inputValue()).toBe(''); // a new template
    await panel.getByTestId('propose-note').fill('Customers ask every day before Eid.');
    const downloading = panel.waitForEvent('download');
    await panel.getByTestId('propose-download').click();
    const file = await downloading;
    proposalPath = (await file.path()) as string;
    expect(file.suggestedFilename()).toMatch(/\.dalil-proposal\.json$/);
    const proposal = JSON.parse(await readFile(proposalPath, 'utf8'));
    proposalId = proposal.id;
    expect(proposal).toMatchObject({ format: 'dalil.template-proposal', formatVersion: 1, packVersion: defaultPack.version + 1 });
    expect(proposal.template).toMatchObject({ title: 'بطاقات الهدايا', body: BODY, shortcut: ';giftcard', status: 'draft' });
    expect(await visibleText(panel.getByTestId('propose-done'))).toContain(file.suggestedFilename());

    // Logged: the entry the outbox takes to the team's webhook when one is set.
    const log = await panelMessage<Array<{ kind: string; details: Record<string, unknown> }>>(panel, 'panel.listLog', {});
    expect(log.find((e) => e.kind === 'proposal.sent')?.details).toMatchObject({ proposalId, change: 'new' });

    await openProposals(panel);
    const sent = panel.getByTestId('sent-proposal');
    await expect.poll(() => sent.getAttribute('data-status')).toBe('pending');
    expect(await visibleText(sent)).toContain('Waiting for review');
    // Only a manager reviews: an agent sees no queue, and the background refuses an agent's import.
    expect(await panel.getByTestId('review-queue').count()).toBe(0);
    await expect(
      panelMessage(panel, 'panel.importProposals', { files: [{ name: 'x.json', text: await readFile(proposalPath, 'utf8') }] }),
    ).rejects.toThrow(/Only a manager/);
  });

  it('manager: opens a folder of proposals (a broken one refused with its path), sees "new", comments, approves, publishes', async () => {
    if (!manager) throw new Error('no manager browser');
    const folder = await mkdtemp(join(tmpdir(), 'dalil-proposals-'));
    const text = await readFile(proposalPath, 'utf8');
    await writeFile(join(folder, 'gift.dalil-proposal.json'), text);
    await writeFile(
      join(folder, 'broken.dalil-proposal.json'),
      text.replace('"id": "p-', '"id": "P-').replace('"lang": "ar"', '"lang": "Arabic"'),
    );
    await writeFile(join(folder, 'notes.txt'), 'not a proposal');

    const panel = await manager.openSidePanel({ locale: 'en' });
    await openProposals(panel);
    await panel.getByTestId('proposal-folder').setInputFiles(folder);
    const outcomes = panel.getByTestId('proposal-import-outcomes');
    await expect.poll(() => visibleText(outcomes)).toMatch(/gift\.dalil-proposal\.json: added to the queue/);
    const outcomeText = await visibleText(outcomes);
    expect(outcomeText).toMatch(/broken\.dalil-proposal\.json: not opened/);
    expect(outcomeText).toMatch(/template\.lang/);
    expect(outcomeText).toMatch(/1 file is not a proposal/);
    // The same file opened again is not queued twice.
    await panel.getByTestId('proposal-files').setInputFiles(join(folder, 'gift.dalil-proposal.json'));
    await expect.poll(() => visibleText(outcomes)).toMatch(/already in the queue/);

    const item = panel.locator(`[data-testid="queued-proposal"][data-proposal-id="${proposalId}"]`);
    expect(await visibleText(item.getByTestId('proposal-kind'))).toBe('New template');
    expect(await visibleText(item)).toContain('Customers ask every day before Eid.');
    expect(await item.getByTestId('proposal-body').getAttribute('dir')).toBe('auto');
    await item.getByTestId('proposal-comment').fill('شكرًا! أضفناه كما هو.');
    await saveScreenshot(panel, 'proposals-queue-en');

    const arabic = await manager.openSidePanel({ locale: 'ar' });
    await openProposals(arabic, 'المقترحات');
    await arabic.getByTestId('queued-proposal').first().waitFor();
    expect(await arabic.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await visibleText(arabic.getByTestId('review-queue'))).toContain('قائمة المراجعة');
    await saveScreenshot(arabic, 'proposals-queue-ar');
    await arabic.close();

    await item.getByTestId('proposal-approve').click();
    await expect.poll(() => item.getAttribute('data-decision')).toBe('approved');
    const guidance = await panelMessage<{ pack: { templates: Array<{ shortcut?: string; status: string }> } }>(
      panel,
      'panel.getGuidance',
      {},
    );
    expect(guidance.pack.templates.find((t) => t.shortcut === ';giftcard')?.status).toBe('approved');
    await publish(panel); // one version more, with the decision
  });

  it('agent: the pack update brings "approved" with the manager’s comment, and the template expands in a composer', async () => {
    if (!agent) throw new Error('no agent browser');
    const panel = await agent.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    await panel.getByTestId('sync-refresh').click();
    await expect
      .poll(() => visibleText(panel.getByTestId('pack-info')), { timeout: 20_000 })
      .toContain(`version ${defaultPack.version + 2}`);
    await openProposals(panel);
    const sent = panel.getByTestId('sent-proposal');
    await expect.poll(() => sent.getAttribute('data-status')).toBe('approved');
    expect(await visibleText(sent.getByTestId('sent-proposal-comment'))).toContain('شكرًا! أضفناه كما هو.');
    expect(await visibleText(sent.getByTestId('sent-proposal-in-pack'))).toContain('بطاقات الهدايا');

    const arabic = await agent.openSidePanel({ locale: 'ar' });
    await openProposals(arabic, 'المقترحات');
    await expect.poll(() => visibleText(arabic.getByTestId('sent-proposal'))).toContain('مقبول');
    await saveScreenshot(arabic, 'proposals-agent-status-ar');
    await arabic.close();

    await serveDemoPages(agent.context);
    const page = await openDemo(agent, 'x');
    await focusComposer(page);
    await typeInComposer(page, ';giftcard');
    await expect.poll(() => modelText(page), { timeout: 5000 }).toContain('بطاقات الهدايا متاحة في كل الفروع');
    await page.close();
  });
});
