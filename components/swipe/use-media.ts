import { useEffect, useState } from 'react';
import { sendToBackground } from '@/utils/messaging/client';
import { dataUrlToBlob } from '@/utils/swipe-file/media-download';

/**
 * Saved media for the cards on screen, as object URLs. The background owns the media store and runtime
 * messages carry JSON, so a blob arrives as a data: URL and becomes a Blob here at once: the panel keeps
 * object URLs (the bytes live outside the JS heap), counted per card using them, and revokes each one
 * when no card on screen shows it any more.
 */
interface Entry {
  url?: string;
  users: number;
  listeners: Set<(url: string) => void>;
}

const entries = new Map<string, Entry>();
let queued = new Set<string>();
let flushing = false;
/** Blobs asked for in one message: the cards that came on screen in the same frame. */
const BATCH = 24;

function flush(): void {
  flushing = false;
  const ids = [...queued];
  queued = new Set();
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    void sendToBackground('panel.getMedia', { blobIds: batch })
      .then((found) => {
        for (const id of batch) {
          const entry = entries.get(id);
          const dataUrl = found[id];
          // Left the screen while on its way: nothing to keep.
          if (!entry || entry.users === 0 || !dataUrl || entry.url) continue;
          entry.url = URL.createObjectURL(dataUrlToBlob(dataUrl));
          for (const listener of entry.listeners) listener(entry.url);
        }
      })
      .catch(() => {
        // Not answered (the worker stopped): the next card to ask tries again.
        for (const id of batch) if (!entries.get(id)?.url) entries.delete(id);
      });
  }
}

function acquire(id: string, listener: (url: string) => void): () => void {
  let entry = entries.get(id);
  if (!entry) {
    entry = { users: 0, listeners: new Set() };
    entries.set(id, entry);
    queued.add(id);
    if (!flushing) {
      flushing = true;
      queueMicrotask(flush);
    }
  }
  entry.users++;
  entry.listeners.add(listener);
  if (entry.url) listener(entry.url);
  const held = entry;
  return () => {
    held.listeners.delete(listener);
    held.users--;
    if (held.users > 0) return;
    if (held.url) URL.revokeObjectURL(held.url);
    if (entries.get(id) === held) entries.delete(id);
  };
}

/** The object URL of a saved media blob while the calling component is mounted; undefined until it arrives. */
export function useMediaUrl(blobId: string | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    setUrl(undefined);
    if (!blobId) return;
    return acquire(blobId, setUrl);
  }, [blobId]);
  return url;
}

/** How many object URLs the panel holds now (tests: they are revoked when cards leave the screen). */
export function liveMediaUrls(): number {
  let n = 0;
  for (const entry of entries.values()) if (entry.url) n++;
  return n;
}
