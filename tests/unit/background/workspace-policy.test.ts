// @vitest-environment node
/**
 * The team workspace set by the organisation's policy, against a real Ceph RADOS Gateway: the
 * background connects with the policy's details (after the same check a person's connect runs), the
 * person cannot disconnect or connect elsewhere, and the secret never reaches storage.local, where the
 * panel and content scripts read the policy.
 */
import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '../../../entrypoints/background/handlers';
import { createPolicy } from '../../../entrypoints/background/policy';
import { openDalilDatabase } from '../../../utils/db/open';
import { workspaceStore } from '../../../utils/db/workspace-db';
import { type Handlers, routeMessage } from '../../../utils/messaging/router';
import { policyStateItem } from '../../../utils/policy/state';
import type { WorkspaceStatus } from '../../../utils/workspace/types';
import { ensureRgw, type Rgw, type RgwUser, startRgw } from '../../harness/rgw';
import { backgroundTestDeps } from './test-deps';

const available = ensureRgw();
const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };
const self = { runtimeId: 'x', extensionOrigin: 'chrome-extension://x' };

describe.runIf(available)('a team workspace set by policy', () => {
  let rgw: Rgw;
  let owner: RgwUser;
  beforeAll(async () => {
    rgw = await startRgw();
    owner = rgw.createUser('owner');
    const admin = new AwsClient({ ...owner, service: 's3', region: 'us-east-1', retries: 0 });
    expect((await admin.fetch(`${rgw.endpoint}/team`, { method: 'PUT' })).status).toBe(200);
  }, 60_000);
  afterAll(() => rgw?.stop());

  async function startWorker(store = workspaceStore(`dalil-workspace-${Math.random()}`)) {
    fakeBrowser.storage.onChanged.removeAllListeners();
    (fakeBrowser.permissions as unknown as { onAdded: unknown }).onAdded = { addListener: () => undefined };
    const db = await openDalilDatabase(`ws-policy-${Math.random()}`);
    const policy = createPolicy({
      db: async () => db,
      handlers: () => background.handlers,
      sites: { list: async () => [], set: async () => ({ ok: true }) },
      broadcast: () => undefined,
    });
    const background = createBackground(
      backgroundTestDeps(db, {
        role: async () => (await policy.settings()).role,
        workspace: { store, origin: 'chrome-extension://x', hasAccess: async () => true },
      }),
    );
    const handlers: Handlers = policy.guard(background.handlers);
    await policy.start();
    return { handlers, store };
  }
  const send = async <T>(handlers: Handlers, type: string, payload: unknown = {}) =>
    (await routeMessage(handlers, { type, payload }, panel, self)) as {
      ok: boolean;
      data?: T;
      error?: { problems?: Array<{ code?: string }> };
    };

  it('connects with the policy’s details, keeps the secret in the background, and refuses changes', async () => {
    await fakeBrowser.storage.managed.set({
      workspace: {
        endpoint: `${rgw.endpoint}/`,
        bucket: 'team',
        region: 'us-east-1',
        accessKeyId: owner.accessKeyId,
        secretAccessKey: owner.secretAccessKey,
        person: 'owner',
      },
    });
    const { handlers, store } = await startWorker();
    const status = await send<WorkspaceStatus>(handlers, 'panel.workspaceStatus');
    expect(status.data).toMatchObject({ connected: true, endpoint: rgw.endpoint, bucket: 'team', person: 'owner' });
    expect((await store.connection())?.secretAccessKey).toBe(owner.secretAccessKey);

    // What the panel and content scripts can read of the policy: the details, not the secret.
    const shared = await policyStateItem.getValue();
    expect(shared.values.workspace).toMatchObject({ bucket: 'team', accessKeyId: owner.accessKeyId, secretAccessKey: '' });
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain(owner.secretAccessKey);

    const disconnect = await send(handlers, 'panel.disconnectWorkspace');
    expect(disconnect).toMatchObject({ ok: false, error: { problems: [{ code: 'policy-locked' }] } });
    const elsewhere = await send(handlers, 'panel.connectWorkspace', {
      endpoint: `${rgw.endpoint}/`,
      bucket: 'other',
      region: 'us-east-1',
      accessKeyId: owner.accessKeyId,
      secretAccessKey: owner.secretAccessKey,
      person: 'me',
    });
    expect(elsewhere).toMatchObject({ ok: false, error: { problems: [{ code: 'policy-locked' }] } });
    expect((await send<WorkspaceStatus>(handlers, 'panel.workspaceStatus')).data).toMatchObject({ bucket: 'team' });

    // The next worker start finds it connected and does not connect again (the mark of the archive stays).
    await store.setArchiveMark({ objects: 3, entries: 40 });
    const again = await startWorker(store);
    expect((await send<WorkspaceStatus>(again.handlers, 'panel.workspaceStatus')).data).toMatchObject({
      connected: true,
      archive: { objects: 3, entries: 40 },
    });
  });

  it('keeps nothing when the policy’s bucket cannot be used (a wrong secret)', async () => {
    await fakeBrowser.storage.managed.set({
      workspace: {
        endpoint: `${rgw.endpoint}/`,
        bucket: 'team',
        region: 'us-east-1',
        accessKeyId: owner.accessKeyId,
        secretAccessKey: 'not-the-secret',
        person: 'owner',
      },
    });
    const { handlers, store } = await startWorker();
    expect((await send<WorkspaceStatus>(handlers, 'panel.workspaceStatus')).data).toEqual({ connected: false });
    expect(await store.connection()).toBeUndefined();
  });
});
