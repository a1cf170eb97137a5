import type { DBSchema } from 'idb';
import type { LogCount } from '../activity/log-counts';
import type { ActivityLogEntry } from '../schemas/activity-log';
import type { AdCapture } from '../schemas/ad-capture';
import type { GuidancePack } from '../schemas/guidance-pack';
import type { Template } from '../schemas/template';
import type { Testimonial } from '../schemas/testimonial';
import type { OutboxItem, PackHistoryRecord } from '../sync/types';

export const DB_NAME = 'dalil';

/** The pack in use, without its templates (they live in their own store since version 2). */
export type PackHeader = Omit<GuidancePack, 'templates'> & {
  source: PackSource;
};

/** Where the pack in use came from: shipped, a file someone imported, or the team's URL. */
export interface PackSource {
  kind: 'default' | 'file' | 'url';
  fileName?: string;
  url?: string;
  appliedAt: string;
}

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
  activityLog: {
    key: string;
    value: ActivityLogEntry;
    indexes: {
      'by-at': string;
      'by-kind-at': [string, string];
      'by-template-at': [string, string];
      'by-platform-at': [string, string];
    };
  };
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
  outbox: { key: string; value: OutboxItem; indexes: { 'by-next': string } };
  packHistory: { key: string; value: PackHistoryRecord; indexes: { 'by-archived-at': string } };
  /** An agent's own drafts: never part of the team's pack. */
  personalTemplates: { key: string; value: Template };
  /** Named records: `subscription`, `pending`, `lastApplied`, `webhook`, `signingKey`, `pinnedKey`. */
  syncState: { key: SyncStateKey; value: unknown };
  /** Per-hour counts of the log (derived: rebuilt from the log, never backed up). */
  logCounts: {
    key: string;
    value: LogCount;
    indexes: { 'by-kind-dim-hour': [string, string, string]; 'by-kind-hour': [string, string] };
  };
}

export type SyncStateKey = 'subscription' | 'pending' | 'lastApplied' | 'webhook' | 'signingKey' | 'pinnedKey';

export interface TemplateUsage {
  templateId: string;
  count: number;
  lastUsedAt: string;
}
