import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import type { DalilDatabase } from '../../../utils/db/open';
import { openDalilDatabase } from '../../../utils/db/open';
import type { ChangeBroadcast } from '../../../utils/messaging/protocol';
import { type Handlers, routeMessage } from '../../../utils/messaging/router';
import type { Role } from '../../../utils/schemas/settings';
import { backgroundTestDeps } from './test-deps';

const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
const content = { id: 'x', url: 'https://www.facebook.com/dalilcoffee/posts/1001', tab: { id: 7 } };
const self = { runtimeId: 'x', extensionOrigin: 'chrome-extension://x' };

let db: Promise<DalilDatabase>;
let handlers: Handlers;
let broadcasts: ChangeBroadcast['topics'][];
let role: Role;

const playbook = { id: 'playbook.night', title: 'Night shift', lang: 'en', body: 'Hand over.\n\n- Write a note.', tags: [] };

beforeEach(() => {
  db = openDalilDatabase(`playbook-handlers-${Math.random()}`);
  broadcasts = [];
  role = 'manager';
  handlers = createHandlers(backgroundTestDeps(db, { broadcast: (topics) => broadcasts.push(topics), role: async () => role }));
});

const send = (type: string, payload: unknown, sender = panel) => routeMessage(handlers, { type, payload }, sender, self);
const playbookIds = async () => (await handlers['panel.getGuidance']({}, panel)).pack.playbooks.map((p) => p.id);

/** An agent following the team's URL: the subscription is what makes the pack read-only. */
async function becomeSubscribedAgent() {
  role = 'agent';
  await (await db).put(
    'syncState',
    {
      url: 'https://team.example/pack.json',
      autoApply: true,
      refreshMinutes: 30,
      subscribedAt: '2026-11-26T10:00:00Z',
      failures: 0,
    },
    'subscription',
  );
}

describe('playbook messages', () => {
  it('save and delete for a manager: stored, logged as a pack update, panels told', async () => {
    const before = await playbookIds();
    expect(await send('panel.savePlaybook', { playbook })).toEqual({ ok: true, data: { ok: true } });
    expect(await playbookIds()).toEqual([...before, playbook.id]);
    expect(await send('panel.deletePlaybook', { id: playbook.id })).toEqual({ ok: true, data: { ok: true } });
    expect(await playbookIds()).toEqual(before);
    const log = await handlers['panel.listLog']({}, panel);
    expect(log.map((e) => [e.kind, e.details])).toEqual([
      ['pack.updated', { part: 'playbooks', playbookId: playbook.id, action: 'deleted' }],
      ['pack.updated', { part: 'playbooks', playbookId: playbook.id, action: 'saved' }],
    ]);
    expect(broadcasts).toEqual([
      ['guidance', 'log'],
      ['guidance', 'log'],
    ]);
  });

  it('an agent following the team URL is refused, and nothing changes', async () => {
    const before = await playbookIds();
    await becomeSubscribedAgent();
    const saved = (await send('panel.savePlaybook', { playbook })) as {
      ok: true;
      data: { ok: boolean; problems?: { code?: string }[] };
    };
    expect(saved.data.ok).toBe(false);
    expect(saved.data.problems?.[0]?.code).toBe('read-only');
    const deleted = await send('panel.deletePlaybook', { id: before[0] });
    expect(deleted.ok).toBe(false);
    expect(await playbookIds()).toEqual(before);
    expect(await handlers['panel.listLog']({}, panel)).toEqual([]);
    expect(broadcasts).toEqual([]);
  });

  it('refuses a playbook that fails the schema, and content scripts altogether', async () => {
    expect((await send('panel.savePlaybook', { playbook: { ...playbook, title: '  ' } })).ok).toBe(false);
    expect((await send('panel.savePlaybook', { playbook }, content)).ok).toBe(false);
    expect((await send('panel.deletePlaybook', { id: 'playbook.unhappy-customers.en' }, content)).ok).toBe(false);
    expect(await handlers['panel.listLog']({}, panel)).toEqual([]);
  });
});
