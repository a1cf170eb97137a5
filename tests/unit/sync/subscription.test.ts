import { beforeEach, describe, expect, it } from 'vitest';
import {
  readPending,
  readSubscription,
  refreshSubscription,
  type SubscriptionDeps,
} from '../../../entrypoints/background/subscription';
import { listActivity } from '../../../utils/db/activity-log-repo';
import { readActiveGuidance, replaceActiveGuidance } from '../../../utils/db/guidance-repo';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import type { ActivityLogEntry } from '../../../utils/schemas/activity-log';
import type { GuidancePack } from '../../../utils/schemas/guidance-pack';
import { generateSigningKey, pinnedKeyFromText, signPack } from '../../../utils/sync/signing';
import type { SubscriptionState } from '../../../utils/sync/types';
import { seededRandom } from '../../seeded-random';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

const URL_ = 'https://packs.example.com/acme.json';
const NOW = new Date('2026-11-26T10:00:00Z');

function defaultPack(): GuidancePack {
  const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
  if (!parsed.ok) throw new Error('default pack does not parse');
  return parsed.pack;
}

/** The team's next version: one template added, one reworded, one retired. */
function nextVersion(pack: GuidancePack, version = pack.version + 1): GuidancePack {
  const templates = structuredClone(pack.templates);
  templates[0].body = `${templates[0].body} (v${version})`;
  templates[1].status = 'retired';
  templates.push({
    id: `team-hello-${version}`,
    title: 'Team hello',
    body: 'Hello from the team',
    lang: 'en',
    shortcut: `;teamhello${version}`,
    tags: [],
    status: 'approved',
  });
  return { ...pack, version, templates };
}

type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'network-error';

let db: DalilDatabase;
let answers: Answer[];
let requests: Array<{ url: string; headers: Record<string, string> }>;
let logged: ActivityLogEntry[];

const fakeFetch: typeof fetch = async (input, init) => {
  requests.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
  const answer = answers.shift() ?? { status: 500 };
  if (answer === 'network-error') throw new TypeError('Failed to fetch');
  return new Response(answer.status === 304 ? null : (answer.body ?? ''), { status: answer.status, headers: answer.headers });
};

const deps = (): SubscriptionDeps => ({
  db,
  now: () => NOW,
  actorName: async () => 'Lina',
  currentPack: async () => (await readActiveGuidance(db))?.pack ?? defaultPack(),
  log: async (entry) => {
    logged.push(entry);
  },
  fetch: fakeFetch,
  random: seededRandom(7),
});

/** `trustHost`: these tests follow an unsigned host the person chose to trust (auto-apply needs it, or a pinned key). */
async function subscribe(autoApply = true, trustHost = true) {
  const sub: SubscriptionState = {
    url: URL_,
    autoApply,
    trustHost,
    refreshMinutes: 30,
    subscribedAt: NOW.toISOString(),
    failures: 0,
  };
  await db.put('syncState', sub, 'subscription');
}

beforeEach(async () => {
  db = await openDalilDatabase(`sub-${Math.random()}`);
  await replaceActiveGuidance(db, defaultPack(), { kind: 'default', appliedAt: NOW.toISOString() });
  answers = [];
  requests = [];
  logged = [];
});

