/**
 * The channels besides the runtime messages of ./protocol.ts, typed here so both ends import the
 * same type from this wall instead of one entrypoint importing another.
 */
import type { RestorePreview } from '../backup/format';
import type { Problem } from '../guidance/problems';
import type { ReplyContext } from '../platforms/adapter';
import type { Platform } from '../schemas/common';

/** Messages the background sends to a tab's content script (user actions the browser routes here). */
export type TabCommand = { type: 'dalil.open-picker' } | { type: 'dalil.save-testimonial' };

/** What the picker page (in its iframe) tells the content script over its MessagePort. */
export type PickerToContent =
  /** `cursor`: where the template's {{cursor}} puts the caret in `text` (UTF-16 offsets). */
  { type: 'insert'; templateId: string; text: string; cursor?: { start: number; end: number } } | { type: 'close' };

/** The first message the content script posts to the picker frame, carrying the port and the nonce. */
export interface PickerInit extends PickerOpening {
  type: 'dalil-picker-init';
  nonce: string;
}

/**
 * The frame is kept (hidden) between openings on a page, with the templates and their search index it
 * loaded: each later opening comes over its port, and each closing (it then draws nothing).
 */
export type ContentToPicker = ({ type: 'dalil-picker-open' } & PickerOpening) | { type: 'dalil-picker-closed' };

/** What one opening of the picker is for: the composer's platform, the reply's context. */
export interface PickerOpening {
  platform: Platform;
  context: ReplyContext;
  /** A template whose shortcut was typed but needs fill-in fields. */
  preselect?: string;
  /** The page's origin, for "Always use Dalil on this site" outside the six platforms. */
  origin: string;
}

/** What the background asks the offscreen document (entrypoints/offscreen/main.ts), and its answer. */
export type OffscreenRequest = { target: 'dalil-offscreen'; type: 'rasterize-svg'; svg: string; width: number; height: number };
export type OffscreenReply = { ok: true; dataUrl: string } | { ok: false; error: string };

/**
 * Ports for transfers too large for one runtime message (64 MiB): bytes travel as base64 chunks
 * (utils/messaging/port-link.ts), each acknowledged before more than a few are in flight. Closing
 * the port cancels; only extension pages may connect.
 */
export const BACKUP_CREATE_PORT = 'dalil.backup.create';
export const BACKUP_RESTORE_PORT = 'dalil.backup.restore';

/** Panel → background: make a backup; `ack` after each chunk is taken. */
export type BackupCreateRequest = { type: 'start'; includePrivateKey: boolean } | { type: 'ack' };
/** Background → panel, for every file sent for download (utils/export/port-download.ts): chunks with progress, then its name, or why it failed. */
export type PortDownloadReply =
  | { type: 'chunk'; data: string; done: number; total: number }
  | { type: 'end'; fileName: string; bytes: number }
  | { type: 'failed'; message: string };
/** The backup's zip, progress in media bytes. */
export type BackupCreateReply = PortDownloadReply;

/**
 * Panel → background: the manifest in chunks, then each media file the background asked for (or
 * that it is missing), then — after the preview — the person's confirmation. `ping` keeps the
 * worker awake while the person reads the preview.
 */
export type BackupRestoreRequest =
  | { type: 'manifest'; data: string; last: boolean }
  | { type: 'media'; file: string; data: string; last: boolean }
  | { type: 'missing'; file: string }
  | { type: 'confirm'; fileName: string; usePinnedKey: boolean }
  | { type: 'ping' };
/** Background → panel. Nothing is written before `confirm`; `restored` says it was, in one transaction. */
export type BackupRestoreReply =
  | { type: 'ack' }
  | { type: 'wanted'; files: string[] }
  | { type: 'preview'; preview: RestorePreview }
  | { type: 'problems'; problems: Problem[] }
  | { type: 'restored'; counts: Record<string, number>; warnings?: Problem[] };

export const SWIPE_EXPORT_PORT = 'dalil.swipe.export';
export const SWIPE_IMPORT_PORT = 'dalil.swipe.import';

/** Panel → background: a ZIP of these saved ads and their media; `ack` after each chunk (replies: PortDownloadReply). */
export type SwipeExportRequest = { type: 'start'; ids: string[] } | { type: 'ack' };

/**
 * Panel → background: a swipe-file export read by the panel — its ads in pages, then each media
 * file in chunks under its id in the file — and `end`. Nothing is written before `end`; then the
 * media, the ads and the log entry in one transaction.
 */
export type SwipeImportRequest =
  | { type: 'ads'; ads: unknown[] }
  | { type: 'media'; fileId: string; mediaType: string; data: string; last: boolean }
  | { type: 'end' };
export type SwipeImportReply =
  | { type: 'ack' }
  | { type: 'imported'; imported: number; problems: Problem[] }
  /** `writeFailed`: all of it arrived and the database refused it (nothing was written). */
  | { type: 'failed'; message: string; writeFailed?: boolean };
