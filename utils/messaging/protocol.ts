/**
 * Every message between content scripts, extension pages (side panel) and the background, in one
 * map. Each entry names who may send it, the zod schema the background parses its payload with,
 * and (as a type) what the background answers. Names say their direction: `content.*` from
 * content scripts, `panel.*` from extension pages, `broadcast.*` from the background.
 */
import { z } from 'zod/mini';
import type { LogExportPage, LogPage, LogStats } from '../activity/log-types';
import type { RestorePreview } from '../backup/format';
import type { PaletteReport } from '../brand/report';
import type { Problem } from '../guidance/problems';
import type { ProposalImportOutcome, ProposalsView } from '../proposals/types';
import { ActivityKindSchema, type ActivityLogEntry } from '../schemas/activity-log';
import { AdCaptureSchema, AdLibrarySchema } from '../schemas/ad-capture';
import { BrandKitSchema, type CopyRules } from '../schemas/brand-kit';
import { IdSchema, PlatformSchema, TagSchema } from '../schemas/common';
import type { GuidancePack } from '../schemas/guidance-pack';
import { PlaybookSchema } from '../schemas/playbook';
import { ProposalDecisionKindSchema } from '../schemas/proposal';
import type { FollowedSummary, ListPage, PackSource, StoredAd } from '../schemas/stored-records';
import { TeamUrl } from '../schemas/team-url';
import { type Template, TemplateSchema, TemplateStatusSchema } from '../schemas/template';
import type { Testimonial } from '../schemas/testimonial';
import type { AdPage, SwipeFacets } from '../swipe-file/swipe-filter';
import type { PackDiff, SyncStatus } from '../sync/types';
import type { LocalBoardComment, LocalSharedBoard, SharedAdDetails, SharedBoardsStatus } from '../workspace/boards-types';
import type { CheckResult } from '../workspace/check';
import type { ProposalExchangeView, WorkspaceStatus } from '../workspace/types';

/**
 * `extension`: our own pages (side panel, options). `content`: our content scripts in web pages.
 * `picker`: the picker page, framed inside a web page: only what it needs (PICKER below).
 */
export type SenderKind = 'extension' | 'content' | 'picker';

/** The picker reads the guidance and the use counts, and turns Dalil on for its own tab's site; nothing else. */
const PICKER = ['extension', 'picker'] as const;

interface MessageSpec<Req extends z.ZodMiniType, Res, From extends readonly SenderKind[] = readonly SenderKind[]> {
  /** Who may send it; kept as written, so a sender's type offers only its own messages (`MessageFrom`). */
  from: From;
  request: Req;
  /** Phantom: only its type is used. */
  response?: Res;
}
const message =
  <Res>() =>
  <const From extends readonly SenderKind[], Req extends z.ZodMiniType>(
    from: From,
    request: Req,
  ): MessageSpec<Req, Res, From> => ({
    from,
    request,
  });

const Empty = z.strictObject({});
/** A window onto a long list: a search and the page wanted. */
const ListWindow = z.strictObject({
  query: z.optional(z.string().check(z.maxLength(200))),
  offset: z.int().check(z.gte(0)),
  limit: z.int().check(z.gte(1), z.lte(500)),
});

/** What the side panel shows of the guidance in use. */
export interface GuidanceSnapshot {
  pack: GuidancePack;
  /** Problems found when the stored pack was read back; shown, never hidden. */
  storedProblems: Problem[];
  source: PackSource;
  /** Set when the pack came from the team's URL and this browser is an agent's: templates, kit and playbooks are read-only. */
  readOnly?: boolean;
}

/** A page of templates for the Templates tab: `matching` the search and filters, of `total` in the pack. */
export interface TemplatePage {
  items: Template[];
  matching: number;
  total: number;
}

/** A template without its text: what the side panel holds of every template (titles, shortcuts, filters). */
export type TemplateSummary = Omit<Template, 'body'>;