describe('refreshing the subscribed pack', () => {
  it('applies a newer version atomically, keeps the old one in the history and logs what changed', async () => {
    await subscribe();
    const next = nextVersion(defaultPack());
    answers.push({ status: 200, body: JSON.stringify(next), headers: { etag: '"v2"', 'last-modified': NOW.toUTCString() } });
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'applied', version: next.version });

    const inUse = await readActiveGuidance(db);
    expect(inUse?.pack.version).toBe(next.version);
    expect(inUse?.pack.templates.map((t) => t.id)).toEqual(next.templates.map((t) => t.id));
    expect(inUse?.source).toMatchObject({ kind: 'url', url: URL_ });
    const history = await db.getAll('packHistory');
    expect(history.map((h) => h.pack.version)).toEqual([defaultPack().version]);
    const [entry] = await listActivity(db);
    expect(entry).toMatchObject({ kind: 'pack.updated', details: { version: next.version, templatesAdded: 1 } });
    expect(entry.details).toMatchObject({ templatesChanged: 1, templatesRetired: 1 });
    expect(await readSubscription(db)).toMatchObject({ etag: '"v2"', failures: 0, lastModified: NOW.toUTCString() });
  });

  it('sends the validators it was given and treats 304 as "no change"', async () => {
    await subscribe();
    answers.push({ status: 200, body: JSON.stringify(nextVersion(defaultPack())), headers: { etag: '"v2"' } });
    await refreshSubscription(deps());
    answers.push({ status: 304 });
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'not-modified' });
    expect(requests[1].headers['if-none-match']).toBe('"v2"');
  });

  it('sends If-Modified-Since with the date the server gave, when it gave no ETag', async () => {
    await subscribe();
    const lastModified = 'Wed, 25 Nov 2026 08:00:00 GMT';
    answers.push({ status: 200, body: JSON.stringify(nextVersion(defaultPack())), headers: { 'last-modified': lastModified } });
    await refreshSubscription(deps());
    answers.push({ status: 304 });
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'not-modified' });
    expect(requests[1].headers['if-modified-since']).toBe(lastModified);
    expect(requests[1].headers['if-none-match']).toBeUndefined();
  });

  it('runs one refresh at a time: a startup refresh and an alarm arriving together apply the new version once', async () => {
    await subscribe();
    const v2 = JSON.stringify(nextVersion(defaultPack()));
    answers.push({ status: 200, body: v2, headers: { etag: '"v2"' } }, { status: 304 });
    const [a, b, c] = await Promise.all([refreshSubscription(deps()), refreshSubscription(deps()), refreshSubscription(deps())]);
    const next = defaultPack().version + 1;
    expect(a).toMatchObject({ kind: 'applied', version: next });
    // The calls that came during the first run share one more run after it, which finds nothing new.
    expect(b).toMatchObject({ kind: 'not-modified', version: next });
    expect(c).toBe(b);
    expect(requests).toHaveLength(2);
    expect(requests[1].headers['if-none-match']).toBe('"v2"');
    expect(await db.count('packHistory')).toBe(1);
    expect((await db.getAll('packHistory'))[0].pack.version).toBe(defaultPack().version);
    expect((await listActivity(db)).filter((e) => e.kind === 'pack.updated')).toHaveLength(1);
  });

  it('a new address saved while a refresh of the old one runs is fetched next, and the old result does not overwrite it', async () => {
    await subscribe();
    const NEW_URL = 'https://packs.example.com/acme-v2.json';
    answers.push(
      { status: 200, body: JSON.stringify(nextVersion(defaultPack())), headers: { etag: '"old"' } },
      { status: 200, body: JSON.stringify(nextVersion(defaultPack(), 3)), headers: { etag: '"new"' } },
    );
    const first = refreshSubscription(deps());
    // What panel.subscribe does with a new address: the subscription first, then a forced refresh.
    await db.put(
      'syncState',
      { url: NEW_URL, autoApply: true, trustHost: true, refreshMinutes: 60, subscribedAt: NOW.toISOString(), failures: 0 },
      'subscription',
    );
    const second = refreshSubscription(deps(), true);
    await first;
    expect(await second).toMatchObject({ kind: 'applied', version: 3 });
    expect(requests.map((r) => r.url)).toEqual([URL_, NEW_URL]);
    expect(await readSubscription(db)).toMatchObject({ url: NEW_URL, refreshMinutes: 60, etag: '"new"' });
  });

  it('applies an update that was waiting once auto-apply is turned on, though the file has not changed since', async () => {
    await subscribe(false);
    answers.push({ status: 200, body: JSON.stringify(nextVersion(defaultPack())), headers: { etag: '"v2"' } });
    const next = defaultPack().version + 1;
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'pending', version: next });
    await db.put('syncState', { ...(await readSubscription(db)), autoApply: true } as SubscriptionState, 'subscription');
    answers.push({ status: 304 });
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'applied', version: next });
    expect((await readActiveGuidance(db))?.pack.version).toBe(next);
    expect(await readPending(db)).toBeUndefined();
  });

  it('keeps a newer version pending when auto-apply is off, and the pack in use untouched', async () => {
    await subscribe(false);
    const next = nextVersion(defaultPack());
    answers.push({ status: 200, body: JSON.stringify(next) });
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'pending', version: next.version });
    expect((await readActiveGuidance(db))?.pack.version).toBe(defaultPack().version);
    const pending = await readPending(db);
    expect(pending?.diff.templates.added.map((t) => t.id)).toEqual([`team-hello-${next.version}`]);
  });

  const failures: Array<[string, Answer, string, RegExp]> = [
    ['a 500', { status: 500 }, 'http', /HTTP 500/],
    ['no network', 'network-error', 'network', /Could not reach/],
    ['invalid JSON', { status: 200, body: '{"format": oops' }, 'invalid-json', /Not valid JSON/],
    ['a file that is not a pack', { status: 200, body: '{"format":"something-else"}' }, 'invalid-pack', /format/],
    ['an oversized body', { status: 200, body: ' '.repeat(5 * 1024 * 1024 + 1) }, 'too-large', /larger than 5 MB/],
  ];
  for (const [what, answer, code, message] of failures) {
    it(`keeps the pack in use after ${what}, records why and when it retries, and logs the failure`, async () => {
      await subscribe();
      answers.push(answer);
      const outcome = await refreshSubscription(deps());
      expect(outcome).toMatchObject({ kind: 'failed', code });
      expect(outcome?.kind === 'failed' && outcome.message).toMatch(message);
      expect((await readActiveGuidance(db))?.pack).toEqual(defaultPack());
      const sub = await readSubscription(db);
      expect(sub?.failures).toBe(1);
      // First retry: between 30 s and 60 s after the failure (backoff base 1 minute, with jitter).
      const wait = Date.parse(sub?.nextRetryAt ?? '') - NOW.getTime();
      expect(wait).toBeGreaterThanOrEqual(30_000);
      expect(wait).toBeLessThanOrEqual(60_000);
      expect(logged).toMatchObject([{ kind: 'sync.failed', actor: 'Lina', details: { code, url: URL_ } }]);
    });
  }

  it('never rolls back to an older version of the same pack', async () => {
    await subscribe();
    answers.push({ status: 200, body: JSON.stringify(nextVersion(defaultPack(), 5)) });
    await refreshSubscription(deps());
    answers.push({ status: 200, body: JSON.stringify(nextVersion(defaultPack(), 4)) });
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'failed', code: 'older-version' });
    expect((await readActiveGuidance(db))?.pack.version).toBe(5);
  });

  it('with a pinned key, refuses unsigned and wrongly signed packs and applies a properly signed one', async () => {
    await subscribe();
    const manager = await generateSigningKey();
    const stranger = await generateSigningKey();
    await db.put('syncState', await pinnedKeyFromText(manager.publicKeyText, NOW), 'pinnedKey');
    const next = nextVersion(defaultPack());

    answers.push({ status: 200, body: JSON.stringify(next) });
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'failed', code: 'unsigned' });
    answers.push({ status: 200, body: JSON.stringify(await signPack(next, stranger)) });
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'failed', code: 'bad-signature' });
    const tampered = await signPack(next, manager);
    tampered.templates[0].body = 'Sent by someone else';
    answers.push({ status: 200, body: JSON.stringify(tampered) });
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'failed', code: 'bad-signature' });
    expect((await readActiveGuidance(db))?.pack.version).toBe(defaultPack().version);

    answers.push({ status: 200, body: JSON.stringify(await signPack(next, manager), null, 2) });
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'applied' });
    expect((await readSubscription(db))?.failures).toBe(0);
  });

  it('backs off further after each failure in a row, never past the refresh interval', async () => {
    await subscribe();
    const waits: number[] = [];
    // The top of each jitter range: the ceiling doubles from 1 minute until the 30-minute interval.
    const unlucky = { ...deps(), random: () => 0.999 };
    for (let i = 0; i < 8; i++) {
      answers.push({ status: 503 });
      await refreshSubscription(unlucky);
      waits.push(Date.parse((await readSubscription(db))?.nextRetryAt ?? '') - NOW.getTime());
    }
    expect(waits.map((w) => Math.round(w / 60_000))).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
    expect((await readSubscription(db))?.failures).toBe(8);
  });

  it('waits at least as long as a 503 asks with Retry-After', async () => {
    await subscribe();
    answers.push({ status: 503, headers: { 'retry-after': '600' } });
    await refreshSubscription(deps());
    expect(Date.parse((await readSubscription(db))?.nextRetryAt ?? '') - NOW.getTime()).toBe(600_000);
  });

  it('says so when the server’s file changed but kept its version number, and does not apply it', async () => {
    await subscribe();
    const edited = structuredClone(defaultPack());
    edited.templates[0].body = 'Edited without a new version';
    answers.push({ status: 200, body: JSON.stringify(edited) });
    expect(await refreshSubscription(deps())).toMatchObject({ kind: 'unchanged', note: 'same-version-changed' });
    expect((await readActiveGuidance(db))?.pack.templates[0].body).toBe(defaultPack().templates[0].body);
  });

  it('does nothing without a subscription', async () => {
    expect(await refreshSubscription(deps())).toBeUndefined();
    expect(requests).toEqual([]);
  });
});
