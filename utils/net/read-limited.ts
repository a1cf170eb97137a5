/**
 * A response's body as a Blob (typed by its Content-Type), or undefined as soon as it passes
 * `maxBytes`: the rest is never downloaded. Content-Length is not trusted alone (chunked bodies have
 * none, and a server may lie); the bytes are counted as they arrive.
 */
export async function readBodyLimited(
  response: Response,
  maxBytes: number,
  /** Told the bytes read so far as they arrive (a download's progress). */
  onBytes?: (received: number) => void,
): Promise<Blob | undefined> {
  const type = response.headers.get('content-type') ?? '';
  const reader = response.body?.getReader();
  if (!reader) {
    const blob = await response.blob();
    return blob.size > maxBytes ? undefined : blob;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
    onBytes?.(size);
  }
  return new Blob(chunks as BlobPart[], { type });
}
