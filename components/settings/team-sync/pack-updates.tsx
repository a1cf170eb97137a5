/** An update waiting to be applied, and the earlier packs that can be restored. */
import { Button } from '@/components/ui/button';
import { ErrorLine } from '@/components/ui/error-line';
import { useAction } from '@/components/ui/use-action';
import type { MessageKey } from '@/utils/i18n/messages';
import { sendToBackground } from '@/utils/messaging/client';
import { t } from '@/utils/state/panel-store';
import type { PackHistoryItem, SyncStatus } from '@/utils/sync/types';
import { Block, DiffView, date, syncErrorText, update } from './sync-parts';

/** A refusal the background gave a code (a pack the pinned key did not sign) is shown in the UI language. */
const saidInUiLanguage = (action: Promise<void>) =>
  action.catch((error: unknown) => {
    throw new Error(syncErrorText(error));
  });

export function PendingUpdate({ pending }: { pending: NonNullable<SyncStatus['pending']> }) {
  const { busy, error, run } = useAction();
  return (
    <div className="space-y-2 rounded border border-amber-300 bg-amber-50 p-2" data-testid="sync-pending">
      <p className="m-0 font-medium">{t('sync.pending.title', { name: pending.name, version: pending.version })}</p>
      <p className="m-0 text-slate-600">{t('sync.pending.fetched', { date: date(pending.fetchedAt) })}</p>
      <DiffView diff={pending.diff} />
      <div className="flex flex-wrap gap-2">
        <Button
          variant="primary"
          disabled={busy}
          data-testid="sync-apply"
          onClick={() => void run(() => saidInUiLanguage(update(sendToBackground('panel.applyPendingUpdate', {}))))}
        >
          {t('sync.pending.apply')}
        </Button>
        <Button
          disabled={busy}
          data-testid="sync-dismiss"
          onClick={() => void run(() => update(sendToBackground('panel.dismissPendingUpdate', {})))}
        >
          {t('sync.pending.dismiss')}
        </Button>
      </div>
      <ErrorLine error={error} />
    </div>
  );
}

const sourceKeys = {
  default: 'sync.history.source.default',
  file: 'sync.history.source.file',
  url: 'sync.history.source.url',
} satisfies Record<PackHistoryItem['source']['kind'], MessageKey>;

/** Earlier packs; `canRestore` is false for an agent following the team's URL (the background refuses it too). */
export function History({ items, canRestore }: { items: PackHistoryItem[]; canRestore: boolean }) {
  const { busy, error, run } = useAction();
  return (
    <Block title={t('sync.history.title')} testId="sync-history">
      {!canRestore && items.length > 0 && <p className="m-0 text-slate-500">{t('sync.history.agentNote')}</p>}
      {items.length === 0 ? (
        <p className="m-0 text-slate-500">{t('sync.history.empty')}</p>
      ) : (
        <ul className="m-0 list-none space-y-1 p-0">
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center gap-2" data-testid="sync-history-item">
              <span className="flex-1">
                {t('sync.history.item', {
                  name: item.name,
                  version: item.version,
                  count: item.templates,
                  date: date(item.archivedAt),
                })}{' '}
                <span className="text-slate-500">({t(sourceKeys[item.source.kind], { file: item.source.fileName ?? '' })})</span>
              </span>
              {canRestore && item.acceptedVersion !== undefined && (
                <span className="text-amber-800" data-testid="sync-history-below-mark">
                  {t('sync.history.belowMark', { accepted: item.acceptedVersion })}
                </span>
              )}
              {canRestore && item.acceptedVersion === undefined && (
                <Button
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(t('sync.history.restoreConfirm', { name: item.name, version: item.version }))) {
                      void run(() =>
                        saidInUiLanguage(update(sendToBackground('panel.restorePackVersion', { historyId: item.id }))),
                      );
                    }
                  }}
                >
                  {t('sync.history.restore')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorLine error={error} />
    </Block>
  );
}
