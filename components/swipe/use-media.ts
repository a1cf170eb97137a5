import { signal } from '@preact/signals-react';
import { sendToBackground } from '@/utils/messaging/client';

/** Saved media as data: URLs, fetched from the background once per blob and kept for the panel's life. */
export const mediaCache = signal<Record<string, string>>({});
const pending = new Set<string>();

export function requestMedia(blobIds: string[]): void {
  const missing = blobIds.filter((id) => id && !(id in mediaCache.value) && !pending.has(id));
  if (missing.length === 0) return;
  for (const id of missing) pending.add(id);
  void sendToBackground('panel.getMedia', { blobIds: missing.slice(0, 200) })
    .then((found) => {
      mediaCache.value = { ...mediaCache.value, ...found };
    })
    .finally(() => {
      for (const id of missing) pending.delete(id);
    });
}
