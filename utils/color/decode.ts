/**
 * Image bytes → at most 256 × 256 RGBA pixels for the palette check, with `createImageBitmap` and
 * `OffscreenCanvas`: the same code in the background worker, the side panel and the offscreen
 * document. The image is scaled before its pixels are read back (a 12 MP photo is never copied
 * out whole): JPEG through WebCodecs' ImageDecoder at a reduced decode scale where there is one,
 * everything else through `createImageBitmap` with `resizeWidth`/`resizeHeight`.
 * JPEG, PNG, WebP, GIF (first frame), BMP, AVIF — and SVG, which needs a document to render in
 * (`rasterizeSvg`: an `<img>` in the side panel, the offscreen document for the worker).
 */
import { bytesToDataUrl } from '../swipe-file/data-url';
import { downscaleDimensions, type RgbaImage } from './image';

export type ImageType = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif' | 'svg';

export interface Size {
  width: number;
  height: number;
}

/** A rectangle of the source in its own pixels (for a screenshot: device pixels). */
export interface Crop {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
}

export interface DecodedImage {
  /** The pixels, scaled so neither side exceeds `maxSide`. */
  image: RgbaImage;
  type: ImageType | 'unknown';
  /** The size of the image (or crop) before scaling. */
  sourceWidth: number;
  sourceHeight: number;
  /** Decode time, including reading the pixels back. */
  ms: number;
}

export type DecodeErrorCode = 'empty' | 'too-large' | 'unsupported' | 'undecodable';

export class DecodeError extends Error {
  constructor(
    readonly code: DecodeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** Files above this are refused unread; creatives are a few MB. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
/** Larger images are refused before decoding: a small file can claim 30,000 × 30,000 pixels. */
export const MAX_IMAGE_PIXELS = 200_000_000;
/** Bytes read to find the size: a JPEG's EXIF and thumbnail come before its frame header. */
const HEADER_BYTES = 512 * 1024;

/** Renders SVG text at the given size in a context that can (a document); returns its pixels. */
export type SvgRasterizer = (svg: string, size: Size) => Promise<RgbaImage>;

export interface DecodeOptions {
  maxSide?: number;
  crop?: Crop;
  rasterizeSvg?: SvgRasterizer;
}

/** The format from the first bytes (file names and content types lie). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 6 && ascii(b, 0, 4) === 'GIF8') return 'gif';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp' && /^avi[fs]$/.test(ascii(b, 8, 4))) return 'avif';
  // SVG: text, possibly after a BOM, an XML declaration, comments or a doctype.
  const start = new TextDecoder().decode(b.subarray(0, 1024)).replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(start)) return 'svg';
  return null;
}

const ascii = (b: Uint8Array, at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));

/**
 * Width and height as displayed, from the header alone: PNG, GIF, BMP, WebP (lossy, lossless,
 * extended) and JPEG (its frame header, swapped when EXIF orientation turns it by 90°, as browsers
 * show and decode it). null when the header is not there or not understood.
 */
export function imageSize(bytes: Uint8Array): Size | null {
  const type = sniffImageType(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ok = (size: Size) => (size.width > 0 && size.height > 0 ? size : null);
  try {
    switch (type) {
      case 'png':
        return ascii(bytes, 12, 4) === 'IHDR' ? ok({ width: view.getUint32(16), height: view.getUint32(20) }) : null;
      case 'gif':
        return ok({ width: view.getUint16(6, true), height: view.getUint16(8, true) });
      case 'bmp':
        return ok({ width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) });
      case 'webp':
        return webpSize(bytes, view);
      case 'jpeg':
        return jpegSize(bytes, view);
      default:
        return null;
    }
  } catch {
    return null; // a RangeError: the header is cut short
  }
}

function webpSize(bytes: Uint8Array, view: DataView): Size | null {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X') {
    const w = 1 + (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16));
    const h = 1 + (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16));
    return { width: w, height: h };
  }
  if (chunk === 'VP8L' && bytes[20] === 0x2f) {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a) {
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  return null;
}

function jpegSize(bytes: Uint8Array, view: DataView): Size | null {
  const frame = jpegFrame(bytes, view);
  if (!frame) return null;
  return frame.orientation >= 5 ? { width: frame.height, height: frame.width } : { width: frame.width, height: frame.height };
}

