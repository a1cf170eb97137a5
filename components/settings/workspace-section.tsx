/**
 * The team workspace in Settings: connect a bucket (the secret goes to the background and never comes
 * back), the check's steps with what to fix, the log archive's progress, and a manager's "Publish to
 * the workspace". The bucket work is the background's (entrypoints/background/workspace.ts).
 */
import { useSignals } from '@preact/signals-react/runtime';
import { useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { ErrorLine } from '@/components/ui/error-line';
import { useAction } from '@/components/ui/use-action';
import { formatDateTime } from '@/utils/i18n/locale';
import type { MessageKey } from '@/utils/i18n/messages';
import { sendToBackground } from '@/utils/messaging/client';
import type { ChangeBroadcast } from '@/utils/messaging/protocol';
import { locale, settings, syncStatus, t } from '@/utils/state/panel-store';
import type { CheckResult } from '@/utils/workspace/check';
import type { WorkspaceStatus } from '@/utils/workspace/types';
import { PolicyBadge, setByPolicy } from './policy';
import { requestHostAccess } from './team-sync/sync-parts';

const OUTCOME_STYLE: Record<CheckResult['outcome'], string> = {
  ok: 'text-emerald-700',
  failed: 'text-red-700',
  warning: 'text-amber-700',
  skipped: 'text-slate-500',
};

function useWorkspaceStatus(): [WorkspaceStatus | undefined, (status: WorkspaceStatus) => void] {
  const [status, setStatus] = useState<WorkspaceStatus>();
  useEffect(() => {
    const load = () => void sendToBackground('panel.workspaceStatus', {}).then(setStatus, () => undefined);
    load();
    // The archive runs in the background: its progress arrives as a 'sync' change.
    const onMessage = (message: unknown) => {
      const broadcast = message as Partial<ChangeBroadcast> | null;
      if (broadcast?.type === 'broadcast.changed' && broadcast.topics?.includes('sync')) load();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, []);
  return [status, setStatus];
}

function CheckList({ results }: { results: CheckResult[] }) {
  return (
    <ul className="m-0 list-none space-y-1 p-0" data-testid="workspace-check">
      {results.map((result) => (
        <li key={result.step} data-step={result.step} data-outcome={result.outcome}>
          <span className="font-medium">{t(`workspace.step.${result.step}` as MessageKey)}</span>
          {': '}
          <span className={OUTCOME_STYLE[result.outcome]}>{t(`workspace.outcome.${result.outcome}` as MessageKey)}</span>
          {result.problem && <p className="m-0 text-slate-700">{t(`workspace.fix.${result.problem}` as MessageKey)}</p>}
          {/* The server's own words, for whoever fixes the bucket. */}
          {result.detail && (
            <span className="block text-xs text-slate-500" data-testid="workspace-check-detail">
              <Bidi>{result.detail}</Bidi>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function WorkspaceSection() {
  useSignals();
  const id = useId();
  const [status, setStatus] = useWorkspaceStatus();
  const [results, setResults] = useState<CheckResult[]>();
  const [form, setForm] = useState({
    endpoint: '',
    bucket: '',
    region: 'us-east-1',
    accessKeyId: '',
    secretAccessKey: '',
    person: '',
  });
  const [published, setPublished] = useState<{ url: string; version: number }>();
  const { busy, error, run } = useAction();
  const connected = status?.connected ? status : undefined;
  // Set by the organisation: the details are shown, not changed; the background refuses changes too.
  const locked = setByPolicy('workspace');

  // The details in use fill the form (all but the secret, which never comes back from the background).
  useEffect(() => {
    if (!status?.connected) return;
    const { endpoint, bucket, region, accessKeyId, person } = status;
    setForm((f) => ({ ...f, endpoint, bucket, region, accessKeyId, person }));
  }, [status]);

  const field = (name: keyof typeof form, label: MessageKey, type = 'text') => (
    <div className="grid grid-cols-1 gap-0.5">
      <label htmlFor={`${id}-${name}`} className="font-medium text-slate-700">
        {t(label)}
      </label>
      <input
        id={`${id}-${name}`}
        type={type}
        dir={name === 'person' ? 'auto' : 'ltr'}
        autoComplete="off"
        spellCheck={false}
        data-testid={`workspace-${name}`}
        className="rounded-md border border-slate-300 px-2 py-1"
        value={form[name]}
        disabled={locked}
        placeholder={name === 'secretAccessKey' && connected ? '••••••••' : undefined}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </div>
  );
  const validEndpoint = URL.canParse(form.endpoint.trim()) && /^https?:$/.test(new URL(form.endpoint.trim()).protocol);
  const complete = validEndpoint && form.bucket && form.accessKeyId && form.secretAccessKey && form.person.trim();
  const date = (iso: string) => formatDateTime(locale.value, iso);

  return (
    <section className="space-y-2 rounded border border-slate-200 p-2" data-testid="workspace" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="m-0 text-base font-semibold">
        {t('workspace.title')}
        {locked && <PolicyBadge />}
      </h2>
      <p className="m-0 text-slate-500">{t('workspace.hint')}</p>
      <form
        className="grid grid-cols-1 gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (!complete) return;
          // As the URL parser writes it (the team-address rule reads "http://127.0.0.1:7480/", with its slash).
          const endpoint = new URL(form.endpoint.trim()).href;
          // Asked during the click (browsers grant only then), not waited for: a bucket whose CORS rules allow
          // the extension works without it, and the check says which one is missing.
          void requestHostAccess(endpoint);
          setResults(undefined); // the last check's steps are not this one's
          void run(async () => {
            const reply = await sendToBackground('panel.connectWorkspace', { ...form, endpoint, bucket: form.bucket.trim() });
            setResults(reply.results);
            setStatus(reply.status);
            if (reply.status.connected) setForm((f) => ({ ...f, secretAccessKey: '' }));
          });
        }}
      >
        {field('endpoint', 'workspace.endpoint', 'url')}
        {field('bucket', 'workspace.bucket')}
        {field('region', 'workspace.region')}
        {field('accessKeyId', 'workspace.accessKeyId')}
        {field('secretAccessKey', 'workspace.secret', 'password')}
        {connected && <p className="m-0 text-xs text-slate-500">{t('workspace.secretKept')}</p>}
        {field('person', 'workspace.person')}
        <div className="flex flex-wrap gap-2">
          {!locked && (
            <Button type="submit" variant="primary" disabled={busy || !complete} data-testid="workspace-connect">
              {t('workspace.connect')}
            </Button>
          )}
          {connected && (
            <>
              <Button
                disabled={busy}
                data-testid="workspace-check-again"
                onClick={() => void run(async () => setResults((await sendToBackground('panel.checkWorkspace', {})).results))}
              >
                {t('workspace.check')}
              </Button>
              {!locked && (
                <Button
                  variant="danger"
                  disabled={busy}
                  data-testid="workspace-disconnect"
                  onClick={() =>
                    void run(async () => {
                      setStatus(await sendToBackground('panel.disconnectWorkspace', {}));
                      setResults(undefined);
                    })
                  }
                >
                  {t('workspace.disconnect')}
                </Button>
              )}
            </>
          )}
        </div>
      </form>
      <ErrorLine error={error} />
      <div role="status" aria-live="polite" aria-busy={busy} className="space-y-1" data-testid="workspace-status">
        {connected ? (
          <>
            <p className="m-0">
              {t('workspace.connected', { bucket: connected.bucket, endpoint: connected.endpoint, person: connected.person })}
            </p>
            <p className="m-0" data-testid="workspace-archive">
              {t('workspace.archive.entries', { count: connected.archive.entries })}
              {connected.archive.objects > 0 && ` ${t('workspace.archive.objects', { count: connected.archive.objects })}`}
              {connected.archive.lastRunAt && (
                <span className="text-slate-500">
                  {' '}
                  · {t('workspace.archive.last', { date: date(connected.archive.lastRunAt) })}
                </span>
              )}
            </p>
            {connected.archive.lastError && (
              <p className="m-0 text-amber-800" data-testid="workspace-archive-error">
                {t('workspace.archive.error', { kind: connected.archive.lastError.kind })}
              </p>
            )}
          </>
        ) : (
          (locked && (
            <p className="m-0 text-amber-800" data-testid="workspace-policy-not-connected">
              {t('workspace.policyNotConnected')}
            </p>
          )) ||
          (results && <p className="m-0 text-amber-800">{t('workspace.notSaved')}</p>)
        )}
        {results && <CheckList results={results} />}
      </div>
      {connected && (
        <div className="flex flex-wrap gap-2">
          <Button
            disabled={busy}
            data-testid="workspace-archive-now"
            onClick={() => void run(async () => setStatus(await sendToBackground('panel.archiveLogNow', {})))}
          >
            {t('workspace.archiveNow')}
          </Button>
          {settings.value.role === 'manager' && (
            <Button
              disabled={busy}
              data-testid="workspace-publish"
              onClick={() =>
                void run(async () => {
                  // The pack as Publish makes it (signed when there is a key); the background puts it in the bucket.
                  const sign = syncStatus.value?.signing !== undefined;
                  // A new version, as Publish makes by default: the same version again would be "unchanged" to agents.
                  const pack = await sendToBackground('panel.publishPack', { bumpVersion: true, sign });
                  setPublished(await sendToBackground('panel.publishPackToWorkspace', { json: pack.json }));
                })
              }
            >
              {t('workspace.publish')}
            </Button>
          )}
        </div>
      )}
      {published && (
        <p className="m-0" data-testid="workspace-published">
          {t('workspace.published', { version: published.version })} <Ltr className="break-all">{published.url}</Ltr>
        </p>
      )}
    </section>
  );
}
