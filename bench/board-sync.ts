/**
 * Shared boards' costs against a real Ceph RADOS Gateway on this machine (no browser): `npx tsx bench/board-sync.ts`
 * - a board of 10,000 ad objects (BOARD_SYNC_ADS to change) seeded with the workspace's own client, 16 at a time;
 * - the full listing a newcomer starts from (pages of 1,000: requests and time), and reading every ad;
 * - an idle poll of the change feed with that board there (one listing), the median of 20;
 * - sync latency without the poll's wait: a comment written by one person until another's poll has read it;
 * - requests per minute per person from the poll schedule (nextPollDelay) over an idle hour and an active one.
 * Sync latency as a person sees it adds the wait for their next poll: 30 s after changes, up to 2 min when quiet.
 */

import { createTeamBucket, ensureRgw, startRgw } from '../tests/harness/rgw';
import type { StoredAd } from '../utils/schemas/stored-records';
import { toSharedAd } from '../utils/workspace/boards-apply';
import { boardAdKey } from '../utils/workspace/boards-layout';
import {
  eachLimited,
  type FeedMark,
  listBoardObjects,
  nextPollDelay,
  POLL,
  readComment,
  readFeed,
} from '../utils/workspace/boards-poll';
import { addComment, type BoardWriter, newComment, shareBoard } from '../utils/workspace/boards-write';
import { s3Client } from '../utils/workspace/s3-client';

const ADS = Number(process.env.BOARD_SYNC_ADS ?? 10_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function ad(n: number): StoredAd {
  return {
    id: `meta:${8_000_000 + n}`,
    library: 'meta',
    libraryAdId: String(8_000_000 + n),
    advertiserName: n % 2 ? 'Corner Bakery' : 'مقهى الزاوية',
    text: `عرض رقم ${n}: قهوة الصباح بنصف السعر، Fresh bread every morning`,
    media: [{ kind: 'image', url: `https://scontent.xx.fbcdn.net/v/${n}.jpg` }],
    pageUrl: 'https://www.facebook.com/ads/library/',
    capturedAt: new Date(Date.UTC(2026, 11, 1) - n * 60_000).toISOString(),
    tags: ['قهوة'],
    boards: ['big board'],
    note: n % 10 === 0 ? 'ملاحظة قصيرة' : undefined,
  };
}

async function main() {
  if (!ensureRgw()) throw new Error('Ceph RADOS Gateway is not installed');
  const rgw = await startRgw();
  try {
    const owner = rgw.createUser('huda');
    const users = { sara: rgw.createUser('sara'), omar: rgw.createUser('omar') };
    await createTeamBucket(rgw, owner, 'acme', { managers: ['huda'], agents: [], marketers: ['sara', 'omar'] });
    const writer = (uid: 'sara' | 'omar'): BoardWriter => ({
      client: s3Client({ endpoint: rgw.endpoint, bucket: 'acme', region: 'us-east-1', ...users[uid] }),
      person: uid,
    });
    const sara = writer('sara');
    const omar = writer('omar');
    const boardId = crypto.randomUUID();
    await shareBoard(sara, boardId, 'big board');

    let t0 = performance.now();
    const now = new Date().toISOString();
    // Seeded as plain puts (the feed is not what is measured here); the objects are what addSharedAd writes.
    await eachLimited(
      Array.from({ length: ADS }, (_, n) => n),
      16,
      async (n) => {
        const shared = toSharedAd(ad(n), boardId, 'sara', now, []);
        const put = await sara.client.put(boardAdKey(boardId, shared.ad.id), JSON.stringify(shared), {
          contentType: 'application/json',
        });
        if (!put.ok) throw new Error(`seed: ${put.kind}`);
      },
    );
    const seedMs = performance.now() - t0;
    const sample = JSON.stringify(toSharedAd(ad(1), boardId, 'sara', now, [])).length;

    const counter = { requests: 0 };
    t0 = performance.now();
    const listed = await listBoardObjects(omar.client, boardId, counter);
    const listMs = performance.now() - t0;
    if (!listed.ok) throw new Error('listing failed');

    t0 = performance.now();
    await eachLimited(listed.ads, 6, async (o) => {
      const got = await omar.client.get(o.key);
      if (got.ok) await got.body?.text();
    });
    const readAllMs = performance.now() - t0;

    // The feed, idle: Omar caught up; the median of 20 polls.
    let mark: FeedMark = { newest: Date.now() - 60_000, seen: [] };
    const first = await readFeed(omar.client, mark);
    if (first.ok) mark = first.mark;
    const idle: number[] = [];
    const idleCounter = { requests: 0 };
    for (let i = 0; i < 20; i++) {
      t0 = performance.now();
      const polled = await readFeed(omar.client, mark, idleCounter);
      idle.push(performance.now() - t0);
      if (polled.ok) mark = polled.mark;
    }

    // A comment from Sara until Omar's poll has it (the poll's wait excluded).
    const latency: number[] = [];
    for (let i = 0; i < 10; i++) {
      t0 = performance.now();
      const { key, comment } = newComment(boardId, ad(1).id, 'sara', `تعليق ${i}`, new Date());
      await addComment(sara, comment, key);
      const polled = await readFeed(omar.client, mark);
      if (!polled.ok || !polled.changes.some((c) => c.key === key)) throw new Error('the comment was not in the feed');
      await readComment(omar.client, key);
      latency.push(performance.now() - t0);
      mark = polled.mark;
    }

    // Requests per minute per person from the schedule: idle (every poll quiet) and active (every poll sees changes).
    const perMinute = (outcome: 'quiet' | 'changes', requestsPerPoll: number) => {
      let t = 0;
      let delay: number | undefined;
      let polls = 0;
      while (t < 3_600_000) {
        delay = nextPollDelay(delay, outcome, 0);
        t += delay;
        polls++;
      }
      return (polls * requestsPerPoll) / 60;
    };

    const rows = [
      `ad objects: ${ADS} (${sample} bytes each, about ${((ADS * sample) / 1e6).toFixed(1)} MB), seeded in ${(seedMs / 1000).toFixed(1)} s, 16 at a time`,
      `full listing of the board: ${counter.requests} requests (ads and comments), ${listMs.toFixed(0)} ms, ${listed.ads.length} ads listed`,
      `reading every ad after it (a newcomer's whole read), 6 at a time: ${ADS} requests, ${(readAllMs / 1000).toFixed(1)} s`,
      `idle poll of the change feed with the board there: 1 request, median ${median(idle).toFixed(1)} ms (${idleCounter.requests} requests for 20 polls)`,
      `a comment written until a teammate's poll has read it (no wait for the poll): median ${median(latency).toFixed(1)} ms, max ${Math.max(...latency).toFixed(1)} ms`,
      `requests per minute per person: idle ${perMinute('quiet', 1).toFixed(2)} (a poll every ~${POLL.idleCapMs / 1000} s); while teammates change things ~${perMinute('changes', 1).toFixed(1)} polls plus 2 reads per change seen`,
      `50 idle people on one bucket: ~${(50 * perMinute('quiet', 1)).toFixed(0)} listings a minute, ~${Math.round((50 * perMinute('quiet', 1) * 60 * 24 * 30) / 1000)}k a month`,
    ];
    console.log(rows.join('\n'));
  } finally {
    rgw.stop();
  }
}

await main();
