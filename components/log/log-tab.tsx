import { useSignals } from '@preact/signals-react/runtime';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { formatDateTime } from '@/utils/i18n/locale';
import type { MessageKey } from '@/utils/i18n/messages';
import { activityLog, locale, t } from '@/utils/state/panel-store';

export function LogTab() {
  useSignals();
  const entries = activityLog.value;
  if (entries.length === 0) return <p className="text-slate-500">{t('log.empty')}</p>;
  return (
    <ol className="m-0 list-none space-y-1.5 p-0" data-testid="log-list">
      {entries.map((entry) => (
        <li key={entry.id} className="rounded border border-slate-200 px-2 py-1">
          <div className="flex flex-wrap items-baseline gap-2">
            <span className="font-medium">{t(`log.kind.${entry.kind}` as MessageKey)}</span>
            <time dateTime={entry.at} className="text-xs text-slate-500">
              {formatDateTime(locale.value, entry.at)}
            </time>
            {entry.actor && <Bidi className="text-xs text-slate-600">{entry.actor}</Bidi>}
          </div>
          <div className="flex flex-wrap gap-x-2 text-xs text-slate-600">
            {Object.entries(entry.details).map(([key, value]) => (
              <span key={key}>
                <Ltr>{key}</Ltr>: <Bidi>{String(value)}</Bidi>
              </span>
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}
