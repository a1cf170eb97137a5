/**
 * Reading the ad-library fixtures, all in tests/fixtures/ad-libraries: one folder per library for the pages built
 * around real public records (each folder's SOURCES.md says where they came from), hand-made pages at the top.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { type AdCapture, AdCaptureSchema } from '../../../utils/schemas/ad-capture';

const PROJECT = resolve(import.meta.dirname, '../../..');
export const AD_LIBRARY_FIXTURES = resolve(PROJECT, 'tests/fixtures/ad-libraries');

export const CAPTURED_AT = '2026-11-26T10:00:00.000Z';

/** A file of one library's real-record set, by folder: `meta-ad-library/meta-adlib-search-en.html`. */
export function readRecordFixture(path: string): string {
  return readFileSync(resolve(AD_LIBRARY_FIXTURES, path), 'utf8');
}

/** A JSON file of one library's real-record set (records, or what an extraction should read). */
export function recordFixtureJson<T>(path: string): T {
  return JSON.parse(readRecordFixture(path)) as T;
}

/** One of the hand-made pages at the top of the folder (its README says what in each is real). */
export function readOurs(path: string): string {
  return readFileSync(resolve(AD_LIBRARY_FIXTURES, path), 'utf8');
}

/** Saved pages link stylesheets and frames that are not there: treat them as loaded, quietly. */
const fixtureWindow = new Window({ settings: { handleDisabledFileLoadingAsSuccess: true } });

/** Fixture HTML as a document: parsing page text is fine in tests (production code never does it). */
export function parseHtml(html: string): Document {
  return new fixtureWindow.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** The schema's problems for a record, or [] when it passes. */
export function schemaProblems(record: unknown): string[] {
  const result = AdCaptureSchema.safeParse(record);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

/** A record as the fixtures' `.expected.json` files write it: media as a URL list (video, poster), absent as null. */
export interface ExpectedAd {
  libraryAdId: string;
  advertiserName: string | null;
  advertiserId: string | null;
  startedAt: string | null;
  active: boolean | null;
  text: string | null;
  cta: string | null;
  landingUrl: string | null;
  mediaUrls: string[];
  variantCount: number | null;
}

export function asExpected(ad: AdCapture): ExpectedAd {
  return {
    libraryAdId: ad.libraryAdId,
    advertiserName: ad.advertiserName ?? null,
    advertiserId: ad.advertiserId ?? null,
    startedAt: ad.startedAt ?? null,
    active: ad.active ?? null,
    text: ad.text ?? null,
    cta: ad.cta ?? null,
    landingUrl: ad.landingUrl ?? null,
    mediaUrls: ad.media.flatMap((m) => (m.posterUrl ? [m.url, m.posterUrl] : [m.url])),
    variantCount: ad.variantCount ?? null,
  };
}
