// @vitest-environment node
/**
 * Proposals through the team workspace, against a real Ceph RADOS Gateway with the team's bucket
 * policy: two profiles (an agent, a manager), each with its own database and key. The agent's proposal
 * reaches the manager's queue under the name the bucket vouches for, the decision comes back through the
 * bucket, and the approved template arrives in the pack the agent follows from the private bucket.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { openDalilDatabase } from '../../../utils/db/open';
import { workspaceStore } from '../../../utils/db/workspace-db';
import { type Handlers, routeMessage } from '../../../utils/messaging/router';
import type { ProposalsView } from '../../../utils/proposals/types';
import type { Role } from '../../../utils/schemas/settings';
import { s3Client } from '../../../utils/workspace/s3-client';
import { createTeamBucket, ensureRgw, type Rgw, type RgwUser, startRgw } from '../../harness/rgw';
import { backgroundTestDeps } from './test-deps';

const available = ensureRgw();
const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
const self = { runtimeId: 'x', extensionOrigin: 'chrome-extension://x' };

const draft = {
  id: 'my-refund-wallet',
  title: 'Refund to wallet',
  body: 'Hi {{commenter.firstName|there}}, your refund is in your wallet now.',
  lang: 'en',
  shortcut: ';walletback',
  tags: ['care'],
  status: 'draft' as const,
};

describe.runIf(available)('proposals through the team workspace', () => {
  let rgw: Rgw;
  let huda: RgwUser;
  let sara: RgwUser;
  let omar: RgwUser;
  beforeAll(async () => {
    rgw = await startRgw();
    huda = rgw.createUser('huda');
    sara = rgw.createUser('sara');
    omar = rgw.createUser('omar');
    await createTeamBucket(rgw, huda, 'team', { managers: ['huda'], agents: ['sara', 'omar'], marketers: [] });
  }, 60_000);
  afterAll(() => rgw?.stop());

  const bucketAs = (user: RgwUser) => s3Client({ endpoint: rgw.endpoint, bucket: 'team', region: 'us-east-1', ...user });

  interface Profile {
    handlers: Handlers;
    role: Role;
  }
  /** A browser profile: its own database and workspace store; `actor` is the name typed in Settings. */
  async function profile(user: RgwUser, person: string, role: Role, actor: string, fetchImpl?: typeof fetch): Promise<Profile> {
    const db = openDalilDatabase(`wsp-${person}-${Math.random()}`);
    const p = { role } as Profile;
    p.handlers = createHandlers(
      backgroundTestDeps(db, {
        role: async () => p.role,
        actorName: async () => actor,
        workspace: {
          store: workspaceStore(`dalil-workspace-${Math.random()}`),
          origin: 'chrome-extension://x',
          hasAccess: async () => true,
          ...(fetchImpl ? { fetch: fetchImpl } : {}),
        },
      }),
    );
    const connected = await send<{ status: { connected: boolean } }>(p, 'panel.connectWorkspace', {
      endpoint: `${rgw.endpoint}/`,
      bucket: 'team',
      region: 'us-east-1',
      accessKeyId: user.accessKeyId,
      secretAccessKey: user.secretAccessKey,
      person,
    });
    expect(connected.status.connected).toBe(true);
    return p;
  }
  async function send<T = unknown>(p: Profile, type: string, payload: unknown = {}): Promise<T> {
    const reply = (await routeMessage(p.handlers, { type, payload }, panel, self)) as { ok: boolean; data?: T; error?: unknown };
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    return reply.data as T;
  }

  it("takes an agent's proposal to the manager's queue under the bucket's name for them, and brings the answer and the template back", async () => {
    // Sara typed someone else's name in Settings: the file says "Huda", the bucket says sara.
    const agent = await profile(sara, 'sara', 'agent', 'Huda');
    const manager = await profile(huda, 'huda', 'manager', 'Huda');

    const sent = await send<{ proposalId: string }>(agent, 'panel.proposeTemplate', { template: draft, note: 'Asked daily' });
    await send(agent, 'panel.exchangeProposalsNow');
    const listed = await bucketAs(huda).list('proposals/');
    expect(listed.ok && listed.objects.map((o) => o.key)).toEqual([`proposals/sara/${sent.proposalId}.json`]);
    let mine = await send<ProposalsView>(agent, 'panel.listProposals');
    expect(mine.sent.map((s) => [s.status, s.inWorkspace])).toEqual([['pending', true]]);

    await send(manager, 'panel.exchangeProposalsNow');
    const queue = (await send<ProposalsView>(manager, 'panel.listProposals')).queue;
    expect(queue.map((q) => [q.proposal.id, q.proposal.author, q.fileName, q.diff.kind])).toEqual([
      [sent.proposalId, 'sara', `proposals/sara/${sent.proposalId}.json`, 'new'],
    ]);
    // Taken once: another exchange adds nothing.
    await send(manager, 'panel.exchangeProposalsNow');
    expect((await send<ProposalsView>(manager, 'panel.listProposals')).queue).toHaveLength(1);

    const decided = await send<{ ok: boolean }>(manager, 'panel.decideProposal', {
      proposalId: sent.proposalId,
      decision: 'approved',
      comment: 'Good one',
    });
    expect(decided.ok).toBe(true);
    await send(manager, 'panel.exchangeProposalsNow');
    const answer = await bucketAs(sara).get(`decisions/sara/${sent.proposalId}.json`);
    expect(answer.ok && JSON.parse((await answer.body?.text()) ?? '{}')).toMatchObject({
      proposalId: sent.proposalId,
      decision: 'approved',
      comment: 'Good one',
    });

    // The agent hears before the pack changes, and is told the template comes with the next pack.
    await send(agent, 'panel.exchangeProposalsNow');
    mine = await send<ProposalsView>(agent, 'panel.listProposals');
    expect(mine.sent.map((s) => [s.status, s.via, s.decision?.comment])).toEqual([['approved', 'workspace', 'Good one']]);

    // The manager publishes to the private bucket; the agent follows it there, signed with their own key.
    const published = await send<{ json: string }>(manager, 'panel.publishPack', { bumpVersion: true, sign: false });
    const put = await send<{ url: string }>(manager, 'panel.publishPackToWorkspace', { json: published.json });
    const anonymous = await fetch(put.url);
    expect(anonymous.status).toBe(403); // private: the policy names the team's keys only
    await anonymous.body?.cancel();
    const followed = await send<{ subscription?: { failures: number } }>(agent, 'panel.subscribe', {
      url: put.url,
      autoApply: true,
      trustHost: true,
      refreshMinutes: 30,
    });
    expect(followed.subscription?.failures).toBe(0);
    const guidance = await send<{ pack: { templates: Array<{ id: string; status: string }> } }>(agent, 'panel.getGuidance');
    expect(guidance.pack.templates.find((t) => t.id === draft.id)).toMatchObject({ status: 'approved' });
    mine = await send<ProposalsView>(agent, 'panel.listProposals');
    expect(mine.sent.map((s) => [s.status, s.via])).toEqual([['approved', 'pack']]);
  });

  it('refuses at the bucket what a key may not write: another agent’s proposals, and decisions', async () => {
    const asOmar = bucketAs(omar);
    const forged = await asOmar.put('proposals/sara/p-forged.json', '{}', { createOnly: true });
    expect(forged).toMatchObject({ ok: false, kind: 'denied' });
    const approval = await asOmar.put('decisions/omar/p-1.json', '{"decision":"approved"}');
    expect(approval).toMatchObject({ ok: false, kind: 'denied' });
    // Sara's answer from the first test: there, and not Omar's to read.
    const saras = await bucketAs(huda).list('decisions/sara/');
    const key = saras.ok ? saras.objects[0]?.key : undefined;
    expect(key).toBeDefined();
    expect(await asOmar.get(key ?? '')).toMatchObject({ ok: false, kind: 'denied' });
    expect((await bucketAs(sara).get(key ?? '')).ok).toBe(true);
  });

  it('shows the manager a file in the proposals folder that is not a proposal, and takes the good ones', async () => {
    const manager = await profile(huda, 'huda', 'manager', 'Huda');
    await bucketAs(omar).put('proposals/omar/p-broken.json', '{"format":"something else"}', { createOnly: true });
    const agent = await profile(omar, 'omar', 'agent', 'Omar');
    const sent = await send<{ proposalId: string }>(agent, 'panel.proposeTemplate', {
      template: { ...draft, id: 'my-thanks-2', shortcut: ';thx2', title: 'Thanks, again' },
    });
    await send(agent, 'panel.exchangeProposalsNow');
    const exchange = await send<ProposalsView['exchange']>(manager, 'panel.exchangeProposalsNow');
    expect(exchange.connected && exchange.refused.map((r) => r.key)).toContain('proposals/omar/p-broken.json');
    expect(exchange.connected && exchange.refused[0].problems.length).toBeGreaterThan(0);
    const queue = (await send<ProposalsView>(manager, 'panel.listProposals')).queue;
    expect(queue.map((q) => q.proposal.id)).toContain(sent.proposalId);
  });

  it('loses nothing when the bucket cannot be reached: the proposal is kept and goes at the next exchange', async () => {
    let offline = true;
    const flaky: typeof fetch = (input, init) =>
      offline ? Promise.reject(new TypeError('Failed to fetch')) : globalThis.fetch(input, init);
    // A profile that connected, then lost the network: built with the flaky fetch while it was up.
    offline = false;
    const roaming = await profile(sara, 'sara', 'agent', 'Sara', flaky);
    offline = true;
    const sent = await send<{ proposalId: string }>(roaming, 'panel.proposeTemplate', {
      template: { ...draft, id: 'my-offline', shortcut: ';offline', title: 'Written on the train' },
    });
    const failed = await send<ProposalsView['exchange']>(roaming, 'panel.exchangeProposalsNow');
    expect(failed.connected && failed.lastError?.kind).toBe('network');
    let mine = await send<ProposalsView>(roaming, 'panel.listProposals');
    expect(mine.sent.find((s) => s.proposal.id === sent.proposalId)?.inWorkspace).toBe(false);

    offline = false;
    const ok = await send<ProposalsView['exchange']>(roaming, 'panel.exchangeProposalsNow');
    expect(ok.connected && ok.lastError).toBeUndefined();
    mine = await send<ProposalsView>(roaming, 'panel.listProposals');
    expect(mine.sent.find((s) => s.proposal.id === sent.proposalId)?.inWorkspace).toBe(true);
    const there = await bucketAs(huda).get(`proposals/sara/${sent.proposalId}.json`);
    expect(there.ok).toBe(true);
  });

  it('sends a proposal once when a stopped worker had sent it without noting it', async () => {
    const agent = await profile(sara, 'sara', 'agent', 'Sara');
    const sent = await send<{ proposalId: string; json: string }>(agent, 'panel.proposeTemplate', {
      template: { ...draft, id: 'my-twice', shortcut: ';twice', title: 'Sent twice?' },
    });
    // The upload that happened before the worker stopped (the proposal's own run may race this: either is fine).
    await bucketAs(sara).put(`proposals/sara/${sent.proposalId}.json`, sent.json, { createOnly: true });
    const exchange = await send<ProposalsView['exchange']>(agent, 'panel.exchangeProposalsNow');
    expect(exchange.connected && exchange.lastError).toBeUndefined();
    expect(exchange.connected && exchange.uploaded).toContain(sent.proposalId);
  });
});
