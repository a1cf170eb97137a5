// @vitest-environment node
/**
 * "Check the connection" against a real Ceph RADOS Gateway: a good key passes every step; a wrong
 * secret, a wrong key, a missing bucket, an endpoint that does not answer, a key without rights and a
 * bucket without a CORS rule for the extension each stop at the step that says what to fix.
 */
import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWorkspace } from '../../../utils/workspace/check';
import { s3Client, type WorkspaceCredentials } from '../../../utils/workspace/s3-client';
import { ensureRgw, type Rgw, type RgwUser, startRgw } from '../../harness/rgw';

const available = ensureRgw();
const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const outcomes = (results: Awaited<ReturnType<typeof checkWorkspace>>) =>
  Object.fromEntries(results.map((r) => [r.step, r.problem ? `${r.outcome}:${r.problem}` : r.outcome]));

describe.runIf(available)('checking a workspace connection on Ceph', () => {
  let rgw: Rgw;
  let owner: RgwUser;
  let stranger: RgwUser;
  let base: WorkspaceCredentials;
  beforeAll(async () => {
    rgw = await startRgw();
    owner = rgw.createUser('owner');
    stranger = rgw.createUser('stranger');
    base = { endpoint: rgw.endpoint, bucket: 'team', region: 'us-east-1', ...owner };
    const admin = new AwsClient({ ...owner, service: 's3', region: 'us-east-1', retries: 0 });
    expect((await admin.fetch(`${rgw.endpoint}/team`, { method: 'PUT' })).status).toBe(200);
    expect((await admin.fetch(`${rgw.endpoint}/bare`, { method: 'PUT' })).status).toBe(200);
    const cors = `<CORSConfiguration><CORSRule><AllowedOrigin>chrome-extension://*</AllowedOrigin><AllowedOrigin>moz-extension://*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`;
    const md5 = createHash('md5').update(cors).digest('base64');
    const set = await admin.fetch(`${rgw.endpoint}/team?cors`, { method: 'PUT', body: cors, headers: { 'content-md5': md5 } });
    expect(set.status, await set.text()).toBeLessThan(300);
  }, 60_000);
  afterAll(() => rgw?.stop());

  const check = (credentials: WorkspaceCredentials) => checkWorkspace(s3Client(credentials), { person: 'owner', origin: ORIGIN });

  it('passes every step with the bucket owner’s key, and leaves nothing behind', async () => {
    expect(outcomes(await check(base))).toEqual({
      reach: 'ok',
      credentials: 'ok',
      clock: 'ok',
      list: 'ok',
      write: 'ok',
      read: 'ok',
      cors: 'ok',
    });
    const left = await s3Client(base).list('checks/');
    expect(left.ok && left.objects).toEqual([]);
  });

  it('says which part is wrong: the secret, the key, the bucket, the address', async () => {
    expect(outcomes(await check({ ...base, secretAccessKey: 'wrong' }))).toEqual({
      reach: 'ok',
      credentials: 'failed:bad-secret',
    });
    expect(outcomes(await check({ ...base, accessKeyId: 'NOSUCHKEY' }))).toEqual({ reach: 'ok', credentials: 'failed:bad-key' });
    expect(outcomes(await check({ ...base, bucket: 'no-such-bucket' }))).toMatchObject({ list: 'failed:no-bucket' });
    expect(outcomes(await check({ ...base, endpoint: 'http://127.0.0.1:9' }))).toEqual({ reach: 'failed:network' });
  });

  it('says a key without rights on the bucket may not list or write, and a bucket without a CORS rule for the extension', async () => {
    const denied = outcomes(await check({ ...base, ...stranger }));
    expect(denied).toMatchObject({ credentials: 'ok', list: 'failed:denied', write: 'failed:denied' });
    expect(outcomes(await check({ ...base, bucket: 'bare' }))).toMatchObject({ write: 'ok', cors: 'warning:cors-missing' });
  });
});
