import { useSignals } from '@preact/signals-react/runtime';
import { useState } from 'react';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { SearchBox } from '@/components/ui/search-box';
import { VirtualList } from '@/components/ui/virtual-list';
import { toCsv } from '@/utils/export/csv';
import { downloadText } from '@/utils/export/download';
import { formatDateTime } from '@/utils/i18n/locale';
import { sendToBackground } from '@/utils/messaging/client';
import { isWebLink } from '@/utils/schemas/team-url';
import { normalizeForSearch } from '@/utils/search';
import { locale, t, testimonials } from '@/utils/state/panel-store';

/** A testimonial's height before it is drawn (name line, two lines of text, its links). */
const TESTIMONIAL_ESTIMATE = 100;

/** Testimonials saved from comments: searchable (Arabic-aware), exportable for the content team. */
export function TestimonialsView() {
  useSignals();
  const [query, setQuery] = useState('');
  const all = testimonials.value;
  const words = normalizeForSearch(query).split(' ').filter(Boolean);
  const shown =
    words.length === 0
      ? all
      : all.filter((x) => {
          const haystack = normalizeForSearch(`${x.author} ${x.text} ${x.platform}`);
          return words.every((w) => haystack.includes(w));
        });
  const stamp = new Date().toISOString().slice(0, 10);

  return (
    <section className="space-y-2" aria-label={t('testimonials.title')}>
      <div className="flex flex-wrap gap-2">
        <SearchBox label={t('testimonials.search')} value={query} onChange={setQuery} />
        <Button
          disabled={shown.length === 0}
          onClick={() =>
            downloadText(`dalil-testimonials-${stamp}.json`, `${JSON.stringify(shown, null, 2)}\n`, 'application/json')
          }
        >
          JSON
        </Button>
        <Button
          disabled={shown.length === 0}
          onClick={() =>
            downloadText(
              `dalil-testimonials-${stamp}.csv`,
              toCsv(
                ['author', 'text', 'platform', 'permalink', 'pageUrl', 'savedAt', 'savedBy'],
                shown.map((x) => [x.author, x.text, x.platform, x.permalink, x.pageUrl, x.savedAt, x.savedBy]),
              ),
              'text/csv',
            )
          }
        >
          CSV
        </Button>
      </div>
      {shown.length === 0 && <p className="text-slate-500">{t('testimonials.empty')}</p>}
      {/* Only the testimonials near the screen are drawn: a year of saved comments stays one screen of DOM. */}
      <VirtualList
        count={shown.length}
        estimate={TESTIMONIAL_ESTIMATE}
        label={t('testimonials.title')}
        itemKey={(i) => shown[i].id}
        itemClassName="rounded-lg border border-slate-200 p-2"
        itemAttributes={() => ({ 'data-testid': 'testimonial' })}
        renderItem={(i) => {
          const x = shown[i];
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