/** The guidance snapshot as the side panel holds it: templates without their text (pages of whole ones come from panel.listTemplates). */
export interface GuidanceSummary extends Omit<GuidanceSnapshot, 'pack'> {
  pack: Omit<GuidancePack, 'templates'> & { templates: TemplateSummary[] };
}

export type PackImportResult = { ok: true; snapshot: GuidanceSnapshot } | { ok: false; problems: Problem[] };
export type TemplateSaveResult = { ok: true; template: Template } | { ok: false; problems: Problem[] };

export interface ContentScriptStatus {
  tabId: number;
  platform: z.infer<typeof PlatformSchema>;
  url: string;
  at: string;
}

/**
 * A content script's shortcut table: the approved templates that have a shortcut or a pair, without their
 * bodies (a template's body is fetched on use with `content.getTemplate`), and the names variables fill in.
 */
export interface ContentShortcuts {
  entries: ShortcutEntry[];
  brandName: string;
  agentName: string;
}

/** One approved template as a composer needs it before it is used: what to match, and its pair by language. */
export interface ShortcutEntry {
  id: string;
  lang: string;
  shortcut?: string;
  pairId?: string;
}

/** Something a platform adapter expected and did not find: shown in the side panel. */
export interface AdapterHealth {
  platform: z.infer<typeof PlatformSchema>;
  problem: string;
  url: string;
  at: string;
}

const WebUrl = z.url({ protocol: /^https?$/ });
const IsoTime = z.iso.datetime({ offset: true });

/** A team's own endpoint or pack file (one rule for typed, policy and restored addresses). */
export { TeamUrl };

/** A team workspace's connection details, from the Settings form or the organisation's policy. */
export const WorkspaceDetailsSchema = z.strictObject({
  endpoint: TeamUrl,
  // S3's bucket names: 3–63 lower-case letters, digits, dots and hyphens.
  bucket: z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)),
  region: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/)),
  accessKeyId: z.string().check(z.minLength(1), z.maxLength(128)),
  secretAccessKey: z.string().check(z.minLength(1), z.maxLength(256)),
  person: z.string().check(z.minLength(1), z.maxLength(64)),
});

/** Follow or unfollow an advertiser: from the Swipe file tab (panel.*) or an ad library's card (content.*). */
const FollowAdvertiser = z.strictObject({
  key: z.string().check(z.minLength(3), z.maxLength(300)),
  library: AdLibrarySchema,
  name: z.string().check(z.maxLength(300)),
  follow: z.boolean(),
});

/** The most ads one page of the swipe file carries. */
export const MAX_ADS_PER_PAGE = 200;
const DayOrEmpty = z.union([z.literal(''), z.iso.date()]);
/** The swipe file's filters and sort (see utils/swipe-file/swipe-filter.ts). */
const SwipeFilterSchema = z.strictObject({
  library: z.union([z.literal('all'), AdLibrarySchema]),
  advertiser: z.string().check(z.maxLength(300)),
  active: z.enum(['all', 'active', 'inactive']),
  tag: z.string().check(z.maxLength(40)),
  board: z.string().check(z.maxLength(40)),
  from: DayOrEmpty,
  to: DayOrEmpty,
  minDays: z.int().check(z.gte(0), z.lte(100_000)),
  query: z.string().check(z.maxLength(500)),
  sort: z.enum(['captured', 'days']),
});
const AdTargetSchema = z.union([
  z.strictObject({ ids: z.array(IdSchema).check(z.maxLength(100_000)) }),
  z.strictObject({ filter: SwipeFilterSchema, except: z.array(IdSchema).check(z.maxLength(100_000)) }),
]);
const BulkAdActionSchema = z.union([
  z.strictObject({ kind: z.literal('delete') }),
  z.strictObject({
    kind: z.enum(['addTag', 'removeTag', 'addBoard', 'removeBoard']),
    value: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  }),
]);

