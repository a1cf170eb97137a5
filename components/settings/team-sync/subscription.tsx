/** Following the team's pack address: subscribing, how often and whether to apply, the last outcome. */
import { useId, useState } from 'react';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { ErrorLine } from '@/components/ui/error-line';
import { useAction } from '@/components/ui/use-action';
import { sendToBackground } from '@/utils/messaging/client';
import { policy, t } from '@/utils/state/panel-store';
import type { SubscriptionState } from '@/utils/sync/types';
import { PolicyBadge, setByPolicy } from '../policy';
import { Block, date, requestHostAccess, update } from './sync-parts';

/** Clamped on submit, not per keystroke, so typing "120" does not pass through "5". */
const refreshMinutesOf = (text: string) => Math.min(1440, Math.max(5, Math.round(Number(text)) || 30));

/** The person's choices, except where the organisation set them (the background refuses others). */
function policyRefresh(autoApply: boolean, refreshMinutes: number): { autoApply: boolean; refreshMinutes: number } {
  const { values } = policy.value;
  return { autoApply: values.autoApply ?? autoApply, refreshMinutes: values.refreshMinutes ?? refreshMinutes };
}

/** Auto-apply and the refresh interval: when subscribing, and changed later without subscribing again. */
function RefreshSettings(props: {
  autoApply: boolean;
  setAutoApply: (on: boolean) => void;
  /** Shown only without a pinned key: with one, signed updates apply on their own. */
  trustHost?: { on: boolean; set: (on: boolean) => void };
  refreshText: string;
  setRefreshText: (text: string) => void;
}) {
  const autoApplySet = setByPolicy('autoApply');
  const refreshSet = setByPolicy('refreshMinutes');
  return (
    <>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          disabled={autoApplySet}
          checked={props.autoApply}
          onChange={(e) => props.setAutoApply(e.target.checked)}
        />
        {t('sync.sub.autoApply')}
        {autoApplySet && <PolicyBadge />}
      </label>
      {props.trustHost && props.autoApply && (
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            data-testid="sync-trust-host"
            checked={props.trustHost.on}
            onChange={(e) => props.trustHost?.set(e.target.checked)}
          />
          {t('sync.sub.trustHost')}
        </label>
      )}
      <label className="flex items-center gap-2">
        {t('sync.sub.refreshMinutes')}
        <input
          type="number"
          min={5}
          max={1440}
          disabled={refreshSet}
          className="w-20 rounded-md border border-slate-300 px-2 py-1 disabled:bg-slate-100"
          value={props.refreshText}
          onChange={(e) => props.setRefreshText(e.target.value)}
        />
        {refreshSet && <PolicyBadge />}
      </label>
    </>
  );
}

/** `onAccess` reports the host permission's answer; the note about it outlives the form, which is gone once subscribed. */
function SubscribeForm({ onAccess, pinned }: { onAccess: (deniedOrigin: string | undefined) => void; pinned: boolean }) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [autoApply, setAutoApply] = useState(policy.value.values.autoApply ?? true);
  const [trustHost, setTrustHost] = useState(false);
  const [refreshText, setRefreshText] = useState(String(policy.value.values.refreshMinutes ?? 30));
  const { busy, error, run } = useAction();
  const validUrl = URL.canParse(url.trim()) && /^https?:$/.test(new URL(url.trim()).protocol);

  return (
    <form
      className="grid grid-cols-1 gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (!validUrl) return;
        const address = url.trim();
        // Asked during the click (browsers grant only then), not waited for: the subscription starts at
        // once (a server that allows CORS needs no permission), and the background tries again the
        // moment access is granted. A refusal is shown when the person answers.
        const access = requestHostAccess(address);
        void access.then((granted) => onAccess(granted ? undefined : new URL(address).origin));
        void run(async () => {
          await update(
            sendToBackground('panel.subscribe', {
              url: address,
              ...policyRefresh(autoApply, refreshMinutesOf(refreshText)),
              trustHost: !pinned && trustHost,
            }),
          );
        });
      }}
    >
      <label htmlFor={`${id}-url`} className="font-medium text-slate-700">
        {t('sync.sub.url')}
      </label>
      <input
        id={`${id}-url`}
        type="url"
        dir="ltr"
        required
        data-testid="sync-url-input"
        className="rounded-md border border-slate-300 px-2 py-1"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
      />
      {url.trim() !== '' && !validUrl && <p className="m-0 text-amber-800">{t('sync.sub.badUrl')}</p>}
      <RefreshSettings
        autoApply={autoApply}
        setAutoApply={setAutoApply}
        trustHost={pinned ? undefined : { on: trustHost, set: setTrustHost }}
        refreshText={refreshText}
        setRefreshText={setRefreshText}
      />
      <div>
        <Button type="submit" variant="primary" disabled={busy || !validUrl} data-testid="sync-subscribe">
          {t('sync.sub.subscribe')}
        </Button>
      </div>
      <ErrorLine error={error} />
    </form>
  );
}

