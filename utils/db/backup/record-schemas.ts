/**
 * What each backed-up record must be, as zod schemas whose OUTPUT is what gets stored: a backup's
 * records are parsed with these (unknown fields dropped, defaults filled in) and the parsed value
 * is written, never the file's own object. Prototype keys never reach them: decodeValue
 * (utils/backup/format.ts) skips `__proto__`, `constructor` and `prototype` at any depth first.
 */
import { z } from 'zod/mini';
import type { BackupStoreName, STORAGE_KEYS } from '../../backup/format';
import { ActivityLogEntrySchema } from '../../schemas/activity-log';
import { AdCaptureSchema, AdLibrarySchema } from '../../schemas/ad-capture';
import { IsoDateTimeSchema } from '../../schemas/common';
import { GuidancePackSchema } from '../../schemas/guidance-pack';
import { ProposalDecisionSchema, ProposalFileSchema } from '../../schemas/proposal';
import { SettingsSchema } from '../../schemas/settings';
import { TemplateSchema } from '../../schemas/template';
import { TestimonialSchema } from '../../schemas/testimonial';

const AlgorithmSchema = z.enum(['Ed25519', 'ECDSA-P256']);
const SignatureSchema = z.object({ algorithm: AlgorithmSchema, keyId: z.string(), value: z.string() });
/** A pack's kept signature (utils/sync/types.ts PackSeal); the signed file is checked when the pack is applied. */
const SealSchema = z.object({
  signature: SignatureSchema,
  signedFile: z.optional(z.unknown()),
  claims: z.optional(z.object({ audience: z.optional(z.string()), expires: z.optional(z.string()) })),
});

export const SourceSchema = z.object({
  kind: z.enum(['default', 'file', 'url']),
  fileName: z.optional(z.string()),
  url: z.optional(z.string()),
  appliedAt: IsoDateTimeSchema,
  seal: z.optional(SealSchema),
});

/** A JWK as WebCrypto exports an Ed25519 or P-256 key: only those members are kept. */
const JwkSchema = z.object({
  kty: z.string(),
  crv: z.optional(z.string()),
  x: z.optional(z.string()),
  y: z.optional(z.string()),
  d: z.optional(z.string()),
  alg: z.optional(z.string()),
  ext: z.optional(z.boolean()),
  key_ops: z.optional(z.array(z.string())),
});

const DiffItemSchema = z.object({ id: z.string(), title: z.string() });
const DiffItems = z.array(DiffItemSchema);
const FromTo = z.object({ from: z.number(), to: z.number() });
const PackRefSchema = z.object({ id: z.string(), version: z.number(), name: z.string() });
/** utils/sync/types.ts PackDiff. */
const PackDiffSchema = z.object({
  from: PackRefSchema,
  to: PackRefSchema,
  templates: z.object({ added: DiffItems, changed: DiffItems, retired: DiffItems, removed: DiffItems, approved: DiffItems }),
  playbooks: z.object({ added: DiffItems, changed: DiffItems, removed: DiffItems }),
  brandKit: z.object({
    colorsAdded: DiffItems,
    colorsRemoved: DiffItems,
    colorsChanged: DiffItems,
    colorsReordered: z.boolean(),
    tolerance: z.optional(FromTo),
    minOnPaletteShare: z.optional(FromTo),
    nameChanged: z.optional(z.object({ from: z.string(), to: z.string() })),
    copyRules: z.array(
      z.union([
        z.object({
          kind: z.enum(['banned-added', 'banned-removed', 'hashtag-added', 'hashtag-removed']),
          value: z.string(),
        }),
        z.object({ kind: z.literal('disclaimer-changed'), from: z.optional(z.string()), to: z.optional(z.string()) }),
        z.object({
          kind: z.literal('max-length-changed'),
          platform: z.string(),
          from: z.optional(z.number()),
          to: z.optional(z.number()),
        }),
      ]),
    ),
  }),
  empty: z.boolean(),
});

const FailureCodeSchema = z.enum([
  'network',
  'timeout',
  'http',
  'too-large',
  'invalid-json',
  'invalid-pack',
  'unsigned',
  'bad-signature',
  'older-version',
  'permission',
  'redirect',
  'expired',
  'wrong-team-url',
  'rolled-back',
  'version-reused',
]);

/** utils/sync/types.ts SubscriptionState. */
const SubscriptionSchema = z.object({
  url: z.string(),
  autoApply: z.boolean(),
  trustHost: z.optional(z.boolean()),
  refreshMinutes: z.number().check(z.positive()),
  subscribedAt: z.string(),
  etag: z.optional(z.string()),
  lastModified: z.optional(z.string()),
  lastCheckedAt: z.optional(z.string()),
  lastOutcome: z.optional(
    z.union([
      z.object({
        kind: z.enum(['applied', 'pending', 'unchanged', 'not-modified']),
        at: z.string(),
        version: z.number(),
        note: z.optional(z.enum(['same-version-changed', 'needs-key'])),
      }),
      z.object({
        kind: z.literal('failed'),
        code: FailureCodeSchema,
        message: z.string(),
        status: z.optional(z.number()),
        at: z.string(),
        params: z.optional(
          z.object({
            offered: z.optional(z.number()),
            accepted: z.optional(z.number()),
            expires: z.optional(z.string()),
            audience: z.optional(z.string()),
            url: z.optional(z.string()),
          }),
        ),
      }),
    ]),
  ),
  failures: z.int().check(z.gte(0)),
  nextRetryAt: z.optional(z.string()),
});