/** A JPEG's stored size and EXIF orientation (1 when it has none). */
function jpegFrame(bytes: Uint8Array, view: DataView): (Size & { orientation: number }) | null {
  let orientation = 1;
  for (let at = 2; at + 9 < bytes.length; ) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const length = view.getUint16(at + 2);
    if (marker === 0xe1 && ascii(bytes, at + 4, 4) === 'Exif') orientation = exifOrientation(view, at + 10);
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC): the frame header with the size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = view.getUint16(at + 5);
      const width = view.getUint16(at + 7);
      return width === 0 || height === 0 ? null : { width, height, orientation };
    }
    at += 2 + length;
  }
  return null;
}

/** EXIF orientation (1–8) from the TIFF header at `tiff`; 1 when absent or unreadable. */
function exifOrientation(view: DataView, tiff: number): number {
  const little = view.getUint16(tiff) === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (view.getUint16(entry, little) === 0x0112) return view.getUint16(entry + 8, little);
  }
  return 1;
}

/** The size an SVG asks to be drawn at: width/height in px, else its viewBox, else 300 × 150 (as browsers do). */
export function svgSize(svg: string): Size {
  const tag = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']\\s*([\\d.]+)(px)?\\s*["']`, 'i').exec(tag);
  const w = Number(attr('width')?.[1]);
  const h = Number(attr('height')?.[1]);
  const box = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/i.exec(tag);
  const bw = Number(box?.[1]);
  const bh = Number(box?.[2]);
  const valid = (n: number) => Number.isFinite(n) && n > 0;
  if (valid(w) && valid(h)) return { width: w, height: h };
  if (valid(bw) && valid(bh)) {
    if (valid(w)) return { width: w, height: (w * bh) / bw };
    if (valid(h)) return { width: (h * bw) / bh, height: h };
    return { width: bw, height: bh };
  }
  return { width: 300, height: 150 };
}

/**
 * The part of a screenshot an element covers: its CSS-pixel rectangle times devicePixelRatio,
 * clipped to the screenshot. null when nothing of it is on screen.
 */
export function captureCrop(rect: { x: number; y: number; width: number; height: number }, dpr: number, shot: Size): Crop | null {
  const x0 = Math.max(0, Math.round(rect.x * dpr));
  const y0 = Math.max(0, Math.round(rect.y * dpr));
  const x1 = Math.min(shot.width, Math.round((rect.x + rect.width) * dpr));
  const y1 = Math.min(shot.height, Math.round((rect.y + rect.height) * dpr));
  return x1 - x0 >= 1 && y1 - y0 >= 1 ? { sx: x0, sy: y0, sw: x1 - x0, sh: y1 - y0 } : null;
}

/** Decodes image bytes to at most `maxSide` (default 256) pixels a side. Throws DecodeError. */
export async function decodeImage(blob: Blob, options: DecodeOptions = {}): Promise<DecodedImage> {
  const started = performance.now();
  const maxSide = options.maxSide ?? 256;
  if (blob.size === 0) throw new DecodeError('empty', 'The image is empty');
  if (blob.size > MAX_IMAGE_BYTES) {
    throw new DecodeError('too-large', `The image is ${(blob.size / 1048576).toFixed(0)} MB; at most 50 MB is read`);
  }
  const header = new Uint8Array(await blob.slice(0, HEADER_BYTES).arrayBuffer());
  const type = sniffImageType(header);
  if (type === 'svg') {
    if (!options.rasterizeSvg) throw new DecodeError('unsupported', 'SVG needs a page to be drawn in');
    const text = await blob.text();
    const natural = svgSize(text);
    const image = await options.rasterizeSvg(text, svgFit(natural, maxSide));
    return { image, type, sourceWidth: Math.round(natural.width), sourceHeight: Math.round(natural.height), ms: since(started) };
  }
  const size = options.crop ? { width: options.crop.sw, height: options.crop.sh } : imageSize(header);
  if (size && size.width * size.height > MAX_IMAGE_PIXELS) {
    throw new DecodeError('too-large', `The image is ${size.width} × ${size.height} pixels; at most 200 million are read`);
  }
  const target = size ? downscaleDimensions(size.width, size.height, maxSide) : undefined;
  const resize: ImageBitmapOptions =
    size && target && (target.width !== size.width || target.height !== size.height)
      ? { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'medium' }
      : {};
  // JPEG as stored (no EXIF turn or flip) where WebCodecs is there: decoded straight at the scale asked.
  if (type === 'jpeg' && size && target && !options.crop && resize.resizeWidth && jpegOrientation(header) === 1) {
    const image = await decodeJpegScaled(blob, target);
    if (image) return { image, type, sourceWidth: size.width, sourceHeight: size.height, ms: since(started) };
  }
  let bitmap: ImageBitmap;
  try {
    const { crop } = options;
    bitmap = crop
      ? await createImageBitmap(blob, crop.sx, crop.sy, crop.sw, crop.sh, resize)
      : await createImageBitmap(blob, resize);
  } catch (error) {
    throw new DecodeError(
      type ? 'undecodable' : 'unsupported',
      type ? `The ${type.toUpperCase()} image could not be decoded` : `Not an image this browser reads (${String(error)})`,
    );
  }
  try {
    // Unknown header (AVIF, a truncated file): the bitmap came at full size; scale it while drawing.
    const out = downscaleDimensions(bitmap.width, bitmap.height, maxSide);
    const image = readPixels(bitmap, out);
    return {
      image,
      type: type ?? 'unknown',
      sourceWidth: size?.width ?? bitmap.width,
      sourceHeight: size?.height ?? bitmap.height,
      ms: since(started),
    };
  } finally {
    bitmap.close();
  }
}

function jpegOrientation(header: Uint8Array): number {
  try {
    return jpegFrame(header, new DataView(header.buffer, header.byteOffset, header.byteLength))?.orientation ?? 0;
  } catch {
    return 0;
  }
}

interface ScaledDecoder {
  decode(): Promise<{ image: CanvasImageSource & { close(): void } }>;
  close(): void;
}
type ScaledDecoderInit = { data: ReadableStream<Uint8Array>; type: string; desiredWidth: number; desiredHeight: number };
/** WebCodecs' ImageDecoder: in pages and dedicated workers, not in service workers. */
const ImageDecoderCtor = (globalThis as { ImageDecoder?: new (init: ScaledDecoderInit) => ScaledDecoder }).ImageDecoder;

/**
 * createImageBitmap's resize options scale after a full decode (Chromium 156: ~70 ms for a 12 MP
 * JPEG at any quality setting); ImageDecoder with a desired size lets libjpeg decode at 1/2, 1/4 or
 * 1/8 scale (~20 ms). null when it is not available or fails: the caller takes the bitmap path.
 */
async function decodeJpegScaled(blob: Blob, target: Size): Promise<RgbaImage | null> {
  if (!ImageDecoderCtor) return null;
  let decoder: ScaledDecoder | undefined;
  try {
    decoder = new ImageDecoderCtor({
      data: blob.stream(),
      type: 'image/jpeg',
      desiredWidth: target.width,
      desiredHeight: target.height,
    });
    const { image } = await decoder.decode();
    try {
      return readPixels(image, target);
    } finally {
      image.close();
    }
  } catch {
    return null;
  } finally {
    decoder?.close();
  }
}

const since = (started: number) => Math.round((performance.now() - started) * 10) / 10;

/** An SVG's natural size, scaled so its longer side is `maxSide`: vectors are drawn at the size we read. */
function svgFit(size: Size, maxSide: number): Size {
  const scale = maxSide / Math.max(size.width, size.height);
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

function readPixels(source: CanvasImageSource, size: Size): RgbaImage {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new DecodeError('undecodable', 'No 2D canvas to read the image with');
  context.imageSmoothingQuality = 'medium';
  context.drawImage(source, 0, 0, size.width, size.height);
  const { data, width, height } = context.getImageData(0, 0, size.width, size.height);
  return { data, width, height };
}

/**
 * Draws SVG text with an `<img>` (no scripts, no external loads: an image, not a document) and
 * reads its pixels. Needs a document: the side panel, the offscreen document, Firefox's background page.
 */
export async function rasterizeSvgInDocument(svg: string, size: Size): Promise<RgbaImage> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image(size.width, size.height);
    img.src = url;
    await img.decode().catch(() => {
      throw new DecodeError('undecodable', 'The SVG image could not be drawn');
    });
    return readPixels(img, size);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Pixels as a PNG data: URL, for a report that travels in a message or session storage. */
export async function rgbaToPngDataUrl(image: RgbaImage): Promise<string> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  if (!context) throw new DecodeError('undecodable', 'No 2D canvas');
  const data = new Uint8ClampedArray(image.width * image.height * 4);
  data.set(image.data.subarray(0, data.length));
  context.putImageData(new ImageData(data, image.width, image.height), 0, 0);
  const png = await canvas.convertToBlob({ type: 'image/png' });
  return bytesToDataUrl(new Uint8Array(await png.arrayBuffer()), png.type);
}
