/**
 * Agents propose, managers review, through the background's messages: two profiles (two databases),
 * the file carried between them as text, the decision back through a published pack.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import type { DalilDatabase } from '../../../utils/db/open';
import { openDalilDatabase } from '../../../utils/db/open';
import { type Handlers, routeMessage } from '../../../utils/messaging/router';
import type { Role } from '../../../utils/schemas/settings';
import { backgroundTestDeps } from './test-deps';

const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
const self = { runtimeId: 'x', extensionOrigin: 'chrome-extension://x' };

interface Profile {
  db: Promise<DalilDatabase>;
  handlers: Handlers;
  role: Role;
}
function profile(name: string, role: Role, actor: string): Profile {
  const p = { db: openDalilDatabase(`proposals-${name}-${Math.random()}`), role } as Profile;
  p.handlers = createHandlers(backgroundTestDeps(p.db, { role: async () => p.role, actorName: async () => actor }));
  return p;
}
async function send<T = unknown>(p: Profile, type: string, payload: unknown): Promise<T> {
  const reply = (await routeMessage(p.handlers, { type, payload }, panel, self)) as { ok: boolean; data?: T; error?: string };
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.data as T;
}
const refusal = async (p: Profile, type: string, payload: unknown) =>
  (await routeMessage(p.handlers, { type, payload }, panel, self)) as { ok: boolean; error?: { message: string } };

let agent: Profile;
let manager: Profile;
const draft = {
  id: 'my-refund-card',
  title: 'Refund to card',
  body: 'Hi {{commenter.firstName|there}}, your refund reaches your card within 5 days.',
  lang: 'en',
  shortcut: ';cardback',
  tags: ['care'],
  status: 'draft' as const,
};

beforeEach(() => {
  agent = profile('agent', 'agent', 'Omar');
  manager = profile('manager', 'manager', 'Huda');
});

describe('proposals through the background', () => {
  it('an agent’s proposal is logged (and queued for the team’s webhook when one is set) and comes back as a file', async () => {
    await (await agent.db).put(
      'syncState',
      { url: 'https://hooks.example/dalil', enabledAt: '2026-12-01T00:00:00Z', delivered: 0 },
      'webhook',
    );
    const file = await send<{ proposalId: string; fileName: string; json: string }>(agent, 'panel.proposeTemplate', {
      template: draft,
      note: 'Asked for daily',
    });
    expect(file.fileName).toMatch(/^Refund-to-card-p-.*\.dalil-proposal\.json$/);
    const json = JSON.parse(file.json);
    expect(json).toMatchObject({ format: 'dalil.template-proposal', formatVersion: 1, author: 'Omar', note: 'Asked for daily' });
    expect(json.baseTemplateId).toBeUndefined();
    const log = await (await agent.db).getAll('activityLog');
    const entry = log.find((e) => e.kind === 'proposal.sent');
    expect(entry?.details).toMatchObject({ proposalId: file.proposalId, change: 'new', templateId: 'my-refund-card' });
    const outbox = await (await agent.db).getAll('outbox');
    expect(outbox.map((o) => (o as { entry?: { id: string } }).entry?.id ?? JSON.stringify(o))).toContainEqual(
      expect.stringContaining(entry?.id ?? 'missing'),
    );
    const view = await send<{ sent: Array<{ status: string }> }>(agent, 'panel.listProposals', {});
    expect(view.sent.map((s) => s.status)).toEqual(['pending']);
  });

  it('only a manager opens proposals into the queue or decides them, whatever the panel shows', async () => {
    const file = await send<{ proposalId: string; json: string }>(agent, 'panel.proposeTemplate', { template: draft });
    const imported = await refusal(agent, 'panel.importProposals', { files: [{ name: 'a.json', text: file.json }] });
    expect(imported).toMatchObject({ ok: false, error: { message: 'Only a manager can review proposals.' } });
    await send(manager, 'panel.importProposals', { files: [{ name: 'a.json', text: file.json }] });
    manager.role = 'agent';
    const decided = await send<{ ok: boolean; problems?: Array<{ code?: string }> }>(manager, 'panel.decideProposal', {
      proposalId: file.proposalId,
      decision: 'approved',
    });
    expect(decided).toMatchObject({ ok: false, problems: [{ code: 'manager-only' }] });
    const guidance = await send<{ pack: { templates: Array<{ id: string }> } }>(manager, 'panel.getGuidance', {});
    expect(guidance.pack.templates.map((t) => t.id)).not.toContain('my-refund-card');
  });

  it('a bad file is refused with its paths and the good ones of the same batch are queued', async () => {
    const file = await send<{ json: string }>(agent, 'panel.proposeTemplate', { template: draft });
    const { outcomes } = await send<{ outcomes: Array<{ fileName: string; ok: boolean; problems?: Array<{ path: string }> }> }>(
      manager,
      'panel.importProposals',
      {
        files: [
          { name: 'good.dalil-proposal.json', text: file.json },
          { name: 'bad.dalil-proposal.json', text: file.json.replace('"lang": "en"', '"lang": "English!"') },
          { name: 'again.dalil-proposal.json', text: file.json },
        ],
      },
    );
    expect(outcomes.find((o) => o.fileName === 'bad.dalil-proposal.json')).toMatchObject({
      ok: false,
      problems: [{ path: 'template.lang' }],
    });
    expect(outcomes.filter((o) => o.ok).map((o) => [o.fileName, (o as { duplicate?: boolean }).duplicate])).toEqual([
      ['good.dalil-proposal.json', false],
      ['again.dalil-proposal.json', true],
    ]);
    const view = await send<{ queue: Array<{ diff: { kind: string } }> }>(manager, 'panel.listProposals', {});
    expect(view.queue.map((q) => q.diff.kind)).toEqual(['new']);
  });

  it('approved into the pack, published with the decision; the agent’s pack update brings "approved" and the comment', async () => {
    const file = await send<{ proposalId: string; json: string }>(agent, 'panel.proposeTemplate', { template: draft });
    await send(manager, 'panel.importProposals', { files: [{ name: 'p.json', text: file.json }] });
    const decided = await send(manager, 'panel.decideProposal', {
      proposalId: file.proposalId,
      decision: 'approved',
      comment: 'Great — added as is.',
    });
    expect(decided).toMatchObject({ ok: true });
    const guidance = await send<{ pack: { templates: Array<{ id: string; status: string }> } }>(manager, 'panel.getGuidance', {});
    expect(guidance.pack.templates.find((t) => t.id === 'my-refund-card')?.status).toBe('approved');
    const published = await send<{ json: string }>(manager, 'panel.publishPack', { bumpVersion: true, sign: false });
    const pack = JSON.parse(published.json);
    expect(pack.proposalDecisions).toEqual([
      expect.objectContaining({
        proposalId: file.proposalId,
        decision: 'approved',
        templateId: 'my-refund-card',
        comment: 'Great — added as is.',
      }),
    ]);
    const decidedLog = (await (await manager.db).getAll('activityLog')).find((e) => e.kind === 'proposal.decided');
    expect(decidedLog?.details).toMatchObject({ decision: 'approved', author: 'Omar' });

    // The agent's browser takes the published pack (here as a file; the team URL applies it the same way).
    agent.role = 'manager'; // not subscribed: an unsubscribed browser imports pack files
    await send(agent, 'panel.importPack', { text: published.json, fileName: 'pack.json' });
    const view = await send<{ sent: Array<{ status: string; decision?: { comment?: string } }> }>(
      agent,
      'panel.listProposals',
      {},
    );
    expect(view.sent).toEqual([
      expect.objectContaining({ status: 'approved', decision: expect.objectContaining({ comment: 'Great — added as is.' }) }),
    ]);
  });

  it('a change to a pack template shows its diff; an edited approval replaces that template; a shortcut clash is refused with its path', async () => {
    const packTemplates = (
      await send<{ pack: { templates: Array<{ id: string; body: string; shortcut?: string }> } }>(agent, 'panel.getGuidance', {})
    ).pack.templates;
    const thanks = packTemplates.find((t) => t.id === 'care.thanks.en');
    if (!thanks) throw new Error('no care.thanks.en in the default pack');
    const file = await send<{ proposalId: string; json: string }>(agent, 'panel.proposeTemplate', {
      template: { ...thanks, id: 'my-care.thanks.en', body: `${thanks.body}\nHave a good day!` },
      baseTemplateId: 'care.thanks.en',
    });
    expect(JSON.parse(file.json).template.id).toBe('care.thanks.en');
    await send(manager, 'panel.importProposals', { files: [{ name: 'p.json', text: file.json }] });
    const view = await send<{ queue: Array<{ diff: { kind: string; changes: Array<{ path: string }> } }> }>(
      manager,
      'panel.listProposals',
      {},
    );
    expect(view.queue[0].diff).toMatchObject({ kind: 'edit', changes: [{ path: 'body' }] });

    const other = packTemplates.find((t) => t.shortcut && t.id !== 'care.thanks.en');
    const clash = await send<{ ok: boolean; problems?: Array<{ path: string }> }>(manager, 'panel.decideProposal', {
      proposalId: file.proposalId,
      decision: 'approved',
      template: { ...JSON.parse(file.json).template, shortcut: other?.shortcut },
    });
    expect(clash).toMatchObject({ ok: false, problems: [{ path: 'template.shortcut' }] });

    await send(manager, 'panel.decideProposal', {
      proposalId: file.proposalId,
      decision: 'approved',
      template: { ...JSON.parse(file.json).template, body: 'Thanks a lot!' },
    });
    const after = await send<{ pack: { templates: Array<{ id: string; body: string }> } }>(manager, 'panel.getGuidance', {});
    expect(after.pack.templates.filter((t) => t.id === 'care.thanks.en').map((t) => t.body)).toEqual(['Thanks a lot!']);
    expect(after.pack.templates).toHaveLength(packTemplates.length);
  });

  it('declining changes no template and is carried in the pack for the agent', async () => {
    const file = await send<{ proposalId: string; json: string }>(agent, 'panel.proposeTemplate', { template: draft });
    await send(manager, 'panel.importProposals', { files: [{ name: 'p.json', text: file.json }] });
    await send(manager, 'panel.decideProposal', {
      proposalId: file.proposalId,
      decision: 'declined',
      comment: 'We already have ;refund',
    });
    const guidance = await send<{ pack: { templates: Array<{ id: string }>; proposalDecisions?: unknown[] } }>(
      manager,
      'panel.getGuidance',
      {},
    );
    expect(guidance.pack.templates.map((t) => t.id)).not.toContain('my-refund-card');
    expect(guidance.pack.proposalDecisions).toEqual([
      expect.objectContaining({ decision: 'declined', comment: 'We already have ;refund' }),
    ]);
  });
});

describe('approving keeps the pack valid', () => {
  it('a proposal that includes a template the pack does not have is refused with its path, and nothing changes', async () => {
    const file = await send<{ proposalId: string; json: string }>(agent, 'panel.proposeTemplate', {
      template: { ...draft, body: 'Hi! {{> care.no-such-template}}' },
    });
    await send(manager, 'panel.importProposals', { files: [{ name: 'p.json', text: file.json }] });
    const refused = await send<{ ok: boolean; problems?: Array<{ path: string }> }>(manager, 'panel.decideProposal', {
      proposalId: file.proposalId,
      decision: 'approved',
    });
    expect(refused.ok).toBe(false);
    expect(refused.problems?.[0]?.path).toMatch(/^template/);
    const guidance = await send<{ pack: { templates: Array<{ id: string }>; proposalDecisions?: unknown[] } }>(
      manager,
      'panel.getGuidance',
      {},
    );
    expect(guidance.pack.templates.map((t) => t.id)).not.toContain('my-refund-card');
    expect(guidance.pack.proposalDecisions ?? []).toEqual([]);
  });
});