function outcomeText(subscription: SubscriptionState): string | undefined {
  const outcome = subscription.lastOutcome;
  if (!outcome) return undefined;
  if (outcome.kind !== 'failed') {
    const text = t(`sync.outcome.${outcome.kind}`, { version: outcome.version });
    if (outcome.note === 'same-version-changed') return `${text} ${t('sync.outcome.sameVersionChanged')}`;
    return outcome.note === 'needs-key' ? `${text} ${t('sync.outcome.needsKey')}` : text;
  }
  const { offered = '?', accepted = '?', expires, audience = '', url = '' } = outcome.params ?? {};
  const reason = t(`sync.failure.${outcome.code}`, {
    status: outcome.status ?? '?',
    offered,
    accepted,
    expires: expires ? date(expires) : '',
    audience,
    url,
  });
  return `${t('sync.outcome.failed')} ${reason}`;
}

function SubscriptionView({ subscription, pinned }: { subscription: SubscriptionState; pinned: boolean }) {
  const { busy, error, run } = useAction();
  const outcome = subscription.lastOutcome;
  const [editing, setEditing] = useState(false);
  const [autoApply, setAutoApply] = useState(subscription.autoApply);
  const [trustHost, setTrustHost] = useState(subscription.trustHost === true);
  const autoApplies = subscription.autoApply && (pinned || subscription.trustHost === true);
  const [refreshText, setRefreshText] = useState(String(subscription.refreshMinutes));
  const urlSet = setByPolicy('teamPackUrl');
  const refreshSet = setByPolicy('autoApply') || setByPolicy('refreshMinutes');
  const bothSet = setByPolicy('autoApply') && setByPolicy('refreshMinutes');
  return (
    <div className="space-y-1">
      <p className="m-0" data-testid="sync-following">
        {t('sync.sub.following')} <Ltr className="break-all">{subscription.url}</Ltr>
        {urlSet && <PolicyBadge />}
      </p>
      {editing ? (
        <form
          className="grid grid-cols-1 gap-1 rounded border border-slate-200 p-2"
          data-testid="sync-settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            // The same address again: the background keeps its validators and history, reschedules, checks once.
            void run(async () => {
              await update(
                sendToBackground('panel.subscribe', {
                  url: subscription.url,
                  ...policyRefresh(autoApply, refreshMinutesOf(refreshText)),
                  trustHost: !pinned && trustHost,
                }),
              );
              setEditing(false);
            });
          }}
        >
          <RefreshSettings
            autoApply={autoApply}
            setAutoApply={setAutoApply}
            trustHost={pinned ? undefined : { on: trustHost, set: setTrustHost }}
            refreshText={refreshText}
            setRefreshText={setRefreshText}
          />
          <div>
            <Button type="submit" variant="primary" disabled={busy} data-testid="sync-settings-save">
              {t('sync.sub.saveSettings')}
            </Button>
          </div>
        </form>
      ) : (
        <p className="m-0 text-slate-500" data-testid="sync-settings">
          {t('sync.sub.every', { minutes: subscription.refreshMinutes })},{' '}
          {t(
            autoApplies ? 'sync.sub.mode.auto' : subscription.autoApply ? 'sync.sub.mode.autoNeedsKey' : 'sync.sub.mode.confirm',
          )}
          {refreshSet && <PolicyBadge />}{' '}
          {!bothSet && (
            <button
              type="button"
              className="text-brand-700 underline"
              data-testid="sync-settings-change"
              onClick={() => {
                setAutoApply(subscription.autoApply);
                setTrustHost(subscription.trustHost === true);
                setRefreshText(String(subscription.refreshMinutes));
                setEditing(true);
              }}
            >
              {t('sync.sub.change')}
            </button>
          )}
        </p>
      )}
      {subscription.trustHost && !pinned && (
        <p className="m-0 rounded bg-amber-50 p-2 text-amber-900" data-testid="sync-trust-warning">
          {t('sync.sub.trustWarning', { host: new URL(subscription.url).host })}
        </p>
      )}
      <div role="status" aria-live="polite" data-testid="sync-status" data-outcome={outcome?.kind ?? 'none'}>
        <p className="m-0">
          {subscription.lastCheckedAt
            ? t('sync.sub.lastChecked', { date: date(subscription.lastCheckedAt) })
            : t('sync.sub.neverChecked')}
        </p>
        {outcome && (
          <p className={`m-0 ${outcome.kind === 'failed' ? 'text-red-800' : 'text-emerald-800'}`}>{outcomeText(subscription)}</p>
        )}
        {outcome?.kind === 'failed' && (
          <p className="m-0 text-xs text-slate-500">
            <Bidi>{outcome.message}</Bidi>
          </p>
        )}
        {subscription.nextRetryAt && <p className="m-0">{t('sync.sub.nextTry', { date: date(subscription.nextRetryAt) })}</p>}
        {/* The organisation's address cannot ask for access when it is set: the person allows it here, once. */}
        {urlSet && outcome?.kind === 'failed' && outcome.code === 'permission' && (
          <Button variant="primary" data-testid="sync-allow-host" onClick={() => void requestHostAccess(subscription.url)}>
            {t('policy.allowPackHost', { origin: new URL(subscription.url).origin })}
          </Button>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          disabled={busy}
          data-testid="sync-refresh"
          onClick={() => void run(() => update(sendToBackground('panel.refreshPack', {})))}
        >
          {t('sync.sub.refresh')}
        </Button>
        {!urlSet && (
          <Button
            variant="danger"
            disabled={busy}
            data-testid="sync-unsubscribe"
            onClick={() => {
              if (window.confirm(t('sync.sub.unsubscribeConfirm')))
                void run(() => update(sendToBackground('panel.unsubscribe', {})));
            }}
          >
            {t('sync.sub.unsubscribe')}
          </Button>
        )}
      </div>
      <ErrorLine error={error} />
    </div>
  );
}

export function Subscription({ subscription, pinned }: { subscription: SubscriptionState | undefined; pinned: boolean }) {
  const [deniedOrigin, setDeniedOrigin] = useState<string>();
  return (
    <Block title={t('sync.sub.title')} hint={t('sync.sub.hint')} testId="sync-subscription">
      {subscription ? (
        <SubscriptionView subscription={subscription} pinned={pinned} />
      ) : policy.value.values.teamPackUrl ? (
        // The background is subscribing to the organisation's address at this moment.
        <p className="m-0" data-testid="sync-following">
          {t('sync.sub.following')} <Ltr className="break-all">{policy.value.values.teamPackUrl}</Ltr>
          <PolicyBadge />
        </p>
      ) : (
        <SubscribeForm onAccess={setDeniedOrigin} pinned={pinned} />
      )}
      {deniedOrigin && (
        <p className="m-0 text-amber-800" data-testid="sync-permission-note">
          {t('sync.permissionDenied', { origin: deniedOrigin })}
        </p>
      )}
    </Block>
  );
}
