/** Signed packs: a manager's signing key and publishing, and the public key packs must carry. */
import { useId, useState } from 'react';
import { Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { ErrorLine } from '@/components/ui/error-line';
import { useAction } from '@/components/ui/use-action';
import { downloadText } from '@/utils/export/download';
import { sendToBackground } from '@/utils/messaging/client';
import { syncStatus, t } from '@/utils/state/panel-store';
import { PublicKeyTextError, parsePublicKeyText } from '@/utils/sync/signing';
import type { SyncStatus } from '@/utils/sync/types';
import { PolicyBadge, setByPolicy } from '../policy';
import { Block, date, update } from './sync-parts';

export function SigningKey({ signing }: { signing: SyncStatus['signing'] }) {
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

const EXPIRY_CHOICES = [30, 90, 180, 365] as const;
const DEFAULT_EXPIRY_DAYS = 90;

/**
 * Publishing: the version bump, the signature, and what the signature vouches for besides the pack:
 * the address it is for (the followed one, or the last one used) and an expiry (90 days unless chosen).
 */
export function Publish({
  canSign,
  publishing,
  followedUrl,
}: {
  canSign: boolean;
  publishing: SyncStatus['publishing'];
  followedUrl: string | undefined;
}) {
  const id = useId();
  const [bumpVersion, setBumpVersion] = useState(true);
  const [sign, setSign] = useState(true);
  const [audience, setAudience] = useState(publishing?.audience || followedUrl || '');
  const [expiry, setExpiry] = useState(String(publishing ? (publishing.expiresInDays ?? 'none') : DEFAULT_EXPIRY_DAYS));
  const [published, setPublished] = useState<{
    fileName: string;
    version: number;
    signed: boolean;
    audience?: string;
    expires?: string;
  }>();
  const { busy, error, run } = useAction();
  const signing = canSign && sign;
  const address = audience.trim();
  const validAddress = address === '' || (URL.canParse(address) && /^https?:$/.test(new URL(address).protocol));
  return (
    <Block title={t('sync.publish.title')} hint={t('sync.publish.hint')}>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={bumpVersion} onChange={(e) => setBumpVersion(e.target.checked)} />
        {t('sync.publish.bump')}
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" disabled={!canSign} checked={signing} onChange={(e) => setSign(e.target.checked)} />
        {t('sync.publish.sign')}
      </label>
      {signing && (
        <>
          <label htmlFor={`${id}-audience`} className="font-medium text-slate-700">
            {t('sync.publish.audience')}
          </label>
          <input
            id={`${id}-audience`}
            type="url"
            dir="ltr"
            data-testid="sync-publish-audience"
            className="rounded-md border border-slate-300 px-2 py-1"
            value={audience}
            onChange={(e) => setAudience(e.target.value)}
          />
          {!validAddress && <p className="m-0 text-amber-800">{t('sync.sub.badUrl')}</p>}
          <label className="flex items-center gap-2">
            {t('sync.publish.expiry')}
            <select
              data-testid="sync-publish-expiry"
              className="rounded-md border border-slate-300 px-2 py-1"
              value={expiry}
              onChange={(e) => setExpiry(e.target.value)}
            >
              {EXPIRY_CHOICES.map((days) => (
                <option key={days} value={String(days)}>
                  {t('sync.publish.expiry.days', { days })}
                </option>
              ))}
              <option value="none">{t('sync.publish.expiry.none')}</option>
            </select>
          </label>
        </>
      )}
      <Button
        variant="primary"
        disabled={busy || (signing && !validAddress)}
        data-testid="sync-publish"
        onClick={() =>
          void run(async () => {
            const result = await sendToBackground('panel.publishPack', {
              bumpVersion,
              sign: signing,
              ...(signing ? { audience: address || null, expiresInDays: expiry === 'none' ? null : Number(expiry) } : {}),
            });
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
          {published.audience && <> {t('sync.publish.audienceSet', { url: published.audience })}</>}
          {published.expires && <> {t('sync.publish.expiresAt', { date: date(published.expires) })}</>}
        </p>
      )}
      <ErrorLine error={error} />
    </Block>
  );
}

/** `canUnpin`: a manager's panel (the background refuses an agent's unpin too). */
export function PinKey({ pinned, canUnpin }: { pinned: SyncStatus['pinned']; canUnpin: boolean }) {
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
          ) : !canUnpin ? (
            <span className="text-slate-500" data-testid="sync-unpin-manager-only">
              {t('sync.pin.managerOnly')}
            </span>
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
