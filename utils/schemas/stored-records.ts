/**
 * Records as the database stores them, beside the schemas they extend. The protocol, the panel's
 * store and the components read these types from here: only the background and utils/db/ touch the
 * database itself (utils/db/schema.ts describes its stores with them).
 */
import type { AdCapture } from './ad-capture';
import type { GuidancePack } from './guidance-pack';
import type { Template } from './template';

/** Where the pack in use came from: shipped, a file someone imported, or the team's URL. */
export interface PackSource {
  kind: 'default' | 'file' | 'url';
  fileName?: string;
  url?: string;
  appliedAt: string;
  /**
   * The signature the pack's file carried (utils/sync/types.ts PackSeal), kept so that putting
   * this pack in use again from the history is checked against the key pinned then.
   */
  seal?: {
    signature: { algorithm: 'Ed25519' | 'ECDSA-P256'; keyId: string; value: string };
    signedFile?: unknown;
    claims?: { audience?: string; expires?: string };
  };
}

/** The pack in use, without its templates (they live in their own store since version 2). */
export type PackHeader = Omit<GuidancePack, 'templates'> & {
  source: PackSource;
};

/** A template as stored: its place in the pack's order is kept so export gives the same order back. */
export type StoredTemplate = Template & { position: number };

/** A saved ad as stored: the capture, plus what the swipe file keeps about it. */
export type StoredAd = AdCapture & {
  advertiserKey?: string;
  /** Set when deleted; the record is purged once the undo window has passed. */
  deletedAt?: string;
  /** Media download state per item, by media index: saved, or why not. */
  mediaErrors?: string[];
  /** Last time a library page showed this ad. */
  lastSeenAt?: string;
};

export interface FollowedAdvertiser {
  key: string;
  library: AdCapture['library'];
  name: string;
  followedAt: string;
  /** When the marketer last opened a library page showing this advertiser's ads. */
  lastVisitAt?: string;
  /** Ads seen at that visit: anything else seen later is "new since your last visit". */
  seenAdIds: string[];
}

/** A followed advertiser as the panel lists it: without the ads seen at the last visit, with its saved ads counted. */
export interface FollowedSummary {
  key: string;
  library: AdCapture['library'];
  name: string;
  followedAt: string;
  savedAds: number;
}

/** A page of a list the panel shows a window of: `matching` the search, of `total`. */
export interface ListPage<T> {
  items: T[];
  matching: number;
  total: number;
}

/**
 * One media item (and its poster) a saved ad is still owed (store `pendingMedia`, version 9). The URLs
 * are read from the ad itself; the item is deleted once its bytes are saved or it has failed for good.
 */
export interface PendingMedia {
  adId: string;
  /** The item's index in the ad's `media`. */
  index: number;
  /** The Save it came from: one Save's downloads share one byte limit. */
  saveId: string;
  /** Attempts started so far (counted before each download, so a worker that dies mid-download counts too). */
  attempts: number;
  /** ISO date-time: not before then. */
  nextAttemptAt: string;
  /** Set while a download runs; a worker that starts and finds one knows the previous worker stopped mid-download. */
  leaseUntil?: string;
}

export interface MediaBlob {
  id: string;
  blob: Blob;
  contentType: string;
  sourceUrl: string;
}

export interface TemplateUsage {
  templateId: string;
  count: number;
  lastUsedAt: string;
}
