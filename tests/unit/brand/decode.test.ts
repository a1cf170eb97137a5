import { describe, expect, it } from 'vitest';
import { captureCrop, DecodeError, decodeImage, imageSize, sniffImageType, svgSize } from '../../../utils/color/decode';

const bytes = (...parts: Array<number[] | string>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));
const u16be = (n: number) => [n >> 8, n & 255];
const u16le = (n: number) => [n & 255, n >> 8];
const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];

const png = (w: number, h: number) =>
  bytes([0x89], 'PNG\r\n', [0x1a, 0x0a], u32be(13), 'IHDR', u32be(w), u32be(h), [8, 6, 0, 0, 0]);
const gif = (w: number, h: number) => bytes('GIF89a', u16le(w), u16le(h), [0, 0, 0]);
const bmp = (w: number, h: number) => bytes('BM', new Array(16).fill(0), u32le(w), u32le(h), [1, 0, 32, 0]);

/** SOI, optional APP1 Exif (orientation), an APP0, then SOF0 with the size. */
function jpeg(w: number, h: number, orientation?: number, littleEndian = false) {
  const app0 = bytes([0xff, 0xe0], u16be(16), 'JFIF\0', new Array(9).fill(0));
  let app1 = new Uint8Array();
  if (orientation !== undefined) {
    const u16 = littleEndian ? u16le : u16be;
    const u32 = littleEndian ? u32le : u32be;
    const tiff = bytes(
      littleEndian ? 'II' : 'MM',
      u16(42),
      u32(8),
      u16(1),
      u16(0x0112),
      u16(3),
      u32(1),
      u16(orientation),
      [0, 0],
      u32(0),
    );
    app1 = bytes([0xff, 0xe1], u16be(2 + 6 + tiff.length), 'Exif\0\0', Array.from(tiff));
  }
  const sof = bytes([0xff, 0xc0], u16be(17), [8], u16be(h), u16be(w), [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return bytes([0xff, 0xd8], Array.from(app0), Array.from(app1), Array.from(sof));
}

const riff = (chunk: string, payload: number[]) =>
  bytes('RIFF', u32le(4 + 8 + payload.length), 'WEBP', chunk, u32le(payload.length), payload);

describe('image headers', () => {
  it('tells the format from the bytes', () => {
    expect(sniffImageType(png(1, 1))).toBe('png');
    expect(sniffImageType(gif(1, 1))).toBe('gif');
    expect(sniffImageType(jpeg(1, 1))).toBe('jpeg');
    expect(sniffImageType(bmp(1, 1))).toBe('bmp');
    expect(sniffImageType(riff('VP8X', new Array(10).fill(0)))).toBe('webp');
    expect(sniffImageType(bytes(u32be(28), 'ftypavif', u32be(0)))).toBe('avif');
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    const utf8 = new TextEncoder().encode('\uFEFF<?xml version="1.0"?>\n<!-- صنع يدوي -->\n<!DOCTYPE svg>\n<svg>');
    expect(sniffImageType(utf8)).toBe('svg');
    expect(sniffImageType(bytes('<html><svg></svg></html>'))).toBeNull();
    expect(sniffImageType(bytes('hello'))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });

  it('reads the size of PNG, GIF, BMP and JPEG without decoding', () => {
    expect(imageSize(png(4000, 3000))).toEqual({ width: 4000, height: 3000 });
    expect(imageSize(gif(320, 50))).toEqual({ width: 320, height: 50 });
    expect(imageSize(bmp(640, 480))).toEqual({ width: 640, height: 480 });
    expect(imageSize(jpeg(4032, 3024))).toEqual({ width: 4032, height: 3024 });
  });

  it('swaps a JPEG’s sides when EXIF turns it by 90°, as browsers display and decode it', () => {
    expect(imageSize(jpeg(4032, 3024, 6))).toEqual({ width: 3024, height: 4032 });
    expect(imageSize(jpeg(4032, 3024, 8, true))).toEqual({ width: 3024, height: 4032 });
    expect(imageSize(jpeg(4032, 3024, 3))).toEqual({ width: 4032, height: 3024 });
    expect(imageSize(jpeg(4032, 3024, 1, true))).toEqual({ width: 4032, height: 3024 });
  });

  it('reads the size of lossy, lossless and extended WebP', () => {
    // VP8X: 24-bit width−1 and height−1.
    expect(imageSize(riff('VP8X', [0, 0, 0, 0, ...u32le(1919).slice(0, 3), ...u32le(1079).slice(0, 3)]))).toEqual({
      width: 1920,
      height: 1080,
    });
    // VP8L: signature 0x2f, then 14 bits width−1, 14 bits height−1.
    const bits = (799 | (599 << 14)) >>> 0;
    expect(imageSize(riff('VP8L', [0x2f, ...u32le(bits)]))).toEqual({ width: 800, height: 600 });
    // VP8: frame tag (3 bytes), start code 9d 01 2a, 14-bit width and height.
    expect(imageSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...u16le(1024), ...u16le(768)]))).toEqual({
      width: 1024,
      height: 768,
    });
  });

  it('gives up on cut or foreign headers instead of guessing', () => {
    expect(imageSize(png(10, 10).subarray(0, 18))).toBeNull();
    expect(imageSize(jpeg(10, 10).subarray(0, 12))).toBeNull();
    expect(imageSize(png(0, 10))).toBeNull();
    expect(imageSize(bytes('not an image at all'))).toBeNull();
  });
});

