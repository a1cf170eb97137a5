/** data: URLs carry media between the background and extension pages (runtime messages carry JSON, not bytes). */

/** Base64 built into the browser (Chromium 140+, Firefox 133+; not Node 20): a 36 kB image's loop of char codes was ~1 ms each way. */
interface NativeBase64 {
  fromBase64?: (text: string) => Uint8Array;
}
const native = () => Uint8Array as unknown as NativeBase64;
const toBase64Of = (bytes: Uint8Array) => (bytes as unknown as { toBase64?: () => string }).toBase64;

export function bytesToDataUrl(bytes: Uint8Array, type: string): string {
  const prefix = `data:${type || 'application/octet-stream'};base64,`;
  const toBase64 = toBase64Of(bytes);
  if (toBase64) return prefix + toBase64.call(bytes);
  let binary = '';
  // In chunks: spreading megabytes into one fromCharCode call overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return prefix + btoa(binary);
}

/** A data: URL's media type and bytes; throws on anything else. */
export function dataUrlToBytes(dataUrl: string): { type: string; bytes: Uint8Array } {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) throw new Error('not a data: URL');
  const [, type, base64, data] = match;
  const { fromBase64 } = native();
  if (base64 && fromBase64) return { type, bytes: fromBase64(data) };
  const text = base64 ? atob(data) : decodeURIComponent(data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return { type, bytes };
}
