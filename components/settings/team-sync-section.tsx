/** Team sync in the Settings tab: role, pack subscription, pending update, history, signing keys, webhook. */
import { useSignals } from '@preact/signals-react/runtime';
import { settings, syncStatus, t } from '@/utils/state/panel-store';
import { setByPolicy } from './policy';
import { History, PendingUpdate } from './team-sync/pack-updates';
import { RoleSelector } from './team-sync/role-selector';
import { PinKey, Publish, SigningKey } from './team-sync/signing';
import { Subscription } from './team-sync/subscription';
import { DiffView, date } from './team-sync/sync-parts';
import { Webhook } from './team-sync/webhook';

export function TeamSyncSection() {
  useSignals();
  const status = syncStatus.value;
  const role = settings.value.role;
  return (
    <div className="space-y-3" data-testid="team-sync">
      <h2 className="m-0 text-base font-semibold">{t('sync.title')}</h2>
      <RoleSelector />
      {!status ? (
        <p className="m-0 text-slate-500">{t('common.loading')}</p>
      ) : (
        <>
          <Subscription subscription={status.subscription} pinned={status.pinned !== undefined} />
          {status.pending && <PendingUpdate pending={status.pending} />}
          {status.lastApplied && (
            <details className="rounded border border-slate-200 p-2" data-testid="sync-last-applied">
              <summary className="cursor-pointer">
                {t('sync.lastApplied.title', {
                  date: date(status.lastApplied.at),
                  from: status.lastApplied.diff.from.version,
                  to: status.lastApplied.diff.to.version,
                })}
              </summary>
              <DiffView diff={status.lastApplied.diff} />
            </details>
          )}
          <History items={status.history} canRestore={role === 'manager' || !status.subscription} />
          {role === 'manager' ? (
            <>
              <SigningKey signing={status.signing} />
              <Publish
                canSign={status.signing !== undefined}
                publishing={status.publishing}
                followedUrl={status.subscription?.url}
              />
              {/* A key the organisation pinned binds managers too: their packs from the address must carry it. A key
                  pinned as an agent is shown too: unpinning it is the manager's act. */}
              {(setByPolicy('managerPublicKey') || status.pinned) && <PinKey pinned={status.pinned} canUnpin />}
            </>
          ) : (
            <PinKey pinned={status.pinned} canUnpin={false} />
          )}
          <Webhook webhook={status.webhook} outbox={status.outbox} />
        </>
      )}
    </div>
  );
}