describe('SVG size', () => {
  it('uses width and height, else the viewBox, else 300 × 150', () => {
    expect(svgSize('<svg width="120" height="80px">')).toEqual({ width: 120, height: 80 });
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 600">')).toEqual({ width: 1200, height: 600 });
    expect(svgSize('<svg viewBox="-10,-10 200,100" width="400">')).toEqual({ width: 400, height: 200 });
    expect(svgSize('<svg viewBox="0 0 200 100" height="50">')).toEqual({ width: 100, height: 50 });
    expect(svgSize('<svg width="100%" height="100%">')).toEqual({ width: 300, height: 150 });
    expect(svgSize('<svg>')).toEqual({ width: 300, height: 150 });
  });
});

describe('screenshot crop', () => {
  it('scales the CSS rectangle to screenshot pixels and clips it to the screenshot', () => {
    expect(captureCrop({ x: 10, y: 20, width: 100, height: 50 }, 2, { width: 800, height: 600 })).toEqual({
      sx: 20,
      sy: 40,
      sw: 200,
      sh: 100,
    });
    // Partly scrolled off the top and the right edge: only the visible part.
    expect(captureCrop({ x: 350, y: -30, width: 100, height: 100 }, 1, { width: 400, height: 300 })).toEqual({
      sx: 350,
      sy: 0,
      sw: 50,
      sh: 70,
    });
    expect(captureCrop({ x: 10, y: 400, width: 50, height: 50 }, 1, { width: 400, height: 300 })).toBeNull();
    expect(captureCrop({ x: 1.25, y: 1.25, width: 10.5, height: 10.5 }, 1.5, { width: 100, height: 100 })).toEqual({
      sx: 2,
      sy: 2,
      sw: 16,
      sh: 16,
    });
  });
});

describe('decodeImage before any pixels', () => {
  const fails = async (blob: Blob, code: string) => {
    const error = await decodeImage(blob).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).code).toBe(code);
  };

  it('refuses empty files, images claiming too many pixels, and SVG without a page to draw it', async () => {
    await fails(new Blob([]), 'empty');
    await fails(new Blob([png(30_000, 30_000)]), 'too-large');
    await fails(new Blob(['<svg width="10" height="10"></svg>'], { type: 'image/svg+xml' }), 'unsupported');
  });

  it('draws SVG at the checked size: the longer side 256, the shape kept', async () => {
    const asked: Array<{ width: number; height: number }> = [];
    const decoded = await decodeImage(new Blob(['<svg viewBox="0 0 40 10"></svg>']), {
      rasterizeSvg: async (_svg, size) => {
        asked.push(size);
        return { data: new Uint8ClampedArray(size.width * size.height * 4), ...size };
      },
    });
    expect(asked).toEqual([{ width: 256, height: 64 }]);
    expect(decoded).toMatchObject({ type: 'svg', sourceWidth: 40, sourceHeight: 10 });
    expect(decoded.image.width).toBe(256);
  });
});
