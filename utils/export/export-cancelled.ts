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
