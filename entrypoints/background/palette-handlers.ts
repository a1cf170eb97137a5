/**
 * The brand-palette check in the background: images from composers (and, through palette-menu.ts,
 * from the context menu) are decoded and checked against the kit in use; the latest reports are kept
 * in session storage for the side panel; each check is logged. Also saving the kit edited in the panel.
 */

import { browser } from 'wxt/browser';
import { newActivityEntry } from '@/utils/activity/new-entry';
import { analyse, imageLabel, logDetails, MAX_REPORTS, type PaletteReport } from '@/utils/brand/report';
import {
  type Crop,
  type DecodedImage,
  DecodeError,
  type DecodeOptions,
  decodeImage,
  rgbaToPngDataUrl,
} from '@/utils/color/decode';
import type { RgbaImage } from '@/utils/color/image';
import { appendActivity } from '@/utils/db/activity-log-repo';
import { replaceBrandKit } from '@/utils/db/brand-kit-repo';
import type { DalilDatabase } from '@/utils/db/open';
import type { ChangeBroadcast, PaletteReportList } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';
import type { ActivityLogEntry } from '@/utils/schemas/activity-log';
import type { BrandKit } from '@/utils/schemas/brand-kit';
import { dataUrlToBlob } from '@/utils/swipe-file/media-download';
import { backgroundSvgRasterizer, openReportView } from './palette-browser';
import { Refusal } from './refusals';
import { createTabRateLimiter, IMAGE_CHECK_LIMIT } from './tab-rate-limit';

type PaletteMessages =
  | 'panel.saveBrandKit'
  | 'panel.listPaletteReports'
  | 'panel.logPaletteCheck'
  | 'content.checkImage'
  | 'content.openPaletteReport'
  | 'content.getCopyRules';

/** Where the latest reports live: session storage (kept while the browser runs, never on disk). */
export interface ReportStore {
  list(): Promise<PaletteReportList>;
  add(report: PaletteReport): Promise<void>;
  requestOpen(reportId: string, at: string): Promise<void>;
}

export interface PaletteDeps {
  db: () => Promise<DalilDatabase>;
  actorName: () => Promise<string>;
  /** The kit of the pack in use (installing the default pack on first use). */
  brandKit: () => Promise<BrandKit>;
  broadcast: (topics: ChangeBroadcast['topics']) => void;
  /** The guidance handlers' own: broadcasts and tells content scripts the guidance changed. */
  changed: (topics: ChangeBroadcast['topics']) => void;
  now: () => string;
  reports?: ReportStore;
  decode?: (blob: Blob, options: DecodeOptions) => Promise<DecodedImage>;
  toDataUrl?: (image: RgbaImage) => Promise<string>;
  openView?: (where: { tabId?: number; windowId?: number }) => Promise<'side-panel' | 'tab'>;
  /** The background's log batcher (checks come in bursts: a post with several images); else one write each. */
  log?: (entry: ActivityLogEntry) => Promise<void>;
  /** Image checks from composers, per tab (IMAGE_CHECK_LIMIT); injectable for a test's clock. */
  imageCheckLimiter?: ReturnType<typeof createTabRateLimiter>;
}

/** Logged once when a tab's image checks start being refused, and the reply to each refused one. */
const RATE_LIMITED = `Too many image checks from this tab: ${IMAGE_CHECK_LIMIT.burst} at once, then one every ${IMAGE_CHECK_LIMIT.refillMs / 1000} s`;

export function sessionReportStore(area = browser.storage.session): ReportStore {
  // One read-modify-write at a time: two checks finishing together must not drop a report.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const read = async (): Promise<PaletteReportList> => {
    const stored = (await area.get(['paletteReports', 'paletteOpen'])) as {
      paletteReports?: PaletteReport[];
      paletteOpen?: PaletteReportList['open'];
    };
    return { reports: stored.paletteReports ?? [], open: stored.paletteOpen };
  };
  return {
    list: () => serial(read),
    add: (report) =>
      serial(async () => {
        const { reports } = await read();
        const next = [report, ...reports.filter((r) => r.id !== report.id)].slice(0, MAX_REPORTS);
        try {
          await area.set({ paletteReports: next });
        } catch {
          // Over the session quota (large images): keep this report alone rather than none.
          await area.set({ paletteReports: [report] });
        }
      }),
    requestOpen: (reportId, at) => serial(() => area.set({ paletteOpen: { reportId, at } })),
  };
}

export interface ImageMeta {
  origin: PaletteReport['origin'];
  via: PaletteReport['via'];
  label: string;
  pageUrl?: string;
  platform?: PaletteReport['platform'];
  crop?: Crop;
  /** The size of the image on the page, when the bytes are a scaled copy (composer attachments). */
  sourceSize?: { width: number; height: number };
}

