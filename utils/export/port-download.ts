/**
 * A file made by the background and sent over a Port in chunks (utils/messaging/port-link.ts),
 * each acknowledged, written to a streamed download and offered once whole. Used for backups and
 * swipe-file zips: anything that may be larger than one runtime message (64 MiB).
 */
import { browser } from 'wxt/browser';
import type { PortDownloadReply } from '../messaging/channels';
import { type PortLike, portLink, textToChunk } from '../messaging/port-link';
import { createStreamedDownload } from './streamed-download';

export interface TransferProgress {
  done: number;
  total: number;
}

export interface TransferOptions {
  onProgress?: (progress: TransferProgress) => void;
  signal?: AbortSignal;
  /** Opens the Port (tests pass their own). */
  connect?: (name: string) => PortLike;
}

export const connectRuntime = (name: string) => browser.runtime.connect({ name }) as unknown as PortLike;

/** The background could not make the file; `message` says why (in English, from the background). */
export class PortDownloadError extends Error {
  override name = 'PortDownloadError';
}

/** Opens `portName`, sends `start`, saves what arrives as a download. Rejects with the signal's reason when stopped. */
export async function downloadOverPort(
  portName: string,
  start: unknown,
  type: string,
  options: TransferOptions = {},
): Promise<{ fileName: string; bytes: number }> {
  options.signal?.throwIfAborted();
  const link = portLink<PortDownloadReply, unknown>((options.connect ?? connectRuntime)(portName));
  const close = () => link.close();
  options.signal?.addEventListener('abort', close, { once: true });
  const download = await createStreamedDownload(type);
  try {
    link.post(start);
    for (;;) {
      const reply = await link.next();
      if (reply.type === 'chunk') {
        await download.write(textToChunk(reply.data));
        link.post({ type: 'ack' });
        options.onProgress?.({ done: reply.done, total: reply.total });
      } else if (reply.type === 'end') {
        await download.save(reply.fileName);
        return { fileName: reply.fileName, bytes: reply.bytes };
      } else {
        throw new PortDownloadError(reply.message);
      }
    }
  } catch (error) {
    await download.discard();
    options.signal?.throwIfAborted();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', close);
    link.close();
  }
}
