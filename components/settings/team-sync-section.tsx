/** Team sync in the Settings tab: role, pack subscription, pending update, history, signing keys, webhook. */
import { useSignals } from '@preact/signals-react/runtime';
import { type ReactNode, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { downloadText } from '@/utils/export/download';
import { formatDateTime } from '@/utils/i18n/locale';
import type { MessageKey } from '@/utils/i18n/messages';
import { sendToBackground } from '@/utils/messaging/client';
import type { Role } from '@/utils/schemas/settings';
import { locale, lockedSettings, policy, settings, syncStatus, t, updateSettings } from '@/utils/state/panel-store';
import { PublicKeyTextError, parsePublicKeyText } from '@/utils/sync/signing';
import type { PackDiff, PackHistoryItem, SubscriptionState, SyncStatus } from '@/utils/sync/types';
import { PolicyBadge, setByPolicy } from './policy';
import { diffLines } from './sync-diff-lines';

const date = (iso: string) => formatDateTime(locale.value, iso);

/** Runs one button's action: disables it meanwhile and keeps the error to show next to it. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

/** The background answers most sync messages with the new status: show it without waiting for the broadcast. */
async function update(status: Promise<SyncStatus>): Promise<void> {
  syncStatus.value = await status;
}

/**
 * Asks for the host permission of `url`. Call it first in a click handler, before any other await:
 * browsers grant permissions only while handling the click. The pattern has no port, because
 * Firefox refuses match patterns with one (Chrome matches every port then).
 */
async function requestHostAccess(url: string): Promise<boolean> {
  const { protocol, hostname } = new URL(url);
  try {
    return await browser.permissions.request({ origins: [`${protocol}//${hostname}/*`] });
  } catch {
    return false;
  }
}

function ErrorLine({ error }: { error?: string }) {
  return error ? (
    <p role="alert" className="m-0 text-red-800">
      {t('common.error', { message: error })}
    </p>
  ) : null;
}

function Block({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) {
  return (
    <div className="space-y-2 rounded border border-slate-200 p-2" data-testid={testId}>
      <h3 className="m-0 text-sm font-semibold">{title}</h3>
      {hint && <p className="m-0 text-slate-500">{hint}</p>}
      {children}
    </div>
  );
}

function DiffView({ diff }: { diff: PackDiff }) {
  useSignals();
  return (
    <ul className="m-0 list-none space-y-1 p-0" data-testid="sync-diff">
      {diffLines(diff).map((line, index) => (
        <li key={`${line.key}-${index}`}>
          {t(line.key, line.params)}
          {line.names.map((name, nameIndex) => (
            <Bidi key={nameIndex} className="ms-1 inline-block rounded bg-slate-100 px-1">
              {name}
            </Bidi>
          ))}
        </li>
      ))}
    </ul>
  );
}

function RoleSelector() {
  const id = useId();
  const role = settings.value.role;
  const locked = lockedSettings.value.role !== undefined;
  return (
    <div className="grid grid-cols-1 gap-1">
      <label htmlFor={id} className="font-medium text-slate-700">
        {t('sync.role')}
        {locked && <PolicyBadge />}
      </label>
      <select
        id={id}
        data-testid="sync-role"
        className="rounded-md border border-slate-300 px-2 py-1 disabled:bg-slate-100"
        disabled={locked}
        value={role}
        onChange={(e) => void updateSettings({ role: e.target.value as Role })}
      >
        <option value="manager">{t('sync.role.manager')}</option>
        <option value="agent">{t('sync.role.agent')}</option>
      </select>
      <p className="m-0 text-slate-500">{t(role === 'manager' ? 'sync.role.manager.hint' : 'sync.role.agent.hint')}</p>
    </div>
  );
}

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
function SubscribeForm({ onAccess }: { onAccess: (deniedOrigin: string | undefined) => void }) {
  const id = useId();
  const [url, setUrl] = useState('');
  const [autoApply, setAutoApply] = useState(policy.value.values.autoApply ?? true);
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
    return outcome.note === 'same-version-changed' ? `${text} ${t('sync.outcome.sameVersionChanged')}` : text;
  }
  const reason = t(`sync.failure.${outcome.code}`, { status: outcome.status ?? '?' });
  return `${t('sync.outcome.failed')} ${reason}`;
}

function SubscriptionView({ subscription }: { subscription: SubscriptionState }) {
  const { busy, error, run } = useAction();
  const outcome = subscription.lastOutcome;
  const [editing, setEditing] = useState(false);
  const [autoApply, setAutoApply] = useState(subscription.autoApply);
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
                }),
              );
              setEditing(false);
            });
          }}
        >
          <RefreshSettings
            autoApply={autoApply}
            setAutoApply={setAutoApply}
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
          {t(subscription.autoApply ? 'sync.sub.mode.auto' : 'sync.sub.mode.confirm')}
          {refreshSet && <PolicyBadge />}{' '}
          {!bothSet && (
            <button
              type="button"
              className="text-brand-700 underline"
              data-testid="sync-settings-change"
              onClick={() => {
                setAutoApply(subscription.autoApply);
                setRefreshText(String(subscription.refreshMinutes));
                setEditing(true);
              }}
            >
              {t('sync.sub.change')}
            </button>
          )}
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

