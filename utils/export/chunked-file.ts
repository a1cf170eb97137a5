/**
 * A file written a chunk at a time by an extension page, never held as one string or buffer: text is
 * gathered up to about a megabyte, then kept as a Blob part (Chromium and Firefox keep large blobs on disk,
 * not in the page's heap), and the file is one Blob made of the parts. For exports too large for one
 * string (V8 caps a string near 512 MB) or for the memory of a side panel.
 *
 *   const file = new ChunkedFile('text/csv;charset=utf-8');
 *   file.append(header); for (const page of pages) file.append(rows(page));
 *   downloadBlob('log.csv', file.toBlob());
 */
const PART_CHARS = 1 << 20;

export class ChunkedFile {
  private readonly parts: Blob[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  /** Bytes appended as bytes, and characters appended as text (a character is 1–3 bytes in UTF-8). */
  appended = 0;

  constructor(private readonly type: string) {}

  append(chunk: string | Uint8Array): void {
    if (typeof chunk === 'string') {
      this.pending.push(chunk);
      this.pendingChars += chunk.length;
      if (this.pendingChars >= PART_CHARS) this.flush();
    } else {
      this.flush();
      this.parts.push(new Blob([chunk as BlobPart]));
    }
    this.appended += chunk.length;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.parts.push(new Blob(this.pending));
    this.pending = [];
    this.pendingChars = 0;
  }

  /** The whole file. The parts are kept by the Blob, not copied into the page. */
  toBlob(): Blob {
    this.flush();
    return new Blob(this.parts, { type: this.type });
  }
}

/** Thrown by a cancelled export: nothing was downloaded. */
export class ExportCancelled extends Error {
  constructor() {
    super('Export cancelled');
    this.name = 'AbortError';
  }
}

/** Throws {@link ExportCancelled} once `signal` is aborted: call between chunks. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelled();
}
