import { useSignals } from '@preact/signals-react/runtime';
import { useEffect, useRef, useState } from 'react';
import { AdPaletteCheck } from '@/components/brand/ad-palette-check';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { useFocusOnOpen } from '@/components/ui/focus-return';
import { formatNumber } from '@/utils/i18n/locale';
import { sendToBackground } from '@/utils/messaging/client';
import type { StoredAd } from '@/utils/schemas/stored-records';
import { isWebLink } from '@/utils/schemas/team-url';
import { locale, t } from '@/utils/state/panel-store';
import { daysRunning } from '@/utils/swipe-file/days-running';
import { splitTags } from '@/utils/tags';
import { AdBoardThread } from './ad-board-thread';
import { AdMedia } from './ad-media';
import { MediaProblems } from './media-problems';

/** One saved ad: its media, every field the card showed, and the marketer's tags, boards and note. */
export function AdDetail({ ad, onBack }: { ad: StoredAd; onBack: () => void }) {
  useSignals();
  const heading = useFocusOnOpen<HTMLHeadingElement>();
  const [tags, setTags] = useState(ad.tags.join(', '));
  const [boards, setBoards] = useState(ad.boards.join(', '));
  const [note, setNote] = useState(ad.note ?? '');
  // A teammate's note arriving while this is open replaces the text shown, unless it is being edited.
  const noteEdited = useRef(false);
  useEffect(() => {
    if (!noteEdited.current) setNote(ad.note ?? '');
  }, [ad.note]);
  const days = daysRunning(ad);
  const rows: Array<[string, React.ReactNode]> = [
    [t('a11y.libraryId'), <Ltr key="id">{ad.libraryAdId}</Ltr>],
    [t('swipe.status'), ad.active === undefined ? '—' : t(ad.active ? 'swipe.status.active' : 'swipe.status.inactive')],
    [t('swipe.started'), ad.startedAt ? <Ltr key="s">{ad.startedAt}</Ltr> : '—'],
    [t('swipe.ended'), ad.endedAt ? <Ltr key="e">{ad.endedAt}</Ltr> : '—'],
    [t('swipe.daysRunning'), days === undefined ? '—' : formatNumber(locale.value, days)],
    [t('swipe.platforms'), ad.platforms?.join(', ') ?? '—'],
    [t('swipe.cta'), ad.cta ? <Bidi key="c">{ad.cta}</Bidi> : '—'],
    [t('swipe.variants'), ad.variantCount === undefined ? '—' : formatNumber(locale.value, ad.variantCount)],
  ];
  return (
    <article className="space-y-2" data-testid="ad-detail">
      <Button variant="ghost" onClick={onBack}>
        {t('swipe.back')}
      </Button>
      <h2 ref={heading} tabIndex={-1} className="m-0 text-base font-semibold outline-none">
        <Bidi>{ad.advertiserName ?? ad.libraryAdId}</Bidi> <Ltr className="text-xs font-normal text-slate-500">{ad.library}</Ltr>
      </h2>
      <AdMedia ad={ad} controls explained className="max-h-72 w-full rounded" />
      <MediaProblems ad={ad} />
      <AdPaletteCheck ad={ad} />
      {ad.headline && (
        <p dir="auto" className="m-0 font-semibold">
          {ad.headline}
        </p>
      )}
      {ad.text && (
        <p dir="auto" className="m-0 whitespace-pre-line" data-testid="ad-text">
          {ad.text}
        </p>
      )}
      <dl className="m-0 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd className="m-0">{value}</dd>
          </div>
        ))}
      </dl>
      {ad.missing && ad.missing.length > 0 && (
        <p className="m-0 text-xs text-amber-800">{t('swipe.flagged', { parts: ad.missing.join(', ') })}</p>
      )}
      <div className="flex flex-wrap gap-3 text-xs">
        {isWebLink(ad.landingUrl) && (
          <a href={ad.landingUrl} target="_blank" rel="noreferrer noopener" className="text-brand-700 underline">
            {t('swipe.openLanding')}
          </a>
        )}
        {isWebLink(ad.detailUrl ?? ad.pageUrl) && (
          <a href={ad.detailUrl ?? ad.pageUrl} target="_blank" rel="noreferrer noopener" className="text-brand-700 underline">
            {t('swipe.openLibrary')}
          </a>
        )}
      </div>
      <form
        className="space-y-1"
        onSubmit={(e) => {
          e.preventDefault();
          void sendToBackground('panel.updateAd', {
            id: ad.id,
            tags: splitTags(tags),
            boards: splitTags(boards),
            note: note.trim() || undefined,
          });
        }}
      >
        <label className="block text-xs">
          {t('swipe.tags')}
          <input
            dir="auto"
            className="w-full rounded border border-slate-300 px-1"
            value={tags}
            onChange={(e) => setTags(e.target.value)}
          />
        </label>
        <label className="block text-xs">
          {t('swipe.boards')}
          <input
            dir="auto"
            className="w-full rounded border border-slate-300 px-1"
            value={boards}
            onChange={(e) => setBoards(e.target.value)}
          />
        </label>
        <label className="block text-xs">
          {t('swipe.note')}
          <textarea
            dir="auto"
            rows={3}
            className="w-full rounded border border-slate-300 px-1"
            value={note}
            onChange={(e) => {
              noteEdited.current = true;
              setNote(e.target.value);
            }}
          />
        </label>
        <Button type="submit" variant="primary">
          {t('common.save')}
        </Button>
      </form>
      <AdBoardThread adId={ad.id} />
    </article>
  );
}
