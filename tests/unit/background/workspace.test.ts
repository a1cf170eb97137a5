// @vitest-environment node
/**
 * The background's workspace messages against a real Ceph RADOS Gateway: a connection is kept only
 * when the bucket can be used, its secret never comes back out, the log reaches the bucket through
 * "Archive now", and publishing is a manager's act whose pack is checked before it goes.
 */
import 'fake-indexeddb/auto';
import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { openDalilDatabase } from '../../../utils/db/open';
import { workspaceStore } from '../../../utils/db/workspace-db';
import type { Handlers } from '../../../utils/messaging/router';
import type { Role } from '../../../utils/schemas/settings';
import { s3Client } from '../../../utils/workspace/s3-client';
import { ensureRgw, type Rgw, type RgwUser, startRgw } from '../../harness/rgw';
import { backgroundTestDeps } from './test-deps';

const available = ensureRgw();
const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' } as never;

describe.runIf(available)('the workspace messages', () => {
  let rgw: Rgw;
  let owner: RgwUser;
  beforeAll(async () => {
    rgw = await startRgw();
    owner = rgw.createUser('owner');
    const admin = new AwsClient({ ...owner, service: 's3', region: 'us-east-1', retries: 0 });
    expect((await admin.fetch(`${rgw.endpoint}/team`, { method: 'PUT' })).status).toBe(200);
  }, 60_000);
  afterAll(() => rgw?.stop());

  async function background(role: Role = 'manager') {
    const db = await openDalilDatabase(`ws-${Math.random()}`);
    const handlers: Handlers = createHandlers(
      backgroundTestDeps(db, {
        role: async () => role,
        workspace: {
          store: workspaceStore(`dalil-workspace-${Math.random()}`),
          origin: 'chrome-extension://x',
          hasAccess: async () => true,
        },
        // Entries settle 15 s before they are archived: the test's clock is a minute ahead.
        now: () => new Date(Date.now() + 60_000),
      }),
    );
    return handlers;
  }
  const details = (user: RgwUser, extra: object = {}) => ({
    endpoint: `${rgw.endpoint}/`,
    bucket: 'team',
    region: 'us-east-1',
    accessKeyId: user.accessKeyId,
    secretAccessKey: user.secretAccessKey,
    person: 'owner',
    ...extra,
  });

  it('keeps a connection only when the bucket can be used, and never hands the secret back', async () => {
    const handlers = await background();
    const refused = await handlers['panel.connectWorkspace'](details(owner, { secretAccessKey: 'wrong' }), panel);
    expect(refused.status).toEqual({ connected: false });
    expect(refused.results.find((r) => r.step === 'credentials')).toMatchObject({ outcome: 'failed', problem: 'bad-secret' });

    const kept = await handlers['panel.connectWorkspace'](details(owner), panel);
    expect(kept.status).toMatchObject({ connected: true, endpoint: rgw.endpoint, bucket: 'team', person: 'owner' });
    expect(JSON.stringify(kept)).not.toContain(owner.secretAccessKey);
    expect(JSON.stringify(await handlers['panel.workspaceStatus']({}, panel))).not.toContain(owner.secretAccessKey);
  });

  it('archives the log on request, and publishes the pack only for a manager and only a valid one', async () => {
    const handlers = await background();
    await handlers['panel.connectWorkspace'](details(owner, { person: 'لينا' }), panel);
    await handlers['panel.logPaletteCheck'](
      { origin: 'file', label: 'a.png', verdict: 'pass', onPaletteShare: 0.9, swatches: 4 },
      panel,
    );
    await new Promise((resolve) => setTimeout(resolve, 100)); // the log batcher's write
    const status = await handlers['panel.archiveLogNow']({}, panel);
    expect(status.connected && status.archive).toMatchObject({ objects: 1 });
    const bucket = s3Client({ endpoint: rgw.endpoint, bucket: 'team', region: 'us-east-1', ...owner });
    const logs = await bucket.list('logs/لينا/');
    expect(logs.ok && logs.objects).toHaveLength(1);

    const pack = await handlers['panel.publishPack']({ bumpVersion: false, sign: false }, panel);
    const published = await handlers['panel.publishPackToWorkspace']({ json: pack.json }, panel);
    expect(published.url).toMatch(new RegExp(`^${rgw.endpoint}/team/packs/[^/]+/pack\\.json$`));
    const stored = await bucket.get(published.key);
    expect(stored.ok && (await stored.body?.text())).toBe(pack.json);
    await expect(handlers['panel.publishPackToWorkspace']({ json: '{"not":"a pack"}' }, panel)).rejects.toThrow(/guidance pack/i);

    const agent = await background('agent');
    await agent['panel.connectWorkspace'](details(owner), panel);
    await expect(agent['panel.publishPackToWorkspace']({ json: pack.json }, panel)).rejects.toThrow(/Only a manager/);
  });
});
