// @vitest-environment node
/**
 * Shared boards against a real Ceph RADOS Gateway, with the team's bucket policy in force: two
 * marketers share a board, add ads with media and comments, see each other's changes through the
 * change feed, edit the same note at once (both texts kept), and repeat writes a stopped worker would
 * repeat without doubling anything. An agent's key may not write a board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredAd } from '../../../utils/schemas/stored-records';
import { fromSharedAd, sharedMediaBlobId, toSharedAd } from '../../../utils/workspace/boards-apply';
import { boardAdKey, CHANGES_PREFIX, changeKey, mediaKey } from '../../../utils/workspace/boards-layout';
import {
  type FeedMark,
  listBoardIds,
  listBoardObjects,
  nextPollDelay,
  POLL,
  readFeed,
} from '../../../utils/workspace/boards-poll';
import {
  addComment,
  addSharedAd,
  type BoardWriter,
  editSharedAd,
  newComment,
  putMedia,
  readSharedAd,
  sha256Hex,
  shareBoard,
} from '../../../utils/workspace/boards-write';
import { s3Client } from '../../../utils/workspace/s3-client';
import { createTeamBucket, ensureRgw, type Rgw, startRgw } from '../../harness/rgw';

const available = ensureRgw();

function ad(n: number, extra: Partial<StoredAd> = {}): StoredAd {
  return {
    id: `ad-${n}`,
    library: 'meta',
    libraryAdId: String(1000 + n),
    advertiserName: 'متجر الورد',
    text: `عرض رقم ${n}`,
    media: [{ kind: 'image', url: `https://scontent.xx.fbcdn.net/${n}.jpg`, blobId: `local-${n}` }],
    pageUrl: 'https://www.facebook.com/ads/library/',
    capturedAt: '2026-12-06T10:00:00.000Z',
    tags: ['رمضان'],
    boards: ['Eid ideas', 'mine only'],
    ...extra,
  };
}

describe.runIf(available)('shared boards on Ceph with the team policy', () => {
  let rgw: Rgw;
  let sara: BoardWriter;
  let omar: BoardWriter;
  let agent: BoardWriter;
  const boardId = crypto.randomUUID();
  beforeAll(async () => {
    rgw = await startRgw();
    const owner = rgw.createUser('manager');
    const users = Object.fromEntries(['sara', 'omar', 'agent1'].map((uid) => [uid, rgw.createUser(uid)]));
    await createTeamBucket(rgw, owner, 'team', { managers: ['manager'], agents: ['agent1'], marketers: ['sara', 'omar'] });
    const writer = (uid: string): BoardWriter => ({
      client: s3Client({ endpoint: rgw.endpoint, bucket: 'team', region: 'us-east-1', ...users[uid] }),
      person: uid,
    });
    [sara, omar, agent] = [writer('sara'), writer('omar'), writer('agent1')];
  }, 60_000);
  afterAll(() => rgw?.stop());

  it('a teammate finds the shared board, its ad with the media bytes, tags, note and comment', async () => {
    const shared = await shareBoard(sara, boardId, 'Eid ideas');
    expect(shared.ok).toBe(true);
    const bytes = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: 'image/png' });
    const sha = await sha256Hex(bytes);
    expect(await putMedia(sara, sha, bytes, 'image/png')).toEqual({ ok: true });
    const added = await addSharedAd(
      sara,
      toSharedAd(ad(1, { note: 'الخط جميل' }), boardId, 'sara', new Date().toISOString(), [
        { sha256: sha, contentType: 'image/png' },
      ]),
    );
    expect(added).toMatchObject({ ok: true, created: true });
    const { key, comment } = newComment(boardId, 'ad-1', 'sara', 'نجربه في حملتنا؟', new Date());
    expect(await addComment(sara, comment, key)).toEqual({ ok: true });

    // Omar is new: the boards by their folders, then the board's objects.
    const ids = await listBoardIds(omar.client);
    expect(ids.ok && ids.ids).toEqual([boardId]);
    const objects = await listBoardObjects(omar.client, boardId);
    if (!objects.ok) throw new Error('listing failed');
    expect(objects.ads.map((o) => o.key)).toEqual([boardAdKey(boardId, 'ad-1')]);
    expect(objects.comments.map((o) => o.key)).toEqual([key]);
    const read = await readSharedAd(omar, objects.ads[0].key);
    if (!read.ok) throw new Error('read failed');
    // The local copy: the board's name, the note and tags, the blob named by hash; not Sara's other board.
    const local = fromSharedAd(read.value, 'Eid ideas', undefined, false);
    expect(local).toMatchObject({ id: 'ad-1', boards: ['Eid ideas'], tags: ['رمضان'], note: 'الخط جميل' });
    expect(local.media[0].blobId).toBe(sharedMediaBlobId(sha));
    const media = await omar.client.get(mediaKey(sha));
    expect(media.ok && new Uint8Array(await (media.body as Response).arrayBuffer())).toEqual(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
    );
  });

  it('the change feed gives each change once, and an idle poll is one listing', async () => {
    let mark: FeedMark = { newest: 0, seen: [] };
    const first = await readFeed(omar.client, mark);
    if (!first.ok) throw new Error('feed failed');
    mark = first.mark;
    expect(first.changes.map((c) => c.kind)).toEqual(['board', 'ad', 'comment']);
    const counter = { requests: 0 };
    const idle = await readFeed(omar.client, mark, counter);
    expect(idle.ok && idle.changes).toEqual([]);
    expect(counter.requests).toBe(1);

    const { key, comment } = newComment(boardId, 'ad-1', 'sara', 'second', new Date());
    await addComment(sara, comment, key);
    const next = await readFeed(omar.client, mark);
    expect(next.ok && next.changes.map((c) => [c.kind, c.key, c.by])).toEqual([['comment', key, 'sara']]);
    if (next.ok) mark = next.mark;

    // A write stamped two minutes back but listed only now (a slow upload, a clock a little behind) is still read.
    const late = changeKey(new Date(Date.now() - 2 * 60_000), 'late0001');
    await sara.client.put(late, JSON.stringify({ format: 1, kind: 'comment', boardId, key, by: 'sara' }), { createOnly: true });
    const after = await readFeed(omar.client, mark);
    expect(after.ok && after.changes.map((c) => c.changeKey)).toEqual([late]);
  });

  it('two notes written at once: the later write keeps the other beside it, nothing lost', async () => {
    const key = boardAdKey(boardId, 'ad-1');
    const base = 'الخط جميل';
    const [a, b] = await Promise.all([
      editSharedAd(sara, boardId, 'ad-1', { note: { text: 'Sara: use the green', base } }),
      editSharedAd(omar, boardId, 'ad-1', { note: { text: 'عمر: الأزرق أفضل', base } }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const read = await readSharedAd(sara, key);
    if (!read.ok) throw new Error('read failed');
    const texts = [read.value.note, ...read.value.noteConflicts.map((c) => c.text)];
    expect(texts.sort()).toEqual(['Sara: use the green', 'عمر: الأزرق أفضل'].sort());
    // The loser is told whose note it met.
    const told = [a, b].find((r) => r.ok && r.conflict);
    expect(told?.ok && told.conflict?.by).toBe(read.value.note === 'Sara: use the green' ? 'omar' : 'sara');

    // A tag change racing a note change is no conflict: both land.
    const [tagged, noted] = await Promise.all([
      editSharedAd(sara, boardId, 'ad-1', { addTags: ['عيد'] }),
      editSharedAd(omar, boardId, 'ad-1', {
        note: { text: 'final', base: read.value.note ?? '' },
        dismiss: read.value.noteConflicts,
      }),
    ]);
    expect(tagged.ok && noted.ok && !noted.conflict).toBe(true);
    const final = await readSharedAd(omar, key);
    expect(final.ok && [final.value.note, final.value.ad.tags, final.value.noteConflicts]).toEqual([
      'final',
      ['رمضان', 'عيد'],
      [],
    ]);
  });

  it('eight teammates tagging the same ad at once: every tag lands (compare-and-swap, no lock)', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => editSharedAd(i % 2 ? sara : omar, boardId, 'ad-1', { addTags: [`t${i}`] })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const read = await readSharedAd(sara, boardAdKey(boardId, 'ad-1'));
    expect(read.ok && read.value.ad.tags).toEqual(expect.arrayContaining(Array.from({ length: 8 }, (_, i) => `t${i}`)));
  });

  it('writes repeated by a worker stopped mid-sync land once', async () => {
    const shared = toSharedAd(ad(2), boardId, 'omar', new Date().toISOString(), []);
    const first = await addSharedAd(omar, shared);
    const again = await addSharedAd(omar, shared);
    expect([first.ok && first.created, again.ok && again.created]).toEqual([true, false]);
    const { key, comment } = newComment(boardId, 'ad-2', 'omar', 'once', new Date());
    await addComment(omar, comment, key);
    await addComment(omar, comment, key);
    const edit = { note: { text: 'one note', base: '' } };
    const e1 = await editSharedAd(omar, boardId, 'ad-2', edit);
    const e2 = await editSharedAd(omar, boardId, 'ad-2', edit);
    expect(e1.ok && e2.ok && e2.etag).toBe(e1.ok && e1.etag);
    const objects = await listBoardObjects(sara.client, boardId);
    if (!objects.ok) throw new Error('listing failed');
    expect(objects.comments.filter((o) => o.key.includes('/ad-2/'))).toHaveLength(1);
    const read = await readSharedAd(sara, boardAdKey(boardId, 'ad-2'));
    expect(read.ok && [read.value.note, read.value.noteConflicts]).toEqual(['one note', []]);
  });

  it("an agent's key may not write a board, its media or the change feed", async () => {
    const shared = await shareBoard(agent, crypto.randomUUID(), 'not allowed');
    expect(shared).toMatchObject({ ok: false, failure: { kind: 'denied' } });
    const media = await putMedia(agent, 'a'.repeat(64), new Blob(['x']), 'image/png');
    expect(media).toMatchObject({ ok: false, failure: { kind: 'denied' } });
    const feed = await agent.client.put(`${CHANGES_PREFIX}x.json`, '{}');
    expect(feed).toMatchObject({ ok: false, kind: 'denied' });
  });

  it('polls back off while quiet, come back soon after changes, and back off further on failures', () => {
    const mid = () => 0.5;
    expect(nextPollDelay(undefined, 'quiet', 0, mid)).toBe(60_000);
    expect(nextPollDelay(60_000, 'quiet', 0, mid)).toBe(POLL.idleCapMs);
    expect(nextPollDelay(POLL.idleCapMs, 'quiet', 0, mid)).toBe(POLL.idleCapMs);
    expect(nextPollDelay(POLL.idleCapMs, 'changes', 0, mid)).toBe(POLL.activeMs);
    expect(nextPollDelay(undefined, 'failed', 10, mid)).toBe(POLL.failureCapMs);
  });
});
