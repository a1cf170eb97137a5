/**
 * Shapes shared by team sync: the pack subscription, pack history, signing keys, the webhook
 * outbox. The background stores them (IndexedDB `syncState`, `packHistory`, `outbox`); the side
 * panel shows them through `panel.syncStatus`.
 */
import type { ActivityLogEntry } from '../schemas/activity-log';
import type { GuidancePack } from '../schemas/guidance-pack';

/** One template, playbook or colour named in a diff. */
export interface DiffItem {
  id: string;
  title: string;
}

/** What changes when `next` replaces `current`; shown before (or after) an update is applied. */
export interface PackDiff {
  from: { id: string; version: number; name: string };
  to: { id: string; version: number; name: string };
  templates: {
    added: DiffItem[];
    /** Same id, different content (title, body, shortcut, tags…), status unchanged. */
    changed: DiffItem[];
    /** Status went to `retired`. */
    retired: DiffItem[];
    /** Gone from the pack altogether. */
    removed: DiffItem[];
    /** Status changed to `approved` from draft or retired. */
    approved: DiffItem[];
  };
  playbooks: { added: DiffItem[]; changed: DiffItem[]; removed: DiffItem[] };
  brandKit: {
    /** Colours by name (the kit's identity for a colour). `title` carries the hex. */
    colorsAdded: DiffItem[];
    colorsRemoved: DiffItem[];
    /** Same name, new hex (or role). */
    colorsChanged: DiffItem[];
    /** Order of the colours changed (and nothing else about them). */
    colorsReordered: boolean;
    tolerance?: { from: number; to: number };
    minOnPaletteShare?: { from: number; to: number };
    nameChanged?: { from: string; to: string };
    /** Copy-rule changes, each a short English-neutral key with its values: see pack-diff.ts. */
    copyRules: CopyRuleChange[];
  };
  /** True when nothing a person would notice changed (ids, content, kit all equal). */
  empty: boolean;
}

export type CopyRuleChange =
  | { kind: 'banned-added' | 'banned-removed' | 'hashtag-added' | 'hashtag-removed'; value: string }
  | { kind: 'disclaimer-changed'; from?: string; to?: string }
  | { kind: 'max-length-changed'; platform: string; from?: number; to?: number };

export type SyncFailureCode =
  | 'network'
  | 'timeout'
  | 'http'
  | 'too-large'
  | 'invalid-json'
  | 'invalid-pack'
  | 'unsigned'
  | 'bad-signature'
  | 'older-version'
  | 'permission'
  | 'redirect'
  | 'expired'
  | 'wrong-team-url'
  | 'rolled-back'
  | 'version-reused';

/** What a failure's text names, so the panel can say it in the person's language. */
export interface SyncFailureParams {
  /** The version offered (fetched, imported, restored). */
  offered?: number;
  /** The highest version already accepted under the pinned key. */
  accepted?: number;
  /** The pack's `expires` claim (ISO). */
  expires?: string;
  /** The pack's `audience` claim: the team URL it was published for. */
  audience?: string;
  /** The address followed here. */
  url?: string;
}

export interface SyncFailure {
  code: SyncFailureCode;
  /** English, for the log and for people reading exports; the panel shows its own words by `code`. */
  message: string;
  /** HTTP status, when there was one. */
  status?: number;
  at: string;
  params?: SyncFailureParams;
}

export interface SubscriptionState {
  url: string;
  /** Apply a valid newer pack at once; otherwise keep it pending until someone confirms. */
  autoApply: boolean;
  /**
   * The person chose to apply updates from this address automatically without a pinned key. Without
   * it (or a pinned key), auto-apply keeps new versions waiting for a manual apply.
   */
  trustHost?: boolean;
  refreshMinutes: number;
  subscribedAt: string;
  etag?: string;
  lastModified?: string;
  lastCheckedAt?: string;
  /** The last refresh's outcome. */
  lastOutcome?:
    | {
        kind: 'applied' | 'pending' | 'unchanged' | 'not-modified';
        at: string;
        version: number;
        /**
         * same-version-changed: the server's file differs from the pack in use but kept its version number: not applied.
         * needs-key: auto-apply is on, but with no pinned key and the host not trusted the update waits.
         */
        note?: 'same-version-changed' | 'needs-key';
      }
    | ({ kind: 'failed' } & SyncFailure);
  /** Failures in a row; reset by any success. Drives the retry backoff. */
  failures: number;
  nextRetryAt?: string;
}

/** A newer pack fetched and checked, waiting for someone to apply it (when auto-apply is off). */
export interface PendingUpdate {
  pack: GuidancePack;
  diff: PackDiff;
  fetchedAt: string;
  url: string;
  /** The file's signature: applying the update checks it against the key pinned at that moment. */
  seal?: PackSeal;
}

