import { useSignals } from '@preact/signals-react/runtime';
import { useEffect } from 'react';
import type { StoredAd } from '@/utils/db/schema';
import { t } from '@/utils/state/panel-store';
import { mediaCache, requestMedia } from './use-media';

/** The ad's first image or video from the bytes saved at capture time (the library's links expire). */
export function AdMedia({ ad, controls = false, className = '' }: { ad: StoredAd; controls?: boolean; className?: string }) {
  useSignals();
  const media = ad.media[0];
  const blobId = media?.blobId;
  const posterBlobId = media?.posterBlobId;
  useEffect(() => requestMedia([blobId, posterBlobId].filter((x): x is string => Boolean(x))), [blobId, posterBlobId]);
  if (!media)
    return <div className={`grid place-items-center bg-slate-100 text-xs text-slate-500 ${className}`}>{t('swipe.noMedia')}</div>;
  const src = media.blobId ? mediaCache.value[media.blobId] : undefined;
  const poster = media.posterBlobId ? mediaCache.value[media.posterBlobId] : undefined;
  const error = ad.mediaErrors?.find(Boolean);
  if (!src && !poster) {
    return (
      <div className={`grid place-items-center bg-slate-100 p-2 text-center text-xs text-slate-500 ${className}`}>
        {error ? t('swipe.mediaMissing', { reason: error }) : '…'}
      </div>
    );
  }
  return media.kind === 'video' && src ? (
    <video
      src={src}
      poster={poster}
      controls={controls}
      muted
      className={`bg-black object-contain ${className}`}
      data-testid="ad-media"
    />
  ) : (
    <img src={src ?? poster} alt="" className={`bg-slate-100 object-contain ${className}`} data-testid="ad-media" />
  );
}
