/** The team webhook: where the log's entries are delivered, and the queue waiting for it. */
import { useId, useState } from 'react';
import { Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { ErrorLine } from '@/components/ui/error-line';
import { useAction } from '@/components/ui/use-action';
import { sendToBackground } from '@/utils/messaging/client';
import { policy, t } from '@/utils/state/panel-store';
import type { SyncStatus } from '@/utils/sync/types';
import { PolicyBadge } from '../policy';
import { Block, date, requestHostAccess, update } from './sync-parts';

export function Webhook({ webhook, outbox }: Pick<SyncStatus, 'webhook' | 'outbox'>) {
  const id = useId();
  const policyUrl = policy.value.values.webhookUrl;
  const [ownUrl, setUrl] = useState(webhook?.url ?? '');
  const url = policyUrl ?? ownUrl;
  const [deniedOrigin, setDeniedOrigin] = useState<string>();
  const { busy, error, run } = useAction();
  const address = url.trim();
  const validUrl = URL.canParse(address) && /^https?:$/.test(new URL(address).protocol);
  return (
    <Block title={t('sync.webhook.title')} hint={t('sync.webhook.hint')}>
      <form
        className="grid grid-cols-1 gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (!validUrl) return;
          // As for the pack URL: asked during the click, not waited for (see above).
          void requestHostAccess(address).then((granted) => setDeniedOrigin(granted ? undefined : new URL(address).origin));
          void run(async () => {
            await update(sendToBackground('panel.setWebhook', { url: address }));
          });
        }}
      >
        <label htmlFor={id} className="font-medium text-slate-700">
          {t('sync.webhook.url')}
          {policyUrl !== undefined && <PolicyBadge />}
        </label>
        <input
          id={id}
          type="url"
          dir="ltr"
          data-testid="sync-webhook-input"
          className="rounded-md border border-slate-300 px-2 py-1 disabled:bg-slate-100"
          disabled={policyUrl !== undefined}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        {address !== '' && !validUrl && <p className="m-0 text-amber-800">{t('sync.sub.badUrl')}</p>}
        <div className={`flex flex-wrap gap-2 ${policyUrl !== undefined ? 'hidden' : ''}`}>
          <Button type="submit" variant="primary" disabled={busy || !validUrl} data-testid="sync-webhook-save">
            {t('sync.webhook.save')}
          </Button>
          {webhook && (
            <Button
              variant="danger"
              disabled={busy}
              data-testid="sync-webhook-off"
              onClick={() =>
                void run(async () => {
                  await update(sendToBackground('panel.setWebhook', { url: null }));
                  setUrl('');
                })
              }
            >
              {t('sync.webhook.off')}
            </Button>
          )}
        </div>
        {deniedOrigin && <p className="m-0 text-amber-800">{t('sync.permissionDenied', { origin: deniedOrigin })}</p>}
      </form>
      {(webhook || outbox.queued > 0) && (
        <div role="status" aria-live="polite" className="space-y-1" data-testid="sync-outbox-status">
          {webhook && (
            <p className="m-0">
              {t('sync.webhook.active')} <Ltr className="break-all">{webhook.url}</Ltr>{' '}
              <span className="text-slate-500">{t('sync.webhook.since', { date: date(webhook.enabledAt) })}</span>
            </p>
          )}
          <p className="m-0">
            {webhook && (
              <span data-testid="sync-outbox-delivered">{t('sync.outbox.delivered', { count: webhook.delivered })} · </span>
            )}
            <span data-testid="sync-outbox-queued">{t('sync.outbox.queued', { count: outbox.queued })}</span>
            {outbox.oldestAt && <span> · {t('sync.outbox.oldest', { date: date(outbox.oldestAt) })}</span>}
          </p>
          {webhook?.lastDeliveryAt && (
            <p className="m-0">{t('sync.outbox.lastDelivery', { date: date(webhook.lastDeliveryAt) })}</p>
          )}
          {outbox.queued > 0 && outbox.nextAttemptAt && (
            <p className="m-0">{t('sync.outbox.next', { date: date(outbox.nextAttemptAt) })}</p>
          )}
          {webhook?.lastFailure && (
            <p className="m-0 text-red-800">
              {t('sync.outbox.lastFailure', { date: date(webhook.lastFailure.at), message: webhook.lastFailure.message })}
            </p>
          )}
          {outbox.overCap && (
            <p role="alert" className="m-0 rounded bg-amber-50 p-2 text-amber-900" data-testid="sync-outbox-overcap">
              {t('sync.outbox.overCap', { cap: outbox.cap })}
            </p>
          )}
          {outbox.queued > 0 && (
            <Button
              disabled={busy}
              data-testid="sync-flush"
              onClick={() => void run(() => update(sendToBackground('panel.flushOutbox', {})))}
            >
              {t('sync.outbox.retry')}
            </Button>
          )}
        </div>
      )}
      <ErrorLine error={error} />
    </Block>
  );
}
