/**
 * A saved ad's media on its swipe-file card: while they download, "2 of 3" and the megabytes received so far
 * (the background tells these a few times a second, broadcast.mediaProgress); once a download failed in a way
 * that may pass, Retry media. Self-contained (its own listener, one signal for every card), so it can go on
 * any card.
 */
import { signal } from '@preact/signals-react';
import { useSignals } from '@preact/signals-react/runtime';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { Button } from '@/components/ui/button';
import { sendToBackground } from '@/utils/messaging/client';
import type { MediaProgressBroadcast } from '@/utils/messaging/protocol';
import type { StoredAd } from '@/utils/schemas/stored-records';
import { t } from '@/utils/state/panel-store';
import { hasRetryableMedia } from './media-problems';

const progress = signal<MediaProgressBroadcast['ads']>({});
let listening = false;
function listen() {
  if (listening) return;
  listening = true;
  browser.runtime.onMessage.addListener((message: unknown) => {
    const told = message as Partial<MediaProgressBroadcast> | null;
    if (told?.type === 'broadcast.mediaProgress' && told.ads && typeof told.ads === 'object') progress.value = told.ads;
    return undefined;
  });
  // Downloads already under way when the panel opened: told again only when their bytes move.
  void sendToBackground('panel.mediaProgress', {})
    .then((ads) => {
      progress.value = { ...ads, ...progress.value };
    })
    .catch(() => undefined);
}

export function CardMediaStatus({ ad }: { ad: StoredAd }) {
  useSignals();
  useEffect(listen, []);
  const [queued, setQueued] = useState(false);
  // The ad comes back from the background after the retry's downloads: show what they gave.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new ad record is the signal
  useEffect(() => setQueued(false), [ad]);
  const now = progress.value[ad.id];
  if (now) {
    const megabytes = Math.round(now.bytes / 104_857.6) / 10;
    return (
      <div className="space-y-0.5 border-t border-slate-100 px-1.5 py-1 text-xs text-slate-600" data-testid="media-progress">
        <progress className="block h-1.5 w-full" value={now.done} max={Math.max(1, now.total)} aria-hidden="true" />
        <p className="m-0" role="status">
          {t('swipe.mediaProgress', { done: now.done, total: now.total, size: megabytes })}
        </p>
      </div>
    );
  }
  if (!hasRetryableMedia(ad)) return null;
  return (
    <div className="border-t border-slate-100 px-1.5 py-1 text-xs">
      {queued ? (
        <p className="m-0 text-slate-600" role="status">
          {t('swipe.retryQueued')}
        </p>
      ) : (
        <Button
          className="w-full"
          data-testid="card-retry-media"
          onClick={() => {
            setQueued(true);
            void sendToBackground('panel.retryMedia', { ids: [ad.id] }).catch(() => setQueued(false));
          }}
        >
          {t('swipe.retryMedia')}
        </Button>
      )}
    </div>
  );
}
