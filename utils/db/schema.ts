import type { DBSchema } from 'idb';
import type { LogCount } from '../activity/log-counts';
import type { LogBlock, Posting } from '../activity/log-postings';
import type { LogWordsRow } from '../activity/log-words';
import type { ActivityLogEntry } from '../schemas/activity-log';
import type {
  FollowedAdvertiser,
  MediaBlob,
  PackHeader,
  PendingMedia,
  StoredAd,
  StoredTemplate,
  TemplateUsage,
} from '../schemas/stored-records';
import type { Template } from '../schemas/template';
import type { Testimonial } from '../schemas/testimonial';
import type { AdSearchKey, AdSearchRow } from '../swipe-file/ad-search-row';
import type { OutboxItem, PackHistoryRecord } from '../sync/types';
import type { ListSearchRow } from './list-search-rows';

// The records live on the wall (utils/schemas/); the database's own code keeps reading them from here.
export type {
  FollowedAdvertiser,
  MediaBlob,
  PackHeader,
  PackSource,
  StoredAd,
  StoredTemplate,
  TemplateUsage,
} from '../schemas/stored-records';

export const DB_NAME = 'dalil';

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
      'by-deleted-at': string;
    };
  };
  /** One derived row per live saved ad (version 10): the swipe file's filters, sort and word index. Never backed up. */
  adSearch: {
    key: AdSearchKey;
    value: AdSearchRow;
    indexes: {
      'by-id': string;
      'by-captured': string;
      'by-library': string;
      'by-advertiser': string;
      'by-advertiser-key': string;
      'by-status': string;
      'by-tag': string;
      'by-board': string;
      'by-word': string;
    };
  };
  followedAdvertisers: { key: string; value: FollowedAdvertiser };
  media: { key: string; value: MediaBlob };
  /** Media a saved ad is still owed (version 9): resumed when the worker starts and from an alarm. */
  pendingMedia: { key: [string, number]; value: PendingMedia; indexes: { 'by-next': string } };
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
  /** The log's word index (version 11): one row per entry, keyed [at, id], and the backfill's progress. Derived, never backed up. */
  logWords: { key: [string, string]; value: LogWordsRow; indexes: { 'by-word': string } };
  /** One derived row per followed advertiser (version 12): newest followed first, and its name's words. Never backed up. */
  followedSearch: { key: string; value: ListSearchRow; indexes: { 'by-at': string; 'by-word': string } };
  /** One derived row per testimonial (version 12): newest saved first, and its words. Never backed up. */
  testimonialSearch: { key: string; value: ListSearchRow; indexes: { 'by-at': string; 'by-word': string } };
  /** The log's months (version 13): each one's slots, in time order (utils/activity/log-postings.ts). Derived, never backed up. */
  logBlocks: { key: string; value: LogBlock };
  /** Each slot's entry: [block, slot] → [at, id] (version 13). Derived, never backed up. */
  logSlots: { key: [string, number]; value: [string, string] };
  /** Each word's and prefix's slots in a month: [key, block] → posting (version 13). Derived, never backed up. */
  logPostings: { key: [string, string]; value: Posting };
}

export type SyncStateKey =
  | 'subscription'
  | 'pending'
  | 'lastApplied'
  | 'webhook'
  | 'signingKey'
  | 'pinnedKey'
  | 'packMarks'
  | 'publishing'
  | 'restoreSettings'
  | 'proposalsSent'
  | 'proposalsQueue';
