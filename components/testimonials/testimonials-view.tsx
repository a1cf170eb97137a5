import { useSignals } from '@preact/signals-react/runtime';
import { useCallback, useState } from 'react';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { ProblemList } from '@/components/ui/problem-list';
import { SearchBox } from '@/components/ui/search-box';
import { useListPages } from '@/components/ui/use-list-pages';
import { VirtualList } from '@/components/ui/virtual-list';
import { toCsv } from '@/utils/export/csv';
import { downloadText } from '@/utils/export/download';
import { formatDateTime } from '@/utils/i18n/locale';
import { sendToBackground } from '@/utils/messaging/client';
import { isWebLink } from '@/utils/schemas/team-url';
import type { Testimonial } from '@/utils/schemas/testimonial';
import { locale, t, testimonialsRevision } from '@/utils/state/panel-store';

/** A testimonial's height before it is drawn (name line, two lines of text, its links). */
const TESTIMONIAL_ESTIMATE = 100;
/** An export reads the matching testimonials this many at a time. */
const EXPORT_PAGE = 500;

/** Every testimonial matching `query`, read a page at a time (for an export, not for the screen). */
async function allMatching(query: string): Promise<Testimonial[]> {
  const all: Testimonial[] = [];
  for (;;) {
    const page = await sendToBackground('panel.listTestimonials', { query, offset: all.length, limit: EXPORT_PAGE });
    all.push(...page.items);
    if (page.items.length < EXPORT_PAGE || all.length >= page.matching) return all;
  }
}

/**
 * Testimonials saved from comments: searchable (Arabic-aware), exportable for the content team. The
 * background answers the page on screen (panel.listTestimonials): the panel holds a few pages, never them all.
 */
export function TestimonialsView() {
  useSignals();
  const [query, setQuery] = useState('');
  const ask = useCallback(
    (offset: number, limit: number) => sendToBackground('panel.listTestimonials', { query, offset, limit }),
    [query],
  );
  const pages = useListPages(ask, testimonialsRevision.value);
  const shown = pages.matching ?? 0;
  const stamp = new Date().toISOString().slice(0, 10);

  return (
    <section className="space-y-2" aria-label={t('testimonials.title')}>
      <div className="flex flex-wrap gap-2">
        <SearchBox label={t('testimonials.search')} value={query} onChange={setQuery} />
        <Button
          disabled={shown === 0}
          onClick={async () =>
            downloadText(
              `dalil-testimonials-${stamp}.json`,
              `${JSON.stringify(await allMatching(query), null, 2)}\n`,
              'application/json',
            )
          }
        >
          JSON
        </Button>
        <Button
          disabled={shown === 0}
          onClick={async () =>
            downloadText(
              `dalil-testimonials-${stamp}.csv`,
              toCsv(
                ['author', 'text', 'platform', 'permalink', 'pageUrl', 'savedAt', 'savedBy'],
                (await allMatching(query)).map((x) => [
                  x.author,
                  x.text,
                  x.platform,
                  x.permalink,
                  x.pageUrl,
                  x.savedAt,
                  x.savedBy,
                ]),
              ),
              'text/csv',
            )
          }
        >
          CSV
        </Button>
      </div>
      {pages.problem && <ProblemList problems={[pages.problem]} />}
      {pages.total !== undefined && (
        <p className="m-0 text-xs text-slate-600" data-testid="testimonial-count" data-matching={shown} data-total={pages.total}>
          {t('lists.count', { shown, total: pages.total })}
        </p>
      )}
      {pages.total === 0 && <p className="text-slate-500">{t('testimonials.empty')}</p>}
      {pages.total !== undefined && pages.total > 0 && shown === 0 && <p className="text-slate-500">{t('lists.noMatch')}</p>}
      {/* Only the testimonials near the screen are drawn, and only their pages are held. */}
      <VirtualList
        count={shown}
        estimate={TESTIMONIAL_ESTIMATE}
        label={t('testimonials.title')}
        itemKey={(i) => pages.at(i)?.id ?? `loading-${i}`}
        itemClassName="rounded-lg border border-slate-200 p-2"
        itemAttributes={(i) => ({ 'data-testid': 'testimonial', 'data-key': pages.at(i)?.id ?? '' })}
        onRange={pages.need}
        renderItem={(i) => {
          const x = pages.at(i);
          if (!x) return undefined;
          return (
            <>
              <div className="flex flex-wrap items-baseline gap-2">
                <Bidi className="font-semibold">{x.author}</Bidi>
                <span className="text-xs text-slate-500">
                  <Ltr>{x.platform}</Ltr> · {formatDateTime(locale.value, x.savedAt)}
                </span>
              </div>
              <p dir="auto" className="my-1 whitespace-pre-line">
                {x.text}
              </p>
              <div className="flex gap-2 text-xs">
                {isWebLink(x.permalink) && (
                  <a href={x.permalink} target="_blank" rel="noreferrer noopener" className="text-brand-700 underline">
                    {t('testimonials.open')}
                  </a>
                )}
                <button
                  type="button"
                  className="text-red-700 underline"
                  onClick={() => void sendToBackground('panel.deleteTestimonial', { id: x.id })}
                >
                  {t('testimonials.delete')}
                </button>
              </div>
            </>
          );
        }}
      />
    </section>
  );
}
