/**
 * Reads a zip a piece at a time from something that can be sliced (a File): the central directory
 * first (at the end of the file), then each entry on demand, in chunks. Nothing is held whole.
 *
 * Why not fflate's streaming Unzip: zips written by fflate's Zip (and most streaming writers) give
 * each entry's sizes only after its data, in a data descriptor, and Unzip finds the end of a stored
 * entry by looking for the descriptor's signature — so a video that happens to hold those four
 * bytes would be cut there. The central directory has every entry's real size and offset.
 */
import { Inflate } from 'fflate';
import { crc32 } from './crc32';

/** Bytes by range: a File or Blob (fileSource), or bytes already in memory (bytesSource). */
export interface ZipSource {
  size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

export const fileSource = (file: Blob): ZipSource => ({
  size: file.size,
  read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
});

export const bytesSource = (bytes: Uint8Array): ZipSource => ({
  size: bytes.length,
  read: async (start, end) => bytes.subarray(start, end),
});

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  method: number;
  compressedSize: number;
  /** The size it declares unpacked: reading stops with an error past it. */
  size: number;
  crc: number;
  localHeaderOffset: number;
}

/** Why a zip could not be read: not a zip at all, or damaged (cut short, changed). */
export class ZipFormatError extends Error {
  constructor(
    readonly code: 'not-zip' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end record (22 bytes) plus the longest comment a zip may carry. */
const TAIL = 22 + 0xffff;

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/** True when the first bytes are a zip's ("PK"). */
export async function looksLikeZip(source: ZipSource): Promise<boolean> {
  const head = await source.read(0, 2);
  return head.length === 2 && head[0] === 0x50 && head[1] === 0x4b;
}

/** Every entry listed in the central directory; `maxEntries` stops a directory of millions before it is read. */
export async function readZipDirectory(source: ZipSource, options: { maxEntries?: number } = {}): Promise<ZipEntry[]> {
  if (!(await looksLikeZip(source))) throw new ZipFormatError('not-zip', 'not a zip file');
  const tailStart = Math.max(0, source.size - TAIL);
  const tail = await source.read(tailStart, source.size);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError('unreadable', 'no end of central directory: the zip is cut short');
  const count = u16(tail, end + 10);
  const directorySize = u32(tail, end + 12);
  const directoryOffset = u32(tail, end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipFormatError('unreadable', 'zip64 is not supported');
  if (options.maxEntries !== undefined && count > options.maxEntries) {
    throw new RangeError(`the zip lists ${count} entries`);
  }
  if (directoryOffset + directorySize > tailStart + end)
    throw new ZipFormatError('unreadable', 'the central directory is out of range');
  const directory = await source.read(directoryOffset, directoryOffset + directorySize);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || u32(directory, at) !== CENTRAL) {
      throw new ZipFormatError('unreadable', 'the central directory is damaged');
    }
    const nameLength = u16(directory, at + 28);
    const extraLength = u16(directory, at + 30);
    const commentLength = u16(directory, at + 32);
    const entry: ZipEntry = {
      name: decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)),
      method: u16(directory, at + 10),
      crc: u32(directory, at + 16),
      compressedSize: u32(directory, at + 20),
      size: u32(directory, at + 24),
      localHeaderOffset: u32(directory, at + 42),
    };
    if (entry.localHeaderOffset + 30 + entry.compressedSize > directoryOffset) {
      throw new ZipFormatError('unreadable', `${entry.name} lies outside the file`);
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export interface ReadEntryOptions {
  /** Packed bytes read per slice. Deflated entries read less at a time, so one slice cannot unpack to much. */
  chunkBytes?: number;
  signal?: AbortSignal;
}

/**
 * Streams one entry's unpacked bytes to `onChunk`, awaited before the next slice is read. Throws
 * ZipFormatError when the data unpacks to more or less than declared or its CRC does not match.
 */
export async function readZipEntry(
  source: ZipSource,
  entry: ZipEntry,
  onChunk: (bytes: Uint8Array) => void | Promise<void>,
  options: ReadEntryOptions = {},
): Promise<void> {
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipFormatError('unreadable', `${entry.name} uses compression method ${entry.method}`);
  }
  const header = await source.read(entry.localHeaderOffset, entry.localHeaderOffset + 30);
  if (header.length < 30 || u32(header, 0) !== LOCAL) throw new ZipFormatError('unreadable', `${entry.name}: no local header`);
  const start = entry.localHeaderOffset + 30 + u16(header, 26) + u16(header, 28);
  const stop = start + entry.compressedSize;
  if (stop > source.size) throw new ZipFormatError('unreadable', `${entry.name} is cut short`);

  const step = options.chunkBytes ?? (entry.method === 0 ? 1024 * 1024 : 64 * 1024);
  let crc = 0;
  let written = 0;
  const out: Uint8Array[] = [];
  const take = (bytes: Uint8Array) => {
    written += bytes.length;
    if (written > entry.size) throw new ZipFormatError('unreadable', `${entry.name} unpacks to more than it declares`);
    crc = crc32(bytes, crc);
    out.push(bytes);
  };
  const inflate = entry.method === 8 ? new Inflate((bytes) => take(bytes)) : undefined;
  for (let at = start; at < stop || (at === start && stop === start); at += step) {
    options.signal?.throwIfAborted();
    const end = Math.min(stop, at + step);
    const packed = end > at ? await source.read(at, end) : new Uint8Array(0);
    try {
      if (inflate) inflate.push(packed, end === stop);
      else take(packed);
    } catch (error) {
      if (error instanceof ZipFormatError) throw error;
      throw new ZipFormatError('unreadable', `${entry.name} is damaged`);
    }
    while (out.length > 0) await onChunk(out.shift() as Uint8Array);
    if (end === stop) break;
  }
  if (written !== entry.size || crc !== entry.crc) throw new ZipFormatError('unreadable', `${entry.name} is damaged`);
}

/** One entry whole: for small ones (a manifest, an index), with a limit. */
export async function readZipEntryBytes(source: ZipSource, entry: ZipEntry, options: ReadEntryOptions = {}): Promise<Uint8Array> {
  const bytes = new Uint8Array(entry.size);
  let at = 0;
  await readZipEntry(
    source,
    entry,
    (chunk) => {
      bytes.set(chunk, at);
      at += chunk.length;
    },
    options,
  );
  return bytes;
}
