/**
 * The advertisers the marketer follows, newest followed first: a window onto the background's pages
 * (panel.listFollowed), searched by name (Arabic-aware), drawn only near the screen. A change to the swipe
 * file asks again for the pages held (a follow, an unfollow, an ad saved changes their counts).
 */
import { useSignals } from '@preact/signals-react/runtime';
import { useCallback, useState } from 'react';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { ProblemList } from '@/components/ui/problem-list';
import { SearchBox } from '@/components/ui/search-box';
import { useListPages } from '@/components/ui/use-list-pages';
import { VirtualList } from '@/components/ui/virtual-list';
import { sendToBackground } from '@/utils/messaging/client';
import { adsChange, t } from '@/utils/state/panel-store';

/** A row's height before it is drawn: one line. */
const FOLLOWED_ESTIMATE = 40;

export function FollowedList() {
  useSignals();
  const [query, setQuery] = useState('');
  const ask = useCallback(
    (offset: number, limit: number) => sendToBackground('panel.listFollowed', { query, offset, limit }),
    [query],
  );
  const pages = useListPages(ask, adsChange.value.revision);
  const shown = pages.matching ?? 0;

  return (
    <section className="space-y-2" data-testid="followed" aria-label={t('swipe.followed')}>
      <SearchBox label={t('swipe.followed.search')} value={query} onChange={setQuery} grow={false} />
      {pages.problem && <ProblemList problems={[pages.problem]} />}
      {pages.total !== undefined && (
        <p className="m-0 text-xs text-slate-600" data-testid="followed-count" data-matching={shown} data-total={pages.total}>
          {t('lists.count', { shown, total: pages.total })}
        </p>
      )}
      {pages.total === 0 && (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-slate-600">{t('swipe.followed.empty')}</p>
      )}
      {pages.total !== undefined && pages.total > 0 && shown === 0 && <p className="text-slate-500">{t('lists.noMatch')}</p>}
      <VirtualList
        count={shown}
        estimate={FOLLOWED_ESTIMATE}
        label={t('swipe.followed')}
        itemKey={(i) => pages.at(i)?.key ?? `loading-${i}`}
        itemClassName="flex items-center gap-2"
        itemAttributes={(i) => ({ 'data-testid': 'followed-advertiser', 'data-key': pages.at(i)?.key ?? '' })}
        onRange={pages.need}
        renderItem={(i) => {
          const f = pages.at(i);
          if (!f) return undefined;
          return (
            <>
              <Bidi className="font-medium">{f.name}</Bidi>
              <Ltr className="text-xs text-slate-500">{f.library}</Ltr>
              <span className="text-xs">{t('swipe.followedCount', { count: f.savedAds })}</span>
              <Button
                variant="ghost"
                className="ms-auto"
                onClick={() =>
                  void sendToBackground('panel.followAdvertiser', { key: f.key, library: f.library, name: f.name, follow: false })
                }
              >
                {t('swipe.unfollow')}
              </Button>
            </>
          );
        }}
      />
    </section>
  );
}
