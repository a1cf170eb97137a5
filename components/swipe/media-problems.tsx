import { useSignals } from '@preact/signals-react/runtime';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { sendToBackground } from '@/utils/messaging/client';
import type { StoredAd } from '@/utils/schemas/stored-records';
import { t } from '@/utils/state/panel-store';
import { isRefusal } from '@/utils/swipe-file/media-policy';
import { mediaReason } from './ad-media';

/** Whether one of the ad's media failed in a way that may pass (a network error, an expired link) and is still missing. */
export function hasRetryableMedia(ad: StoredAd): boolean {
  return (ad.mediaErrors ?? []).some((error, index) => error !== '' && !isRefusal(error) && !ad.media[index]?.blobId);
}

/**
 * Each media item of the ad that was not saved, with why; and Retry media when one of them failed
 * (a network error, an expired link). A refused item (another host, plain http, past a limit) is
 * only explained: retrying would refuse it again.
 */
export function MediaProblems({ ad }: { ad: StoredAd }) {
  useSignals();
  const [queued, setQueued] = useState(false);
  // The ad comes back from the background after the retry's downloads: show what they gave.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new ad record is the signal
  useEffect(() => setQueued(false), [ad]);
  const problems = (ad.mediaErrors ?? []).flatMap((error, index) => (error ? [{ index, error }] : []));
  if (problems.length === 0) return null;
  const retryable = hasRetryableMedia(ad);
  return (
    <div className="space-y-1 text-xs" data-testid="media-problems">
      <ul className="m-0 list-none space-y-0.5 p-0 text-amber-800">
        {problems.map(({ index, error }) => (
          <li key={index} data-testid="media-problem" data-reason={error.split(':')[0]}>
            {t('swipe.mediaMissing', { reason: mediaReason(error) })}
          </li>
        ))}
      </ul>
      {retryable &&
        (queued ? (
          <p className="m-0 text-slate-600" role="status">
            {t('swipe.retryQueued')}
          </p>
        ) : (
          <Button
            onClick={() => {
              setQueued(true);
              void sendToBackground('panel.retryMedia', { ids: [ad.id] }).catch(() => setQueued(false));
            }}
          >
            {t('swipe.retryMedia')}
          </Button>
        ))}
    </div>
  );
}