export function paletteService(deps: PaletteDeps) {
  const reports = deps.reports ?? sessionReportStore();
  const decode = deps.decode ?? decodeImage;
  const toDataUrl = deps.toDataUrl ?? rgbaToPngDataUrl;
  const imageChecks = deps.imageCheckLimiter ?? createTabRateLimiter(IMAGE_CHECK_LIMIT);

  /** Decodes and checks one image; a failure becomes a report that says why, never an exception. */
  async function checkBlob(blob: Blob, meta: ImageMeta, id: string = crypto.randomUUID()): Promise<PaletteReport> {
    const base = {
      id,
      at: deps.now(),
      origin: meta.origin,
      via: meta.via,
      label: meta.label,
      ...(meta.pageUrl ? { pageUrl: meta.pageUrl } : {}),
      ...(meta.platform ? { platform: meta.platform } : {}),
    };
    try {
      const decoded = await decode(blob, { crop: meta.crop, rasterizeSvg: backgroundSvgRasterizer });
      const result = analyse(decoded, await deps.brandKit());
      return {
        ...base,
        ...result,
        image: {
          dataUrl: await toDataUrl(decoded.image),
          width: decoded.image.width,
          height: decoded.image.height,
          sourceWidth: meta.sourceSize?.width ?? decoded.sourceWidth,
          sourceHeight: meta.sourceSize?.height ?? decoded.sourceHeight,
          type: decoded.type,
        },
      };
    } catch (error) {
      return failed(base, error instanceof DecodeError ? error.code : 'undecodable', error);
    }
  }

  const logEntry = async (entry: ActivityLogEntry) => (deps.log ? deps.log(entry) : appendActivity(await deps.db(), [entry]));

  /** Keeps the report for the panel, logs the check, tells open panels. */
  async function record(report: PaletteReport): Promise<void> {
    const entry = newActivityEntry('palette.checked', await deps.actorName(), logDetails(report), {
      platform: report.platform,
      pageUrl: report.pageUrl,
    });
    await Promise.all([reports.add(report), logEntry(entry)]);
    // The batcher says 'log' itself once the entry is written.
    deps.broadcast(deps.log ? ['palette'] : ['palette', 'log']);
  }

  async function requestOpen(reportId: string): Promise<void> {
    await reports.requestOpen(reportId, deps.now());
    deps.broadcast(['palette']);
  }

  const handlers: Pick<Handlers, PaletteMessages> = {
    'panel.saveBrandKit': async ({ brandKit }) => {
      await deps.brandKit(); // installs the default pack on a first run
      const entry = newActivityEntry('pack.updated', await deps.actorName(), {
        part: 'brandKit',
        kit: brandKit.name,
        colors: brandKit.colors.length,
        deltaETolerance: brandKit.deltaETolerance,
        minOnPaletteShare: brandKit.minOnPaletteShare,
      });
      if (!(await replaceBrandKit(await deps.db(), brandKit, entry))) throw new Error('No guidance pack is installed');
      deps.changed(['guidance', 'log']);
      return { ok: true as const };
    },

    'panel.listPaletteReports': () => reports.list(),

    'panel.logPaletteCheck': async ({ origin, label, verdict, onPaletteShare, swatches, error }) => {
      const entry = newActivityEntry('palette.checked', await deps.actorName(), {
        origin,
        via: origin === 'file' ? 'file' : 'saved',
        image: label,
        verdict,
        onPaletteShare,
        swatches,
        error: error ?? null,
      });
      await logEntry(entry);
      if (!deps.log) deps.broadcast(['log']);
      return { ok: true as const };
    },

    // Composer attachments: the content script read the page's own blob:/data: copy (no network, no
    // tainted canvas: those URLs are the page's origin) and sent it as a PNG of at most 256 px.
    'content.checkImage': async ({ dataUrl, sourceWidth, sourceHeight, platform, pageUrl }, sender) => {
      // A page decides how many images its composer shows: past the limit, one log entry says checks
      // were refused, not one per refused image.
      const verdict = imageChecks.take(sender.tab?.id);
      if (verdict !== 'allowed') {
        if (verdict === 'refused') {
          const details = { origin: 'composer', via: 'page', image: imageLabel(pageUrl), verdict: 'error' };
          const entry = newActivityEntry(
            'palette.checked',
            await deps.actorName(),
            { ...details, onPaletteShare: null, swatches: 0, error: RATE_LIMITED },
            { platform, pageUrl },
          );
          await logEntry(entry);
          if (!deps.log) deps.broadcast(['log']);
        }
        throw new Refusal('rate-limited', RATE_LIMITED);
      }
      const report = await checkBlob(dataUrlToBlob(dataUrl), {
        origin: 'composer',
        via: 'page',
        label: imageLabel(pageUrl), // the attachment's blob: URL means nothing later; the page does
        pageUrl,
        platform,
        sourceSize: { width: sourceWidth, height: sourceHeight },
      });
      await record(report);
      return report.check
        ? { reportId: report.id, verdict: report.check.verdict, onPaletteShare: report.check.onPaletteShare }
        : { reportId: report.id, verdict: 'error' as const, error: report.error ?? 'unreadable' };
    },

    'content.openPaletteReport': async ({ reportId }, sender) => {
      // Before any await: the badge click's user gesture reaches sidePanel.open only synchronously.
      const opening = (deps.openView ?? openReportView)({ tabId: sender.tab?.id });
      await requestOpen(reportId);
      return { opened: await opening };
    },

    // The rules only: the content script never gets the rest of the kit or pack.
    'content.getCopyRules': async () => ({ copyRules: (await deps.brandKit()).copyRules }),
  };

  return { handlers, checkBlob, record, requestOpen };
}

export type PaletteService = ReturnType<typeof paletteService>;

export function failed(
  base: Omit<PaletteReport, 'swatches'>,
  code: string,
  error: unknown,
): PaletteReport & { error: string; errorCode: string } {
  return {
    ...base,
    swatches: [],
    errorCode: code,
    error: (error instanceof Error ? error.message : String(error)).slice(0, 300),
  };
}
