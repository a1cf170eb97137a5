import type { DBSchema } from 'idb';
import type { ActivityLogEntry } from '../schemas/activity-log';
import type { AdCapture } from '../schemas/ad-capture';
import type { GuidancePack } from '../schemas/guidance-pack';
import type { Template } from '../schemas/template';
import type { Testimonial } from '../schemas/testimonial';

export const DB_NAME = 'dalil';

/** The pack in use, without its templates (they live in their own store since version 2). */
export type PackHeader = Omit<GuidancePack, 'templates'> & {
  source: { kind: 'default' | 'file'; fileName?: string; appliedAt: string };
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

export interface MediaBlob {
  id: string;
  blob: Blob;
  contentType: string;
  sourceUrl: string;
}

/** The latest schema. Older versions are described by their migration steps in ./migrations. */
export interface DalilDB extends DBSchema {
  /** Key `active`: the pack header in use. */
  guidance: { key: string; value: PackHeader };
  templates: { key: string; value: StoredTemplate; indexes: { 'by-shortcut': string; 'by-status': string } };
  activityLog: { key: string; value: ActivityLogEntry; indexes: { 'by-at': string } };
  adCaptures: {
    key: string;
    value: StoredAd;
    indexes: {
      'by-library-ad': [string, string];
      'by-captured-at': string;
      'by-advertiser': string;
      'by-advertiser-key': string;
    };
  };
  followedAdvertisers: { key: string; value: FollowedAdvertiser };
  media: { key: string; value: MediaBlob };
  templateUsage: { key: string; value: TemplateUsage };
  testimonials: { key: string; value: Testimonial; indexes: { 'by-saved-at': string } };
}

export interface TemplateUsage {
  templateId: string;
  count: number;
  lastUsedAt: string;
}
