/**
 * Shared boards in Firefox (an event page for a background, the bucket reached through its CORS rule):
 * a board shared from the swipe file lands in the bucket with its media by hash; a teammate's comment
 * and note (written with their key, as their background writes them; two browsers run in Chromium in
 * tests/e2e/shared-boards.test.ts) arrive; the note edited here at the same time keeps the teammate's
 * beside it, shown in the ad's detail in English and Arabic.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SharedAd } from '../../utils/schemas/shared-board';
import { boardAdKey, mediaKey } from '../../utils/workspace/boards-layout';
import type { SharedAdDetails, SharedBoardsStatus } from '../../utils/workspace/boards-types';
import { addComment, editSharedAd, newComment } from '../../utils/workspace/boards-write';
import { s3Client } from '../../utils/workspace/s3-client';
import type { WorkspaceStatus } from '../../utils/workspace/types';
import {
  type FirefoxWithExtension,
  launchFirefoxWithExtension,
  panelMessageIn,
  pollFor,
  saveFirefoxScreenshot,
} from '../harness/firefox';
import { createTeamBucket, ensureRgw, type Rgw, type RgwUser, startRgw } from '../harness/rgw';

const available = ensureRgw();
const PNG = readFileSync(resolve(import.meta.dirname, '../../public/icon/128.png')).toString('base64');
const BOARD = 'حملة العيد';
const AD_ID = 'meta:7200001';

async function openDetail(page: Page, arabic: boolean) {
  for (const tab of await page.$$('[role="tab"]'))
    if ((await tab.evaluate((t) => t.textContent?.trim())) === (arabic ? 'الإعلانات' : 'Swipe file')) await tab.click();
  const card = await page.waitForSelector(`[data-testid="swipe-card"][data-ad-id="${AD_ID}"] button`);
  await card?.click();
  return page.waitForSelector('[data-testid="note-conflict"]');
}

describe.runIf(available)('shared boards in Firefox', () => {
  let rgw: Rgw;
  let sara: RgwUser;
  let omar: RgwUser;
  let firefox: FirefoxWithExtension;
  beforeAll(async () => {
    rgw = await startRgw();
    const huda = rgw.createUser('huda');
    sara = rgw.createUser('sara');
    omar = rgw.createUser('omar');
    await createTeamBucket(rgw, huda, 'acme', { managers: ['huda'], agents: [], marketers: ['sara', 'omar'] });
    firefox = await launchFirefoxWithExtension();
  }, 90_000);
  afterAll(async () => {
    await firefox?.close();
    rgw?.stop();
  });

  it('shares a board with its media, takes in a teammate’s comment, and keeps both notes written at once', async () => {
    const page = await firefox.openSidePanel({ locale: 'en' });
    await panelMessageIn(page, 'panel.importAds', {
      ads: [
        {
          id: AD_ID,
          library: 'meta',
          libraryAdId: '7200001',
          advertiserName: 'مقهى الزاوية',
          text: 'قهوة الصباح بنصف السعر',
          media: [{ kind: 'image', url: 'https://scontent.xx.fbcdn.net/v/1.png', blobId: 'm1' }],
          pageUrl: 'https://www.facebook.com/ads/library/',
          capturedAt: '2026-12-01T08:00:00.000Z',
          tags: ['قهوة'],
          boards: [BOARD],
          note: 'Half price works',
        },
      ],
      media: { m1: `data:image/png;base64,${PNG}` },
    });
    const connected = await panelMessageIn<{ status: WorkspaceStatus }>(page, 'panel.connectWorkspace', {
      endpoint: `${rgw.endpoint}/`,
      bucket: 'acme',
      region: 'us-east-1',
      accessKeyId: sara.accessKeyId,
      secretAccessKey: sara.secretAccessKey,
      person: 'sara',
    });
    expect(connected.status.connected).toBe(true);
    const { board } = await panelMessageIn<{ board: { id: string } }>(page, 'panel.shareBoard', { name: BOARD });

    // In the bucket, read with Omar's key: the ad, its media by hash (the same bytes).
    const bucket = s3Client({ endpoint: rgw.endpoint, bucket: 'acme', region: 'us-east-1', ...omar });
    const shared = await pollFor(
      async () => {
        await panelMessageIn(page, 'panel.syncBoards', {});
        const got = await bucket.get(boardAdKey(board.id, AD_ID));
        return got.ok ? ((await got.body?.json()) as SharedAd) : undefined;
      },
      Boolean,
      20_000,
    );
    expect(shared).toMatchObject({ note: 'Half price works', addedBy: 'sara', ad: { tags: ['قهوة'] } });
    const media = await bucket.get(mediaKey(shared?.media[0].sha256 ?? ''));
    expect(media.ok && Buffer.from(await (media.body as Response).arrayBuffer()).toString('base64')).toBe(PNG);

    // Omar comments and rewrites the note; Sara, not having synced, rewrites it too.
    const omarWriter = { client: bucket, person: 'omar' };
    const { key, comment } = newComment(board.id, AD_ID, 'omar', 'نجربه في رمضان؟', new Date());
    expect((await addComment(omarWriter, comment, key)).ok).toBe(true);
    expect(
      (await editSharedAd(omarWriter, board.id, AD_ID, { note: { text: 'عمر: ابدأ بصورة القهوة', base: 'Half price works' } }))
        .ok,
    ).toBe(true);
    await panelMessageIn(page, 'panel.updateAd', {
      id: AD_ID,
      tags: ['قهوة'],
      boards: [BOARD],
      note: 'Sara: lead with the price',
    });
    const details = await pollFor(
      async () => {
        await panelMessageIn(page, 'panel.syncBoards', {});
        return panelMessageIn<SharedAdDetails>(page, 'panel.sharedAdDetails', { adId: AD_ID });
      },
      (d) => d.comments.length === 1 && d.noteConflicts.length === 1,
      20_000,
    );
    expect(details.noteConflicts).toMatchObject([{ by: 'omar', text: 'عمر: ابدأ بصورة القهوة' }]);
    expect(details.comments.map((c) => [c.by, c.text])).toEqual([['omar', 'نجربه في رمضان؟']]);
    expect((await panelMessageIn<SharedBoardsStatus>(page, 'panel.sharedBoards', {})).queued).toBe(0);
    const inBucket = await bucket.get(boardAdKey(board.id, AD_ID));
    const final = inBucket.ok ? ((await inBucket.body?.json()) as SharedAd) : undefined;
    expect([final?.note, final?.noteConflicts.map((c) => c.text)]).toEqual([
      'Sara: lead with the price',
      ['عمر: ابدأ بصورة القهوة'],
    ]);

    for (const arabic of [false, true]) {
      const panel = await firefox.openSidePanel({ locale: arabic ? 'ar' : 'en' });
      const conflict = await openDetail(panel, arabic);
      // Names come bidi-isolated (U+2066–2069) in the text: read without the marks.
      expect(await conflict?.evaluate((n) => n.textContent?.replace(/[\u2066-\u2069]/g, ''))).toContain(
        arabic ? 'ملاحظة omar محفوظة بجانب ملاحظتك:' : 'Note from omar kept beside yours:',
      );
      const thread = await panel.waitForSelector('[data-testid="board-comments"]');
      expect(await thread?.evaluate((n) => n.textContent)).toContain('نجربه في رمضان؟');
      await saveFirefoxScreenshot(panel, `shared-board-conflict-firefox-${arabic ? 'ar' : 'en'}`);
      await panel.close();
    }
    await page.close();
  });
});
