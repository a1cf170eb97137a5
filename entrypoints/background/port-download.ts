import type { PortDownloadReply } from '@/utils/messaging/channels';
import { CHUNKS_IN_FLIGHT, chunkToText, type PortLink } from '@/utils/messaging/port-link';

/** How far a file being made has got, in the producer's own units (bytes of media). */
export interface Progress {
  done: number;
  total: number;
}

/**
 * Sends a file to the panel (utils/export/port-download.ts) as `produce` writes it: each chunk as
 * soon as it is made, the producer held while more than a few wait unacknowledged, so neither
 * side holds more than a few chunks. A closed port (the panel stopped it) ends the producer at its
 * next write; any other failure is told to the panel with `describe`'s words.
 */
export async function sendDownload(
  link: PortLink<{ type: string }, PortDownloadReply>,
  produce: (
    write: (chunk: Uint8Array) => Promise<void>,
    onProgress: (progress: Progress) => void,
  ) => Promise<{ fileName: string; bytes: number }>,
  describe: (error: unknown) => string,
): Promise<void> {
  try {
    let inFlight = 0;
    let progress: Progress = { done: 0, total: 0 };
    const { fileName, bytes } = await produce(
      async (chunk) => {
        link.post({ type: 'chunk', data: chunkToText(chunk), ...progress });
        inFlight++;
        while (inFlight >= CHUNKS_IN_FLIGHT) {
          const reply = await link.next();
          if (reply.type === 'ack') inFlight--;
        }
      },
      (now) => {
        progress = now;
      },
    );
    link.post({ type: 'end', fileName, bytes });
  } catch (error) {
    if (link.closed) return; // stopped by the panel: nothing was saved, nothing to say
    link.post({ type: 'failed', message: describe(error) });
  }
}
