/**
 * Writes a zip through fflate's streaming Zip, handing each piece to `write` as it is made and
 * waiting for it before adding more: the zip is never held whole, however large.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** Pieces a stored entry is pushed in: what `write` receives at most at a time. */
export const ZIP_CHUNK_BYTES = 1024 * 1024;

export interface ZipWriter {
  /** An entry kept as it is: images and videos are compressed already. */
  addStored(name: string, bytes: Uint8Array): Promise<void>;
  /** An entry deflated (JSON text). */
  addDeflated(name: string, bytes: Uint8Array, level?: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9): Promise<void>;
  /** Writes the central directory: the zip is complete once this resolves. */
  end(): Promise<void>;
  /** Bytes handed to `write` so far. */
  readonly bytes: number;
}

/** Zips larger than 4 GiB need zip64, which fflate does not write: refused rather than written wrong. */
export const MAX_ZIP_BYTES = 0xffffffff;

export function createZipWriter(write: (chunk: Uint8Array) => Promise<void>): ZipWriter {
  const pending: Uint8Array[] = [];
  let failure: unknown;
  let bytes = 0;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else if (chunk) pending.push(chunk);
  });
  async function flush(): Promise<void> {
    if (failure) throw failure;
    while (pending.length > 0) {
      const chunk = pending.shift() as Uint8Array;
      bytes += chunk.length;
      if (bytes > MAX_ZIP_BYTES) throw new RangeError('The zip would be over 4 GB, more than a zip without zip64 can hold.');
      await write(chunk);
    }
  }
  return {
    async addStored(name, data) {
      const file = new ZipPassThrough(name);
      zip.add(file);
      if (data.length === 0) file.push(new Uint8Array(0), true);
      for (let at = 0; at < data.length; at += ZIP_CHUNK_BYTES) {
        file.push(data.subarray(at, at + ZIP_CHUNK_BYTES), at + ZIP_CHUNK_BYTES >= data.length);
        await flush();
      }
      await flush();
    },
    async addDeflated(name, data, level = 6) {
      const file = new ZipDeflate(name, { level });
      zip.add(file);
      if (data.length === 0) file.push(new Uint8Array(0), true);
      for (let at = 0; at < data.length; at += ZIP_CHUNK_BYTES) {
        file.push(data.subarray(at, at + ZIP_CHUNK_BYTES), at + ZIP_CHUNK_BYTES >= data.length);
        await flush();
      }
      await flush();
    },
    async end() {
      zip.end();
      await flush();
    },
    get bytes() {
      return bytes;
    },
  };
}
