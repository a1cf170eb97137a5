/**
 * Pack and webhook requests follow no redirect: one could lead to plain http or another host than
 * the one chosen, and a 307/308 would send the log's entries wherever it points.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { deliverDue, outboxStatus, setWebhook } from '../../../entrypoints/background/outbox';
import { newActivityEntry } from '../../../utils/activity/new-entry';
import { appendActivity } from '../../../utils/db/activity-log-repo';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import { fetchPackText } from '../../../utils/sync/fetch-pack';

/** What a browser answers a `redirect: 'manual'` request that met a redirect: an opaque response. */
const opaqueRedirect = () => {
  const response = new Response(null, { status: 200 });
  Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
  Object.defineProperty(response, 'status', { value: 0 });
  return response;
};

describe('the pack request', () => {
  it('asks the browser not to follow redirects, and says so when one is met', async () => {
    const asked: RequestInit[] = [];
    const result = await fetchPackText('https://packs.example.com/team.json', {
      fetch: async (_url, init) => {
        asked.push(init ?? {});
        return opaqueRedirect();
      },
    });
    expect(asked[0]?.redirect).toBe('manual');
    expect(result).toMatchObject({ kind: 'failed', code: 'redirect' });
  });

  it.each([301, 302, 307, 308])('refuses a %i where the redirect is visible (outside a browser)', async (status) => {
    const result = await fetchPackText('https://packs.example.com/team.json', {
      fetch: async () => new Response(null, { status, headers: { location: 'http://elsewhere.example/team.json' } }),
    });
    expect(result).toMatchObject({ kind: 'failed', code: 'redirect' });
  });

  it('still takes a 304 as "not modified"', async () => {
    expect(
      await fetchPackText('https://packs.example.com/team.json', { fetch: async () => new Response(null, { status: 304 }) }),
    ).toEqual({
      kind: 'not-modified',
    });
  });
});

describe('the webhook', () => {
  let db: DalilDatabase;
  beforeEach(async () => {
    db = await openDalilDatabase(`redirects-${Math.random()}`);
  });

  it('sends no entry to where a redirect points: they stay queued, with the reason', async () => {
    const now = () => new Date();
    await setWebhook(db, 'https://hooks.example.com/dalil', now());
    await appendActivity(db, [newActivityEntry('palette.checked', 'Lina', { verdict: 'pass' })]);
    const asked: RequestInit[] = [];
    const run = await deliverDue({
      db,
      now,
      fetch: async (_url, init) => {
        asked.push(init ?? {});
        return opaqueRedirect();
      },
    });
    expect(asked[0]?.redirect).toBe('manual');
    expect(run).toMatchObject({ sent: 0, failed: 1 });
    expect((await outboxStatus(db)).queued).toBe(1);
    expect(await db.getAll('outbox')).toMatchObject([{ lastError: expect.stringMatching(/redirect/) }]);
  });
});
