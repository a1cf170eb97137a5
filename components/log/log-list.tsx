import { useSignals } from '@preact/signals-react/runtime';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { formatDateTime } from '@/utils/i18n/locale';
import type { MessageKey } from '@/utils/i18n/messages';
import { platformLabel } from '@/utils/platforms/sites';
import type { ActivityLogEntry } from '@/utils/schemas/activity-log';
import { locale, t } from '@/utils/state/panel-store';
import { shownDetails } from './log-detail-format';

/** Details shown as their own line rather than in the key: value list. */
const SHOWN_APART = new Set(['templateId']);

/** The timeline: newest first, one item per entry, every value as text (user text isolated, URLs LTR). */
export function LogList({
  entries,
  templateTitle,
}: {
  entries: ActivityLogEntry[];
  templateTitle: (id: string) => string | undefined;
}) {
  useSignals();
  return (
    <ol className="m-0 list-none space-y-1.5 p-0" data-testid="log-list">
      {entries.map((entry) => {
        const templateId = typeof entry.details.templateId === 'string' ? entry.details.templateId : undefined;
        const title = templateId ? templateTitle(templateId) : undefined;
        return (
          <li key={entry.id} className="rounded border border-slate-200 px-2 py-1" data-kind={entry.kind}>
            <div className="flex flex-wrap items-baseline gap-2">
              <span className="font-medium">{t(`log.kind.${entry.kind}` as MessageKey)}</span>
              <time dateTime={entry.at} className="text-xs text-slate-500">
                {formatDateTime(locale.value, entry.at)}
              </time>
              {entry.actor && <Bidi className="text-xs text-slate-600">{entry.actor}</Bidi>}
              {entry.platform && (
                <span className="text-xs text-slate-500">
                  {platformLabel(entry.platform, locale.value) ?? t('logtab.platform.generic')}
                </span>
              )}
            </div>
            {templateId && (
              <div className="text-xs">
                {t('logtab.template')}: {title ? <Bidi>{title}</Bidi> : <Ltr>{templateId}</Ltr>}
              </div>
            )}
            {entry.pageUrl && (
              <div className="truncate text-xs text-slate-500">
                {t('logtab.page')}: <Ltr>{entry.pageUrl}</Ltr>
              </div>
            )}
            <dl className="m-0 flex flex-wrap gap-x-3 text-xs text-slate-600" data-testid="log-details">
              {shownDetails(locale.value, t, entry.details, SHOWN_APART).map((detail) => (
                <div key={detail.key} data-detail={detail.key}>
                  <dt className="inline">{detail.label}:</dt>{' '}
                  <dd className="m-0 inline">
                    <bdi dir={detail.dir}>{detail.text}</bdi>
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        );
      })}
    </ol>
  );
}