/** A pack that was in use before an update or import; restorable. */
export interface PackHistoryRecord {
  id: string;
  pack: GuidancePack;
  source: {
    kind: 'default' | 'file' | 'url';
    fileName?: string;
    url?: string;
    appliedAt: string;
    /** The signature the pack's file carried; restoring the pack checks it against the pinned key. */
    seal?: PackSeal;
  };
  archivedAt: string;
}
export type PackHistoryItem = Omit<PackHistoryRecord, 'pack'> & {
  packId: string;
  name: string;
  version: number;
  templates: number;
  /** A higher version of this pack was accepted under the pinned key: restoring it is refused. */
  acceptedVersion?: number;
};

export type SigningAlgorithm = 'Ed25519' | 'ECDSA-P256';

/** A public key as people copy it between browsers: `dalil-ed25519:<base64url raw>` or `dalil-p256:<base64url spki>`. */
export type PublicKeyText = string;

/** The manager's key pair, kept in IndexedDB as CryptoKeys (the private key leaves only by explicit export). */
export interface SigningKeyRecord {
  algorithm: SigningAlgorithm;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicKeyText: PublicKeyText;
  fingerprint: string;
  createdAt: string;
}

export interface PinnedKeyRecord {
  algorithm: SigningAlgorithm;
  publicKeyText: PublicKeyText;
  fingerprint: string;
  pinnedAt: string;
}

/**
 * What a stored pack keeps of its file's signature, so that putting it in use again (from the
 * waiting update or the history) is checked against the key pinned then.
 */
export interface PackSeal {
  signature: PackSignature;
  /**
   * The file as signed, kept only when reading it changed it (a default filled in, text trimmed):
   * the signature covers the file's bytes, not the pack as read. Dalil signs packs as read, so
   * its own files never need it.
   */
  signedFile?: unknown;
  /**
   * The claims signed with the pack (audience, expires): not part of the pack as read, so kept here
   * for the signature to be checked again over the same envelope.
   */
  claims?: { audience?: string; expires?: string };
}

/**
 * The highest version of one pack accepted under one pinned key: a lower version is never taken
 * again, nor a different pack under the same version (a replay or a freeze). `digest` is SHA-256 of
 * the pack as parsed (canonical JSON), `expires` the latest expiry accepted with that version.
 */
export interface PackMark {
  version: number;
  digest: string;
  acceptedAt: string;
  expires?: string;
}

/** High-water marks by pinned key fingerprint, then pack id. */
export type PackMarks = Record<string, Record<string, PackMark>>;

/** What a manager's publish puts in the signed envelope, remembered for the next publish. */
export interface PublishingChoices {
  /** The team URL the pack is published for (its `audience`); empty: none. */
  audience: string;
  /** Days until the pack expires; null: no expiry. */
  expiresInDays: number | null;
}

/** Attached to a published pack file: signs the canonical JSON of the pack without this field. */
export interface PackSignature {
  algorithm: SigningAlgorithm;
  /** Fingerprint of the public key that verifies it. */
  keyId: string;
  /** base64url signature bytes (raw r‖s for ECDSA). */
  value: string;
}

export interface WebhookState {
  url: string;
  enabledAt: string;
  delivered: number;
  lastDeliveryAt?: string;
  lastFailure?: { message: string; status?: number; at: string };
  /** After a failure nothing is sent to the endpoint before this time, new entries included: a down endpoint is not hammered. */
  pausedUntil?: string;
}

/** One log entry waiting for the webhook. Its id is the entry's id: the idempotency key. */
export interface OutboxItem {
  id: string;
  entry: ActivityLogEntry;
  enqueuedAt: string;
  attempts: number;
  /** ISO time; items are sent in this order, once it has passed. */
  nextAttemptAt: string;
  /** Set while a POST carrying it is in flight; an expired lease means the worker stopped mid-delivery. */
  leaseUntil?: string;
  lastError?: string;
}

export interface OutboxStatus {
  queued: number;
  oldestAt?: string;
  nextAttemptAt?: string;
  /** Past the warning cap: entries are kept, and the person is told. */
  overCap: boolean;
  cap: number;
}

/** Everything the Settings tab shows about team sync. */
export interface SyncStatus {
  subscription?: SubscriptionState;
  pending?: { diff: PackDiff; fetchedAt: string; url: string; version: number; name: string };
  /** The last applied update's diff, for "what changed". */
  lastApplied?: { diff: PackDiff; at: string };
  history: PackHistoryItem[];
  signing?: Omit<SigningKeyRecord, 'privateKey' | 'publicKey'>;
  pinned?: PinnedKeyRecord;
  publishing?: PublishingChoices;
  webhook?: WebhookState;
  outbox: OutboxStatus;
}