/** What each record of a store keyed by its own field must be. */
export const VALUE_SCHEMAS: Record<Exclude<BackupStoreName, 'guidance' | 'syncState'>, z.ZodMiniType> = {
  templates: z.extend(TemplateSchema, { position: z.int().check(z.gte(0)) }),
  activityLog: ActivityLogEntrySchema,
  adCaptures: z.extend(AdCaptureSchema, {
    advertiserKey: z.optional(z.string()),
    deletedAt: z.optional(IsoDateTimeSchema),
    // Sparse (a hole where an item was saved): holes are kept as holes by decodeValue and the pipe below.
    mediaErrors: z.optional(z.array(z.optional(z.string()))),
    lastSeenAt: z.optional(IsoDateTimeSchema),
  }),
  followedAdvertisers: z.object({
    key: z.string().check(z.minLength(1)),
    library: AdLibrarySchema,
    name: z.string(),
    followedAt: IsoDateTimeSchema,
    lastVisitAt: z.optional(IsoDateTimeSchema),
    seenAdIds: z.array(z.string()),
  }),
  media: z.object({ id: z.string().check(z.minLength(1)), contentType: z.string(), sourceUrl: z.string() }),
  templateUsage: z.object({
    templateId: z.string().check(z.minLength(1)),
    count: z.int().check(z.gte(0)),
    lastUsedAt: IsoDateTimeSchema,
  }),
  testimonials: TestimonialSchema,
  outbox: z.object({
    id: z.string().check(z.minLength(1)),
    entry: ActivityLogEntrySchema,
    enqueuedAt: IsoDateTimeSchema,
    attempts: z.int().check(z.gte(0)),
    nextAttemptAt: IsoDateTimeSchema,
    leaseUntil: z.optional(IsoDateTimeSchema),
    lastError: z.optional(z.string()),
  }),
  packHistory: z.object({
    id: z.string().check(z.minLength(1)),
    pack: GuidancePackSchema,
    source: SourceSchema,
    archivedAt: IsoDateTimeSchema,
  }),
  personalTemplates: TemplateSchema,
};

/** The syncState store's records by key (utils/db/sync-state-repo.ts SyncStateRecords). */
export const SYNC_SCHEMAS: Record<string, z.ZodMiniType> = {
  proposalsSent: z.array(z.object({ proposal: ProposalFileSchema, sentAt: IsoDateTimeSchema })),
  proposalsQueue: z.array(
    z.object({
      proposal: ProposalFileSchema,
      fileName: z.optional(z.string()),
      receivedAt: IsoDateTimeSchema,
      decision: z.optional(ProposalDecisionSchema),
    }),
  ),
  subscription: SubscriptionSchema,
  pending: z.object({
    pack: GuidancePackSchema,
    diff: PackDiffSchema,
    fetchedAt: z.string(),
    url: z.string(),
    seal: z.optional(SealSchema),
  }),
  lastApplied: z.object({ diff: PackDiffSchema, at: z.string() }),
  webhook: z.object({
    url: z.string(),
    enabledAt: z.string(),
    delivered: z.int().check(z.gte(0)),
    lastDeliveryAt: z.optional(z.string()),
    lastFailure: z.optional(z.object({ message: z.string(), status: z.optional(z.number()), at: z.string() })),
    pausedUntil: z.optional(z.string()),
  }),
  pinnedKey: z.object({
    algorithm: AlgorithmSchema,
    publicKeyText: z.string(),
    fingerprint: z.string(),
    pinnedAt: z.string(),
  }),
  /** utils/sync/types.ts PackMarks: by pinned key fingerprint, then pack id. */
  packMarks: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        version: z.int().check(z.gte(1)),
        digest: z.string(),
        acceptedAt: z.string(),
        expires: z.optional(z.string()),
      }),
    ),
  ),
  publishing: z.object({ audience: z.string(), expiresInDays: z.nullable(z.int().check(z.gte(1))) }),
  signingKey: z.object({
    algorithm: AlgorithmSchema,
    publicKeyText: z.string(),
    fingerprint: z.string(),
    createdAt: z.string(),
    publicJwk: JwkSchema,
    privateJwk: z.optional(z.extend(JwkSchema, { d: z.string() })),
  }),
};

/** The pack in use: its header (a pack without templates, parsed as a pack with none) and where it came from. */
export function parseGuidanceHeader(
  value: unknown,
): { success: true; data: Record<string, unknown> } | { success: false; error: z.core.$ZodError } {
  const { source, ...header } = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const pack = GuidancePackSchema.safeParse({ ...header, templates: [] });
  if (!pack.success) return pack;
  const parsedSource = z.object({ source: SourceSchema }).safeParse({ source });
  if (!parsedSource.success) return parsedSource;
  const { templates: _, ...parsedHeader } = pack.data;
  return { success: true, data: { ...parsedHeader, source: parsedSource.data.source } };
}

export const STORAGE_SCHEMAS: Record<(typeof STORAGE_KEYS)[number], z.ZodMiniType> = {
  settings: SettingsSchema,
  settings$: z.object({ v: z.int() }),
};
