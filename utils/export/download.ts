/** Starts a download of `data` (text or bytes) from an extension page. */
export function downloadText(fileName: string, data: string | Uint8Array, type: string): void {
  downloadBlob(fileName, new Blob([data as BlobPart], { type }));
}

/** Starts a download of a Blob from an extension page (a service worker has no object URLs). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The download holds the Blob once started; the address is freed after it has had time to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
