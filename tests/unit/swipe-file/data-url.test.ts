/**
 * Media crosses from the background to the panel as data: URLs: the bytes come back whole, with the browser's
 * own base64 (Chromium, Firefox) and without it (Node 20, older browsers).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bytesToDataUrl, dataUrlToBytes } from '../../../utils/swipe-file/data-url';

const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);
const proto = Uint8Array.prototype as unknown as { toBase64?: () => string };
const ctor = Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array };

describe('media as data: URLs', () => {
  afterEach(() => {
    delete proto.toBase64;
    delete ctor.fromBase64;
  });

  it('round-trips every byte value without the built-in base64', () => {
    const url = bytesToDataUrl(bytes, 'image/png');
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    expect(dataUrlToBytes(url)).toEqual({ type: 'image/png', bytes });
  });

  it("uses the browser's base64 when it has one, with the same text and bytes", () => {
    const plain = bytesToDataUrl(bytes, 'video/mp4');
    let used = 0;
    proto.toBase64 = function (this: Uint8Array) {
      used++;
      return Buffer.from(this).toString('base64');
    };
    ctor.fromBase64 = (text) => {
      used++;
      return new Uint8Array(Buffer.from(text, 'base64'));
    };
    expect(bytesToDataUrl(bytes, 'video/mp4')).toBe(plain);
    expect(dataUrlToBytes(plain).bytes).toEqual(bytes);
    expect(used).toBe(2);
  });

  it('reads a data: URL that is not base64, and refuses anything else', () => {
    expect(dataUrlToBytes('data:text/plain,a%20b')).toEqual({ type: 'text/plain', bytes: new TextEncoder().encode('a b') });
    expect(() => dataUrlToBytes('https://example.com/x.png')).toThrow('not a data: URL');
  });
});