/** The Log tab's range and filters (see utils/activity/log-types.ts). */
const LOG_FILTERS = {
  from: z.optional(IsoTime),
  to: z.optional(IsoTime),
  kinds: z.optional(z.array(ActivityKindSchema).check(z.maxLength(20))),
  platform: z.optional(PlatformSchema),
  actor: z.optional(z.string().check(z.maxLength(120))),
  templateId: z.optional(IdSchema),
  text: z.optional(z.string().check(z.maxLength(200))),
};

export type BackupResult = { ok: true; fileName: string; base64: string; bytes: number } | { ok: false; message: string };
export type RestoreResult =
  | { ok: true; counts: Record<string, number>; warnings?: Problem[] }
  | { ok: false; problems: Problem[] };
export type RestorePreviewResult = { ok: true; preview: RestorePreview } | { ok: false; problems: Problem[] };

export interface PaletteReportList {
  reports: PaletteReport[];
  /** Set by the context menu and the composer badges: the panel shows this report. */
  open?: { reportId: string; at: string };
}

export type ContentImageCheck =
  | { reportId: string; verdict: 'pass' | 'warn' | 'fail'; onPaletteShare: number }
  | { reportId: string; verdict: 'error'; error: string };

export const protocol = {
  'panel.getGuidance': message<GuidanceSnapshot>()(PICKER, Empty),
  'panel.getGuidanceSummary': message<GuidanceSummary>()(['extension'], Empty),
  /** A page of the Templates tab: the templates matching the search and filters, ranked, with counts. */
  'panel.listTemplates': message<TemplatePage>()(
    ['extension'],
    z.strictObject({
      query: z.optional(z.string().check(z.maxLength(200))),
      status: z.optional(TemplateStatusSchema),
      lang: z.optional(z.enum(['ar', 'en'])),
      offset: z.int().check(z.gte(0)),
      limit: z.int().check(z.gte(1), z.lte(200)),
    }),
  ),
  'panel.saveTemplate': message<TemplateSaveResult>()(['extension'], z.strictObject({ template: TemplateSchema })),
  'panel.duplicateTemplate': message<TemplateSaveResult>()(['extension'], z.strictObject({ id: IdSchema })),
  'panel.setTemplateStatus': message<TemplateSaveResult>()(
    ['extension'],
    z.strictObject({ id: IdSchema, status: TemplateStatusSchema }),
  ),
  /** The pack file's text: parsed and validated by the background, applied whole or not at all. */
  'panel.importPack': message<PackImportResult>()(
    ['extension'],
    z.strictObject({ text: z.string(), fileName: z.optional(z.string().check(z.maxLength(255))) }),
  ),
  'panel.exportPack': message<{ fileName: string; json: string }>()(['extension'], Empty),
  'panel.resetToDefaultPack': message<GuidanceSnapshot>()(['extension'], Empty),
  'panel.listLog': message<ActivityLogEntry[]>()(
    ['extension'],
    z.strictObject({ limit: z.optional(z.int().check(z.gte(1), z.lte(1000))) }),
  ),
  'panel.listContentScripts': message<ContentScriptStatus[]>()(['extension'], Empty),
  'panel.templateUsage': message<Record<string, number>>()(PICKER, Empty),
  /** A page of the testimonials matching the search, newest first (the panel holds only the pages near the screen). */
  'panel.listTestimonials': message<ListPage<Testimonial>>()(['extension'], ListWindow),
  'panel.deleteTestimonial': message<{ ok: true }>()(['extension'], z.strictObject({ id: z.uuid() })),
  'panel.adapterHealth': message<AdapterHealth[]>()(['extension'], Empty),
  /** Sites (besides the six platforms) where the person turned Dalil on; needs their host permission. */
  'panel.listEnabledSites': message<string[]>()(['extension'], Empty),
  /** From the picker: only turning on the site of the tab it is in. */
  'panel.setSiteEnabled': message<{ ok: boolean; error?: string }>()(
    PICKER,
    z.strictObject({ origin: z.string().check(z.regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i)), enabled: z.boolean() }),
  ),
  /** A content script started on a supported page. */
  'content.hello': message<{ ok: true }>()(
    ['content'],
    z.strictObject({ platform: PlatformSchema, url: z.url({ protocol: /^https?$/ }) }),
  ),
  'panel.listAds': message<StoredAd[]>()(['extension'], Empty),
  /** Saved media as data: URLs (runtime messages carry JSON), by blob id. */
  'panel.getMedia': message<Record<string, string>>()(
    ['extension'],
    z.strictObject({ blobIds: z.array(z.string()).check(z.maxLength(200)) }),
  ),
  'panel.updateAd': message<{ ok: boolean }>()(
    ['extension'],
    z.strictObject({
      id: IdSchema,
      tags: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))).check(z.maxLength(50)),
      boards: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))).check(z.maxLength(50)),
      note: z.optional(z.string().check(z.maxLength(5000))),
    }),
  ),
  'panel.deleteAds': message<{ deleted: number }>()(
    ['extension'],
    z.strictObject({ ids: z.array(IdSchema).check(z.maxLength(10000)) }),
  ),
  'panel.undoDeleteAds': message<{ restored: number }>()(
    ['extension'],
    z.strictObject({ ids: z.array(IdSchema).check(z.maxLength(10000)) }),
  ),
  /** Retry media: queues again the failed (not refused) media items of these saved ads. */
  'panel.retryMedia': message<{ queued: number }>()(
    ['extension'],
    z.strictObject({ ids: z.array(IdSchema).check(z.minLength(1), z.maxLength(10000)) }),
  ),
  'panel.followAdvertiser': message<{ ok: true }>()(['extension'], FollowAdvertiser),
  /** Saved ads' media downloading now (a panel opened mid-download; then broadcast.mediaProgress). */
  'panel.mediaProgress': message<MediaProgressBroadcast['ads']>()(['extension'], Empty),
  /** The follow button the content script adds to an ad library's cards. */
  'content.followAdvertiser': message<{ ok: true }>()(['content'], FollowAdvertiser),
  /** A page of the followed advertisers matching the search, newest followed first, each with its saved ads counted. */
  'panel.listFollowed': message<ListPage<FollowedSummary>>()(['extension'], ListWindow),
  /** A swipe-file export read back in: the ads and their media (data: URLs by blob id). */
  'panel.importAds': message<{ imported: number; problems: Problem[] }>()(
    ['extension'],
    z.strictObject({
      ads: z.array(z.unknown()).check(z.maxLength(10000)),
      media: z.record(z.string(), z.string()),
    }),
  ),

  /** A page of the swipe file for the panel's filters and sort, with the counts (the panel shows only what is on screen). */
  'panel.queryAds': message<AdPage>()(
    ['extension'],
    z.strictObject({
      filter: SwipeFilterSchema,
      offset: z.int().check(z.gte(0)),
      limit: z.int().check(z.gte(1), z.lte(MAX_ADS_PER_PAGE)),
    }),
  ),
  /** Saved ads by id: the ones a change named, the one a detail shows. */
  'panel.getAds': message<StoredAd[]>()(
    ['extension'],
    z.strictObject({ ids: z.array(IdSchema).check(z.maxLength(MAX_ADS_PER_PAGE)) }),
  ),
  /** Every ad of an advertiser (by advertiser key), newest first: their palette. */
  'panel.advertiserAds': message<StoredAd[]>()(
    ['extension'],
    z.strictObject({ key: z.string().check(z.minLength(1), z.maxLength(400)) }),
  ),
  /** The filters' values (advertisers, tags, boards). */
  'panel.swipeFacets': message<SwipeFacets>()(['extension'], Empty),
  /** How many ads a target covers (a selection of "all matching" but some). */
  'panel.countAds': message<{ count: number }>()(['extension'], z.strictObject({ target: AdTargetSchema })),
  /** The ids of a target, in the swipe file's order, a page at a time: an export reads the ads behind them in pages. */
  'panel.targetAdIds': message<{ ids: string[]; total: number }>()(
    ['extension'],
    z.strictObject({ target: AdTargetSchema, offset: z.int().check(z.gte(0)), limit: z.int().check(z.gte(1), z.lte(5000)) }),
  ),
  /**
   * A bulk action over a target (thousands of ads): done in chunks, each its own transaction, with
   * `broadcast.progress` after each; `panel.cancelOperation` stops it between chunks (what is done stays done).
   */
  'panel.bulkAds': message<{ changed: number; ids: string[]; cancelled: boolean }>()(
    ['extension'],
    z.strictObject({ operationId: z.uuid(), target: AdTargetSchema, action: BulkAdActionSchema }),
  ),
  'panel.cancelOperation': message<{ ok: boolean }>()(['extension'], z.strictObject({ operationId: z.uuid() })),

  'content.getShortcuts': message<ContentShortcuts>()(['content'], Empty),
  /** An approved template when its shortcut is used; none for a draft, a retired or an unknown id. */
  'content.getTemplate': message<{ template?: Template }>()(['content'], z.strictObject({ id: IdSchema })),
  /** Save control or "Save all visible" on an ad-library page; media are downloaded by the background. */
  'content.saveAds': message<{ saved: string[] }>()(
    ['content'],
    z.strictObject({ ads: z.array(AdCaptureSchema).check(z.minLength(1), z.maxLength(500)), bulk: z.boolean() }),
  ),
  /** The ads a library page shows: refreshes saved ones, and tells which are saved or new since the last visit. */
  'content.pageAds': message<{ saved: string[]; newSince: string[]; followed: string[] }>()(
    ['content'],
    z.strictObject({ ads: z.array(AdCaptureSchema).check(z.maxLength(2000)) }),
  ),
  'content.logInsertion': message<{ ok: true }>()(
    ['content'],
    z.strictObject({
      templateId: IdSchema,
      platform: PlatformSchema,
      pageUrl: WebUrl,
      technique: z.enum(['paste', 'execCommand', 'nativeSetter', 'clipboard']),
      editor: z.string().check(z.maxLength(40)),
      landed: z.boolean(),
      via: z.enum(['shortcut', 'picker']),
      /** The template whose shortcut was typed, when its pair in the comment's language was inserted instead. */
      swappedFrom: z.optional(IdSchema),
      /** The comment's language that made the swap. */
      commentLanguage: z.optional(z.enum(['ar', 'en'])),
    }),
  ),
  'content.saveTestimonial': message<{ ok: true; id: string }>()(
    ['content'],
    z.strictObject({
      author: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
      text: z.string().check(z.trim(), z.minLength(1), z.maxLength(10000)),
      permalink: z.optional(WebUrl),
      platform: PlatformSchema,
      pageUrl: WebUrl,
    }),
  ),
  /** The brand kit edited in the Brand tab: replaces the kit of the pack in use, logged. */
  'panel.saveBrandKit': message<{ ok: true }>()(['extension'], z.strictObject({ brandKit: BrandKitSchema })),
  /** A playbook added to the pack in use (new id) or replacing the one with its id; refused for an agent following the team. */
  'panel.savePlaybook': message<{ ok: true } | { ok: false; problems: Problem[] }>()(
    ['extension'],
    z.strictObject({ playbook: PlaybookSchema }),
  ),
  /** Removes a playbook from the pack in use; refused (an error reply) for an agent following the team. */
  'panel.deletePlaybook': message<{ ok: true }>()(['extension'], z.strictObject({ id: IdSchema })),
  /** The latest palette reports (context menu, composers), newest first, and the one someone asked to open. */
  'panel.listPaletteReports': message<PaletteReportList>()(['extension'], Empty),
  /** A check the side panel ran itself (local files, saved ads): an activity-log entry. */
  'panel.logPaletteCheck': message<{ ok: true }>()(
    ['extension'],
    z.strictObject({
      origin: z.enum(['file', 'swipe']),
      label: z.string().check(z.maxLength(300)),
      verdict: z.enum(['pass', 'warn', 'fail', 'error']),
      onPaletteShare: z.nullable(z.number().check(z.gte(0), z.lte(1))),
      swatches: z.int().check(z.gte(0), z.lte(32)),
      error: z.optional(z.string().check(z.maxLength(300))),
    }),
  ),
  /** An image attached in a composer, read from the page's own copy and scaled to ≤256 px by the content script. */
  'content.checkImage': message<ContentImageCheck>()(
    ['content'],
    z.strictObject({
      dataUrl: z.string().check(z.maxLength(2_000_000), z.regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/)),
      sourceWidth: z.int().check(z.gte(1), z.lte(100_000)),
      sourceHeight: z.int().check(z.gte(1), z.lte(100_000)),
      platform: PlatformSchema,
      pageUrl: WebUrl,
    }),
  ),
  /** The person clicked a verdict badge: open that report in the side panel. */
  'content.openPaletteReport': message<{ opened: 'side-panel' | 'tab' }>()(['content'], z.strictObject({ reportId: z.uuid() })),
  /** The kit's copy rules, for the checklist beside a composer. */
  'content.getCopyRules': message<{ copyRules: CopyRules }>()(['content'], Empty),
  'content.reportHealth': message<{ ok: true }>()(
    ['content'],
    z.strictObject({ platform: PlatformSchema, problem: z.string().check(z.maxLength(200)), url: WebUrl }),
  ),

  // Team sync (see utils/sync/types.ts).
  'panel.syncStatus': message<SyncStatus>()(['extension'], Empty),
  /** The panel has asked for the URL's host permission first (it needs the click). */
  'panel.subscribe': message<SyncStatus>()(
    ['extension'],
    z.strictObject({
      url: TeamUrl,
      autoApply: z.boolean(),
      refreshMinutes: z.int().check(z.gte(5), z.lte(1440)),
      /** Auto-apply without a pinned key: the person's explicit choice. Absent: kept as it was for this address. */
      trustHost: z.optional(z.boolean()),
    }),
  ),
  'panel.unsubscribe': message<SyncStatus>()(['extension'], Empty),
  'panel.refreshPack': message<SyncStatus>()(['extension'], Empty),
  'panel.applyPendingUpdate': message<SyncStatus>()(['extension'], Empty),
  'panel.dismissPendingUpdate': message<SyncStatus>()(['extension'], Empty),
  'panel.restorePackVersion': message<SyncStatus>()(
    ['extension'],
    z.strictObject({ historyId: z.string().check(z.maxLength(200)) }),
  ),
  /** Diff of an imported file against the pack in use, before it is applied. */
  'panel.diffPack': message<{ ok: true; diff: PackDiff } | { ok: false; problems: Problem[] }>()(
    ['extension'],
    z.strictObject({ text: z.string() }),
  ),
  'panel.generateSigningKey': message<SyncStatus>()(['extension'], Empty),
  /** Explicit, warned export of the private key (JWK text). */
  'panel.exportSigningKey': message<{ fileName: string; json: string }>()(['extension'], Empty),
  'panel.pinPublicKey': message<{ ok: true; status: SyncStatus } | { ok: false; message: string }>()(
    ['extension'],
    z.strictObject({ publicKey: z.nullable(z.string().check(z.maxLength(400))) }),
  ),
  /** Manager: bump the version (optional), sign (optional), and hand back the pack file to publish. */
  'panel.publishPack': message<{
    fileName: string;
    json: string;
    version: number;
    signed: boolean;
    audience?: string;
    expires?: string;
  }>()(
    ['extension'],
    z.strictObject({
      bumpVersion: z.boolean(),
      sign: z.boolean(),
      /** The signed claims: the team URL it is published for, and days until it expires (null: never). */
      audience: z.optional(z.nullable(TeamUrl)),
      expiresInDays: z.optional(z.nullable(z.int().check(z.gte(1), z.lte(3650)))),
    }),
  ),
  'panel.setWebhook': message<SyncStatus>()(['extension'], z.strictObject({ url: z.nullable(TeamUrl) })),
  /** Try the webhook outbox now (the panel's "Retry now"). */
  'panel.flushOutbox': message<SyncStatus>()(['extension'], Empty),
  'panel.listPersonalTemplates': message<Template[]>()(['extension'], Empty),
  'panel.savePersonalTemplate': message<TemplateSaveResult>()(['extension'], z.strictObject({ template: TemplateSchema })),
  'panel.deletePersonalTemplate': message<{ ok: true }>()(['extension'], z.strictObject({ id: IdSchema })),

  // Agents propose, managers review (utils/proposals/, entrypoints/background/proposal-handlers.ts).
  'panel.proposeTemplate': message<{ proposalId: string; fileName: string; json: string }>()(
    ['extension'],
    z.strictObject({
      template: TemplateSchema,
      baseTemplateId: z.optional(IdSchema),
      note: z.optional(z.string().check(z.maxLength(1000))),
    }),
  ),
  'panel.listProposals': message<ProposalsView>()(['extension'], Empty),
  'panel.importProposals': message<{ outcomes: ProposalImportOutcome[] }>()(
    ['extension'],
    z.strictObject({
      files: z
        .array(z.strictObject({ name: z.string().check(z.maxLength(255)), text: z.string().check(z.maxLength(1_000_000)) }))
        .check(z.minLength(1), z.maxLength(500)),
    }),
  ),
  'panel.decideProposal': message<{ ok: true } | { ok: false; problems: Problem[] }>()(
    ['extension'],
    z.strictObject({
      proposalId: IdSchema,
      decision: ProposalDecisionKindSchema,
      comment: z.optional(z.string().check(z.maxLength(1000))),
      template: z.optional(TemplateSchema),
    }),
  ),

  // The Log tab (see utils/activity/log-types.ts).
  'panel.queryLog': message<LogPage>()(
    ['extension'],
    z.strictObject({
      ...LOG_FILTERS,
      limit: z.int().check(z.gte(1), z.lte(200_000)),
      count: z.optional(z.boolean()),
    }),
  ),
  /** How many entries match (the same filters, no limit): asked apart from the page, which it would slow. */
  'panel.countLog': message<number>()(
    ['extension'],
    // `upTo`: stop a text count one past it (see countLog); the tab shows "more than upTo" then.
    z.strictObject({ ...LOG_FILTERS, upTo: z.optional(z.int().check(z.gte(1), z.lte(1_000_000))) }),
  ),
  'panel.logStats': message<LogStats>()(['extension'], z.strictObject({ from: IsoTime, to: IsoTime })),
  /** One page of an export, oldest first, after `after` (the previous page's `next`): the file is written a page at a time. */
  'panel.exportLogPage': message<LogExportPage>()(
    ['extension'],
    z.strictObject({
      ...LOG_FILTERS,
      after: z.optional(z.strictObject({ at: IsoTime, id: z.string().check(z.minLength(1), z.maxLength(64)) })),
      size: z.int().check(z.gte(1), z.lte(20_000)),
    }),
  ),

  // Backup and restore: one zip file, base64 over messaging.
  'panel.createBackup': message<BackupResult>()(['extension'], z.strictObject({ includePrivateKey: z.boolean() })),
  /** What restoring the file would change; nothing is written. */
  'panel.previewRestore': message<RestorePreviewResult>()(
    ['extension'],
    z.strictObject({ base64: z.string(), fileName: z.optional(z.string().check(z.maxLength(255))) }),
  ),
  /** Restores the file; this browser's pinned key stays unless `usePinnedKey` takes the backup's. */
  'panel.restoreBackup': message<RestoreResult>()(
    ['extension'],
    z.strictObject({
      base64: z.string(),
      fileName: z.optional(z.string().check(z.maxLength(255))),
      usePinnedKey: z.optional(z.boolean()),
    }),
  ),

  // The team workspace on the team's own S3-compatible bucket (utils/workspace/). The secret goes in, never out.
  'panel.workspaceStatus': message<WorkspaceStatus>()(['extension'], Empty),
  /** Checks the connection with these details and keeps them only when the bucket can be used. */
  'panel.connectWorkspace': message<{ status: WorkspaceStatus; results: CheckResult[] }>()(['extension'], WorkspaceDetailsSchema),
  'panel.checkWorkspace': message<{ results: CheckResult[] }>()(['extension'], Empty),
  'panel.disconnectWorkspace': message<WorkspaceStatus>()(['extension'], Empty),
  /** Archives the log entries not yet in the workspace now (otherwise every few minutes). */
  'panel.archiveLogNow': message<WorkspaceStatus>()(['extension'], Empty),
  /** Proposals through the workspace now: send this person's, take new ones into a manager's queue, read answers. */
  'panel.exchangeProposalsNow': message<ProposalExchangeView>()(['extension'], Empty),
  /** A manager's published pack (panel.publishPack's json) put where agents follow it. */
  'panel.publishPackToWorkspace': message<{ url: string; key: string; version: number }>()(
    ['extension'],
    z.strictObject({ json: z.string().check(z.maxLength(8_000_000)) }),
  ),
  // Shared boards in the workspace (entrypoints/background/workspace-boards.ts).
  'panel.sharedBoards': message<SharedBoardsStatus>()(['extension'], Empty),
  /** Shares the board of this name here: it and its ads go to the workspace, and teammates see them. */
  'panel.shareBoard': message<{ board: LocalSharedBoard }>()(['extension'], z.strictObject({ name: TagSchema })),
  /** Sends what is queued and reads teammates' changes now (otherwise from an alarm, with backoff). */
  'panel.syncBoards': message<SharedBoardsStatus>()(['extension'], Empty),
  'panel.sharedAdDetails': message<SharedAdDetails>()(['extension'], z.strictObject({ adId: IdSchema })),
  'panel.addBoardComment': message<{ comment: LocalBoardComment }>()(
    ['extension'],
    z.strictObject({ adId: IdSchema, text: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)) }),
  ),
  /** Sets aside a teammate's note kept beside this one, once it has been read. */
  'panel.dismissNoteConflict': message<{ ok: true }>()(
    ['extension'],
    z.strictObject({ adId: IdSchema, by: z.string().check(z.maxLength(100)), at: z.string().check(z.maxLength(40)) }),
  ),
} as const;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
/** The messages `sender` may send: a content script cannot even name one meant for the extension's pages. */
export type MessageFrom<Sender extends SenderKind> = {
  [K in MessageType]: Sender extends Protocol[K]['from'][number] ? K : never;
}[MessageType];
export type RequestOf<K extends MessageType> = z.input<Protocol[K]['request']>;
export type ParsedRequestOf<K extends MessageType> = z.output<Protocol[K]['request']>;
export type ResponseOf<K extends MessageType> = NonNullable<Protocol[K]['response']>;

export type ErrorCode = 'unknown-type' | 'forbidden-sender' | 'invalid-payload' | 'failed';
export type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string; problems?: Problem[] } };

/**
 * Background → extension pages, a few times a second while saved ads' media download: per ad, its media
 * items stored of all it has, and the bytes this download has received so far. An ad leaves the map when
 * its downloads end (the `ads` change that follows shows the result); an empty map: nothing downloading.
 */
export interface MediaProgressBroadcast {
  type: 'broadcast.mediaProgress';
  ads: Record<string, { done: number; total: number; bytes: number }>;
}

/** Background → extension pages: something they show changed; they fetch it again. */
export interface ChangeBroadcast {
  type: 'broadcast.changed';
  topics: Array<'guidance' | 'log' | 'content-scripts' | 'testimonials' | 'ads' | 'palette' | 'sync'>;
  /** With `ads`: the saved ads that changed (the panel fetches those, not the whole list); absent when many did. */
  adIds?: string[];
}

/** Background → extension pages: how far a long operation has got (`operationId` from its request). */
export interface ProgressBroadcast {
  type: 'broadcast.progress';
  operationId: string;
  done: number;
  total: number;
}