function Subscription({ subscription }: { subscription: SubscriptionState | undefined }) {
  const [deniedOrigin, setDeniedOrigin] = useState<string>();
  return (
    <Block title={t('sync.sub.title')} hint={t('sync.sub.hint')} testId="sync-subscription">
      {subscription ? (
        <SubscriptionView subscription={subscription} />
      ) : policy.value.values.teamPackUrl ? (
        // The background is subscribing to the organisation's address at this moment.
        <p className="m-0" data-testid="sync-following">
          {t('sync.sub.following')} <Ltr className="break-all">{policy.value.values.teamPackUrl}</Ltr>
          <PolicyBadge />
        </p>
      ) : (
        <SubscribeForm onAccess={setDeniedOrigin} />
      )}
      {deniedOrigin && (
        <p className="m-0 text-amber-800" data-testid="sync-permission-note">
          {t('sync.permissionDenied', { origin: deniedOrigin })}
        </p>
      )}
    </Block>
  );
}

function PendingUpdate({ pending }: { pending: NonNullable<SyncStatus['pending']> }) {
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
          onClick={() => void run(() => update(sendToBackground('panel.applyPendingUpdate', {})))}
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
function History({ items, canRestore }: { items: PackHistoryItem[]; canRestore: boolean }) {
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
              {canRestore && (
                <Button
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(t('sync.history.restoreConfirm', { name: item.name, version: item.version }))) {
                      void run(() => update(sendToBackground('panel.restorePackVersion', { historyId: item.id })));
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

function SigningKey({ signing }: { signing: SyncStatus['signing'] }) {
  const { busy, error, run } = useAction();
  const [copied, setCopied] = useState(false);
  const generate = () => void run(() => update(sendToBackground('panel.generateSigningKey', {})));
  return (
    <Block title={t('sync.sign.title')} hint={t('sync.sign.hint')} testId="sync-signing">
      {!signing ? (
        <>
          <p className="m-0 text-slate-500">{t('sync.sign.none')}</p>
          <Button variant="primary" disabled={busy} data-testid="sync-generate-key" onClick={generate}>
            {t('sync.sign.generate')}
          </Button>
        </>
      ) : (
        <>
          <p className="m-0">{t('sync.sign.algorithm', { algorithm: signing.algorithm, date: date(signing.createdAt) })}</p>
          <p className="m-0">
            {t('sync.sign.fingerprint')}{' '}
            <span data-testid="sync-fingerprint">
              <Ltr className="font-mono">{signing.fingerprint}</Ltr>
            </span>
          </p>
          <p className="m-0 font-medium text-slate-700">{t('sync.sign.publicKey')}</p>
          <div className="flex items-start gap-2">
            <code dir="ltr" className="flex-1 break-all rounded bg-slate-100 p-1 text-xs" data-testid="sync-public-key">
              {signing.publicKeyText}
            </code>
            <Button
              onClick={() =>
                void run(async () => {
                  await navigator.clipboard.writeText(signing.publicKeyText);
                  setCopied(true);
                })
              }
            >
              {copied ? t('sync.sign.copied') : t('sync.sign.copy')}
            </Button>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="danger"
              disabled={busy}
              data-testid="sync-export-key"
              onClick={() => {
                if (!window.confirm(t('sync.sign.exportConfirm'))) return;
                void run(async () => {
                  const { fileName, json } = await sendToBackground('panel.exportSigningKey', {});
                  downloadText(fileName, json, 'application/json');
                });
              }}
            >
              {t('sync.sign.export')}
            </Button>
            <Button
              variant="ghost"
              disabled={busy}
              onClick={() => {
                if (window.confirm(t('sync.sign.regenerateConfirm'))) generate();
              }}
            >
              {t('sync.sign.regenerate')}
            </Button>
          </div>
        </>
      )}
      <ErrorLine error={error} />
    </Block>
  );
}

function Publish({ canSign }: { canSign: boolean }) {
  const [bumpVersion, setBumpVersion] = useState(true);
  const [sign, setSign] = useState(true);
  const [published, setPublished] = useState<{ fileName: string; version: number; signed: boolean }>();
  const { busy, error, run } = useAction();
  return (
    <Block title={t('sync.publish.title')} hint={t('sync.publish.hint')}>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={bumpVersion} onChange={(e) => setBumpVersion(e.target.checked)} />
        {t('sync.publish.bump')}
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" disabled={!canSign} checked={canSign && sign} onChange={(e) => setSign(e.target.checked)} />
        {t('sync.publish.sign')}
      </label>
      <Button
        variant="primary"
        disabled={busy}
        data-testid="sync-publish"
        onClick={() =>
          void run(async () => {
            const result = await sendToBackground('panel.publishPack', { bumpVersion, sign: canSign && sign });
            downloadText(result.fileName, result.json, 'application/json');
            setPublished(result);
          })
        }
      >
        {t('sync.publish.button')}
      </Button>
      {published && (
        <p role="status" className="m-0 rounded bg-emerald-50 p-2 text-emerald-900" data-testid="sync-published">
          {t('sync.publish.done', { version: published.version, file: published.fileName })}{' '}
          {t(published.signed ? 'sync.publish.signed' : 'sync.publish.unsigned')}
        </p>
      )}
      <ErrorLine error={error} />
    </Block>
  );
}

function PinKey({ pinned }: { pinned: SyncStatus['pinned'] }) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const { busy, error, run } = useAction();
  const keySet = setByPolicy('managerPublicKey');
  const pin = (publicKey: string | null) =>
    run(async () => {
      const result = await sendToBackground('panel.pinPublicKey', { publicKey });
      if (!result.ok) throw new Error(result.message);
      syncStatus.value = result.status;
      setText('');
    });
  return (
    <Block title={t('sync.pin.title')} hint={keySet ? undefined : t('sync.pin.hint')} testId="sync-pin">
      {pinned && (
        <div className="flex flex-wrap items-center gap-2" data-testid="sync-pinned">
          <span>
            {t('sync.pin.pinned', { algorithm: pinned.algorithm, date: date(pinned.pinnedAt) })}{' '}
            <Ltr className="font-mono">{pinned.fingerprint}</Ltr>
          </span>
          {keySet ? (
            <PolicyBadge />
          ) : (
            <Button
              variant="danger"
              disabled={busy}
              data-testid="sync-unpin"
              onClick={() => {
                if (window.confirm(t('sync.pin.unpinConfirm'))) void pin(null);
              }}
            >
              {t('sync.pin.unpin')}
            </Button>
          )}
        </div>
      )}
      {!keySet && (
        <form
          className="grid grid-cols-1 gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            void (async () => {
              // Checked here first so a bad paste is explained in the reader's language; the background checks again.
              try {
                await parsePublicKeyText(text);
                setProblem(undefined);
              } catch (caught) {
                setProblem(caught instanceof PublicKeyTextError ? t(`sync.pin.error.${caught.code}`) : String(caught));
                return;
              }
              await pin(text.trim());
            })();
          }}
        >
          <label htmlFor={id} className="font-medium text-slate-700">
            {t('sync.pin.input')}
          </label>
          <textarea
            id={id}
            dir="ltr"
            rows={2}
            maxLength={400}
            data-testid="sync-pin-input"
            className="rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div>
            <Button type="submit" variant="primary" disabled={busy || text.trim() === ''} data-testid="sync-pin-save">
              {t('sync.pin.save')}
            </Button>
          </div>
          {problem && (
            <p role="alert" className="m-0 text-red-800" data-testid="sync-pin-problem">
              {problem}
            </p>
          )}
        </form>
      )}
      <ErrorLine error={error} />
    </Block>
  );
}

function Webhook({ webhook, outbox }: Pick<SyncStatus, 'webhook' | 'outbox'>) {
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
          <Subscription subscription={status.subscription} />
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
              <Publish canSign={status.signing !== undefined} />
              {/* A key the organisation pinned binds managers too: their packs from the address must carry it. */}
              {setByPolicy('managerPublicKey') && <PinKey pinned={status.pinned} />}
            </>
          ) : (
            <PinKey pinned={status.pinned} />
          )}
          <Webhook webhook={status.webhook} outbox={status.outbox} />
        </>
      )}
    </div>
  );
}
