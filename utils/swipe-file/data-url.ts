/** data: URLs carry media between the background and extension pages (runtime messages carry JSON, not bytes). */

export function bytesToDataUrl(bytes: Uint8Array, type: string): string {
  let binary = '';
  // In chunks: spreading megabytes into one fromCharCode call overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${type || 'application/octet-stream'};base64,${btoa(binary)}`;
}

/** A data: URL's media type and bytes; throws on anything else. */
export function dataUrlToBytes(dataUrl: string): { type: string; bytes: Uint8Array } {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) throw new Error('not a data: URL');
  const [, type, base64, data] = match;
  const text = base64 ? atob(data) : decodeURIComponent(data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return { type, bytes };
}
