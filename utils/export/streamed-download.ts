/**
 * A download written a chunk at a time, for files larger than a page should hold (a backup with
 * gigabytes of video, a million log rows). Each chunk becomes its own small Blob at once, so the
 * page's heap keeps none of it: Chromium's blob store moves blob bytes out of the page and onto
 * disk past its memory budget; Firefox keeps them in its parent process. The file is offered only
 * once complete: a cancelled or failed transfer leaves nothing half-written in Downloads.
 */
import { downloadBlob } from './download';

export interface StreamedDownload {
  write(chunk: Uint8Array): void;
  /** Bytes written so far. */
  readonly bytes: number;
  /** Offers the whole file as a download. */
  save(fileName: string): void;
  /** Drops what was written. */
  discard(): void;
}

export function createStreamedDownload(type: string): StreamedDownload {
  let parts: Blob[] = [];
  let bytes = 0;
  return {
    write(chunk) {
      parts.push(new Blob([chunk as BlobPart]));
      bytes += chunk.length;
    },
    get bytes() {
      return bytes;
    },
    save(fileName) {
      const blob = new Blob(parts, { type });
      parts = [];
      downloadBlob(fileName, blob);
    },
    discard() {
      parts = [];
    },
  };
}
