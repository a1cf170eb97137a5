import { useSignals } from '@preact/signals-react/runtime';
import type { StoredAd } from '@/utils/schemas/stored-records';
import { t } from '@/utils/state/panel-store';
import { MAX_MEDIA_ITEMS_PER_AD, MAX_SAVE_MEDIA_BYTES } from '@/utils/swipe-file/media-policy';
import { useMediaUrl } from './use-media';

/** Why a media item was not saved, in the panel's language: the stored reason is `code: detail`. */
export function mediaReason(error: string): string {
  const [code, ...rest] = error.split(': ');
  const detail = rest.join(': ');
  switch (code) {
    case 'not-library-host':
      return t('swipe.media.notLibraryHost');
    case 'not-https':
      return t('swipe.media.notHttps');
    case 'too-many':
      return t('swipe.media.tooMany', { count: MAX_MEDIA_ITEMS_PER_AD });
    case 'save-too-large':
      return t('swipe.media.saveTooLarge', { size: MAX_SAVE_MEDIA_BYTES / 1024 / 1024 });
    case 'redirected':
      return t('swipe.media.redirected');
    case 'storage-full':
      return t('swipe.media.storageFull');
    case 'too-large':
      return t('swipe.media.tooLarge');
    case 'http-error':
      return t('swipe.media.http', { detail });
    case 'timeout':
    case 'network':
      return t('swipe.media.network');
    default:
      return error;
  }
}

/** The ad's first image or video from the bytes saved at capture time (the library's links expire). */
export function AdMedia({
  ad,
  controls = false,
  className = '',
  explained = false,
}: {
  ad: StoredAd;
  controls?: boolean;
  className?: string;
  /** Why media is missing is said beside it (the ad's detail lists every item): no placeholder then. */
  explained?: boolean;
}) {
  useSignals();
  const media = ad.media[0];
  // Object URLs held while this card is on screen (revoked when it leaves).
  const src = useMediaUrl(media?.blobId);
  const poster = useMediaUrl(media?.posterBlobId);
  if (!media)
    return <div className={`grid place-items-center bg-slate-100 text-xs text-slate-500 ${className}`}>{t('swipe.noMedia')}</div>;
  const error = ad.mediaErrors?.find(Boolean);
  if (!src && !poster) {
    if (error && explained) return null;
    return (
      <div className={`grid place-items-center bg-slate-100 p-2 text-center text-xs text-slate-500 ${className}`}>
        {error ? t('swipe.mediaMissing', { reason: mediaReason(error) }) : '…'}
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
