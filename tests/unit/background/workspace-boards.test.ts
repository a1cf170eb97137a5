// @vitest-environment node
/**
 * Shared boards through the background, two browsers (two databases) on one real Ceph bucket with the
 * team's policy: a board shared in one arrives in the other's swipe file with its media, note, tags
 * and comments; a comment goes back; two notes written at once both stay, visibly; work done offline
 * waits in the outbox; a worker stopped in the middle of a sync loses nothing and doubles nothing.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceBoards } from '../../../entrypoints/background/workspace-boards';
import { saveAds, updateAdNotes } from '../../../utils/db/ads-repo';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import { workspaceStore } from '../../../utils/db/workspace-db';
import type { AdCapture } from '../../../utils/schemas/ad-capture';
import { CHANGES_PREFIX } from '../../../utils/workspace/boards-layout';
import { addComment, type BoardWriter, editSharedAd, newComment } from '../../../utils/workspace/boards-write';
import { s3Client } from '../../../utils/workspace/s3-client';
import { createTeamBucket, ensureRgw, type Rgw, type RgwUser, startRgw } from '../../harness/rgw';

const available = ensureRgw();
const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' } as never;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9, 9]);

function ad(n: number, boards: string[], note?: string): AdCapture {
  return {
    id: `meta-${n}`,
    library: 'meta',
    libraryAdId: String(5000 + n),
    advertiserName: 'مقهى الزاوية',
    text: `قهوة الصباح ${n}`,
    media: [{ kind: 'image', url: `https://scontent.xx.fbcdn.net/v/${n}.jpg` }],
    pageUrl: 'https://www.facebook.com/ads/library/',
    capturedAt: '2026-12-06T09:00:00.000Z',
    tags: ['قهوة'],
    boards,
    ...(note ? { note } : {}),
  };
}

describe.runIf(available)('shared boards in the background', () => {
  let rgw: Rgw;
  const users: Record<string, RgwUser> = {};
  beforeAll(async () => {
    rgw = await startRgw();
    const owner = rgw.createUser('manager');
    for (const uid of ['sara', 'omar']) users[uid] = rgw.createUser(uid);
    await createTeamBucket(rgw, owner, 'team', { managers: ['manager'], agents: [], marketers: ['sara', 'omar'] });
  }, 60_000);
  afterAll(() => rgw?.stop());

  /** One browser: its databases, its person, and a fetch a test may cut. */
  async function browserOf(uid: string, bucketFetch: typeof fetch = (...a) => fetch(...a)) {
    const db = await openDalilDatabase(`boards-${uid}-${Math.random()}`);
    const store = workspaceStore(`ws-${uid}-${Math.random()}`);
    await store.setConnection({
      endpoint: rgw.endpoint,
      bucket: 'team',
      region: 'us-east-1',
      ...users[uid],
      person: uid,
      connectedAt: new Date().toISOString(),
    });
    const changed: (string[] | undefined)[] = [];
    const make = (f: typeof fetch) =>
      createWorkspaceBoards({ db: async () => db, store, fetch: f, changed: (ids) => changed.push(ids) });
    return { db, store, boards: make(bucketFetch), make, changed };
  }

  async function withMedia(db: DalilDatabase, capture: AdCapture) {
    await saveAds(db, [capture]);
    await db.put('media', {
      id: `blob-${capture.id}`,
      blob: new Blob([PNG], { type: 'image/png' }),
      contentType: 'image/png',
      sourceUrl: capture.media[0].url,
    });
    const stored = await db.get('adCaptures', capture.id);
    if (stored) await db.put('adCaptures', { ...stored, media: [{ ...stored.media[0], blobId: `blob-${capture.id}` }] });
  }

  it('a board shared in one browser reaches the other with media, note and tags; a comment goes back', async () => {
    const a = await browserOf('sara');
    const b = await browserOf('omar');
    await withMedia(a.db, ad(1, ['حملة العيد'], 'اللون الأخضر يلفت النظر'));
    await saveAds(a.db, [ad(2, ['other board'])]);

    const { board } = await a.boards.handlers['panel.shareBoard']({ name: 'حملة العيد' }, panel);
    await a.boards.sync({ poll: false });
    expect((await a.boards.status()).queued).toBe(0);

    await b.boards.handlers['panel.syncBoards']({}, panel);
    const got = await b.db.get('adCaptures', 'meta-1');
    expect(got).toMatchObject({ boards: ['حملة العيد'], note: 'اللون الأخضر يلفت النظر', tags: ['قهوة'], text: 'قهوة الصباح 1' });
    expect(await b.db.get('adCaptures', 'meta-2')).toBeUndefined(); // not on the shared board
    const blob = got?.media[0].blobId ? await b.db.get('media', got.media[0].blobId) : undefined;
    expect(new Uint8Array(await (blob?.blob ?? new Blob()).arrayBuffer())).toEqual(PNG);
    expect((await b.boards.status()).boards).toMatchObject([
      { id: board.id, name: 'حملة العيد', localName: 'حملة العيد', sharedBy: 'sara' },
    ]);
    // The swipe file's board filter finds it (its search row was written with it).
    expect(await b.db.getAllKeysFromIndex('adSearch', 'by-board', 'حملة العيد')).toHaveLength(1);

    // Omar comments and adds his own ad to the board; Sara sees both.
    await b.boards.handlers['panel.addBoardComment']({ adId: 'meta-1', text: 'نجرب هذا الأسبوع؟' }, panel);
    await saveAds(b.db, [ad(3, ['حملة العيد'])]);
    await b.boards.sync({ poll: false });
    await a.boards.handlers['panel.syncBoards']({}, panel);
    const details = await a.boards.handlers['panel.sharedAdDetails']({ adId: 'meta-1' }, panel);
    expect(details.comments.map((c) => [c.by, c.text, Boolean(c.pending)])).toEqual([['omar', 'نجرب هذا الأسبوع؟', false]]);
    expect(await a.db.get('adCaptures', 'meta-3')).toMatchObject({ boards: ['حملة العيد'] });

    // Once caught up, a quiet poll is one listing of the change feed, whatever the board holds.
    await b.boards.handlers['panel.syncBoards']({}, panel);
    const before = (await b.boards.status()).pollRequests;
    await b.boards.handlers['panel.syncBoards']({}, panel);
    expect((await b.boards.status()).pollRequests - before).toBe(1);
  });

  it('two people editing the same note: both texts kept, and each is told whose note stayed beside theirs', async () => {
    const a = await browserOf('sara');
    const b = await browserOf('omar');
    await saveAds(a.db, [ad(10, ['notes board'], 'first draft')]);
    await a.boards.handlers['panel.shareBoard']({ name: 'notes board' }, panel);
    await a.boards.sync({ poll: false });
    await b.boards.handlers['panel.syncBoards']({}, panel);

    // Both edit from "first draft" before either has synced.
    await updateAdNotes(a.db, 'meta-10', { tags: ['قهوة'], boards: ['notes board'], note: 'Sara: shorter headline' });
    await updateAdNotes(b.db, 'meta-10', { tags: ['قهوة'], boards: ['notes board'], note: 'عمر: العنوان أطول أفضل' });
    await a.boards.sync({ poll: false });
    await b.boards.sync({ poll: false });
    const told = await b.boards.handlers['panel.sharedAdDetails']({ adId: 'meta-10' }, panel);
    expect(told.metConflict).toMatchObject({ by: 'sara', text: 'Sara: shorter headline' });
    expect(told.noteConflicts.map((c) => c.text)).toEqual(['Sara: shorter headline']);
    expect((await b.db.get('adCaptures', 'meta-10'))?.note).toBe('عمر: العنوان أطول أفضل');

    // Sara's browser, after its next poll: Omar's note, hers kept beside it. Nothing lost either side.
    await a.boards.handlers['panel.syncBoards']({}, panel);
    expect((await a.db.get('adCaptures', 'meta-10'))?.note).toBe('عمر: العنوان أطول أفضل');
    const seen = await a.boards.handlers['panel.sharedAdDetails']({ adId: 'meta-10' }, panel);
    expect(seen.noteConflicts.map((c) => [c.by, c.text])).toEqual([['sara', 'Sara: shorter headline']]);

    // Set aside once read: gone for both after a sync.
    await a.boards.handlers['panel.dismissNoteConflict']({ adId: 'meta-10', by: 'sara', at: seen.noteConflicts[0].at }, panel);
    await a.boards.sync({ poll: false });
    await b.boards.handlers['panel.syncBoards']({}, panel);
    expect((await b.boards.handlers['panel.sharedAdDetails']({ adId: 'meta-10' }, panel)).noteConflicts).toEqual([]);
  });

  it('a teammate’s note and comment met by an edit here: told whose note, both kept, the comment in', async () => {
    const a = await browserOf('sara');
    await saveAds(a.db, [ad(30, ['met board'], 'Half price works')]);
    const { board } = await a.boards.handlers['panel.shareBoard']({ name: 'met board' }, panel);
    await a.boards.handlers['panel.syncBoards']({}, panel);
    const omar: BoardWriter = {
      client: s3Client({ endpoint: rgw.endpoint, bucket: 'team', region: 'us-east-1', ...users.omar }),
      person: 'omar',
    };
    const { key, comment } = newComment(board.id, 'meta-30', 'omar', 'نجربه؟', new Date());
    await addComment(omar, comment, key);
    await editSharedAd(omar, board.id, 'meta-30', { note: { text: 'عمر: الصورة أولًا', base: 'Half price works' } });
    await updateAdNotes(a.db, 'meta-30', { tags: ['قهوة'], boards: ['met board'], note: 'Sara: price first' });
    await a.boards.handlers['panel.syncBoards']({}, panel);
    const details = await a.boards.handlers['panel.sharedAdDetails']({ adId: 'meta-30' }, panel);
    expect(details.metConflict).toMatchObject({ by: 'omar', text: 'عمر: الصورة أولًا' });
    expect(details.comments.map((c) => c.text)).toEqual(['نجربه؟']);

    // Again, a second time on the same ad: still a conflict, still said.
    await editSharedAd(omar, board.id, 'meta-30', { note: { text: 'عمر: مرة ثانية', base: 'Sara: price first' } });
    await updateAdNotes(a.db, 'meta-30', { tags: ['قهوة'], boards: ['met board'], note: 'Sara: second try' });
    await a.boards.handlers['panel.syncBoards']({}, panel);
    const again = await a.boards.handlers['panel.sharedAdDetails']({ adId: 'meta-30' }, panel);
    expect(again.metConflict).toMatchObject({ by: 'omar', text: 'عمر: مرة ثانية' });
    expect((await a.db.get('adCaptures', 'meta-30'))?.note).toBe('Sara: second try');
  });

  it('offline work waits in the outbox; a worker stopped mid-sync loses nothing and doubles nothing', async () => {
    let online = false;
    const a = await browserOf('sara', (input, init) =>
      online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch')),
    );
    await saveAds(a.db, [ad(20, ['offline board'], 'written on the train')]);
    const { board } = await a.boards.handlers['panel.shareBoard']({ name: 'offline board' }, panel);
    await a.boards.sync({ poll: false });
    await a.boards.handlers['panel.addBoardComment']({ adId: 'meta-20', text: 'also offline' }, panel);
    await a.boards.sync({ poll: true });
    const offline = await a.boards.status();
    expect(offline.queued).toBeGreaterThanOrEqual(2);
    expect(offline.lastError?.kind).toBe('network');

    // Back online, but the worker is stopped after its fourth request lands: that request's answer never comes.
    online = true;
    let requests = 0;
    const stopped = a.make(async (input, init) => {
      requests++;
      const response = await fetch(input, init);
      if (requests >= 4) return new Promise<Response>(() => undefined);
      return response;
    });
    void stopped.sync({ poll: false });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(requests).toBe(4);

    // The next worker (the alarm woke it) sends the rest.
    const next = a.make((...args) => fetch(...args));
    await next.sync({ poll: false });
    expect((await next.status()).queued).toBe(0);

    const b = await browserOf('omar');
    await b.boards.handlers['panel.syncBoards']({}, panel);
    expect(await b.db.get('adCaptures', 'meta-20')).toMatchObject({ note: 'written on the train', boards: ['offline board'] });
    expect((await b.boards.handlers['panel.sharedAdDetails']({ adId: 'meta-20' }, panel)).comments.map((c) => c.text)).toEqual([
      'also offline',
    ]);
    // In the bucket: the ad once, the comment once.
    const client = s3Client({ endpoint: rgw.endpoint, bucket: 'team', region: 'us-east-1', ...users.omar });
    const listed = await client.list(`boards/${board.id}/`);
    const keys = listed.ok ? listed.objects.map((o) => o.key) : [];
    expect(keys.filter((k) => k.includes('/ads/'))).toHaveLength(1);
    expect(keys.filter((k) => k.includes('/comments/'))).toHaveLength(1);
    expect(CHANGES_PREFIX).toBe('boards/_changes/');
  });
});
