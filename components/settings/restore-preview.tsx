/**
 * What restoring a backup will change, shown before anything changes: the pack in use, the team's
 * addresses, the pinned key, the role and what the backup holds; changes are marked. The pinned
 * key stays this browser's unless the person ticks the box.
 */
import { useSignals } from '@preact/signals-react/runtime';
import { type ReactNode, useId, useState } from 'react';
import { Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import type { PackLabel, RestorePreview, UrlChange } from '@/utils/backup/format';
import { formatDateTime } from '@/utils/i18n/locale';
import { locale, t } from '@/utils/state/panel-store';

function Row({ label, changed, testId, children }: { label: string; changed: boolean; testId: string; children: ReactNode }) {
  return (
    <div
      className={`rounded p-1.5 ${changed ? 'border border-amber-300 bg-amber-50' : ''}`}
      data-testid={testId}
      data-changed={changed}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{label}</span>
        {changed && (
          <span className="rounded bg-amber-200 px-1.5 text-xs font-semibold text-amber-900">{t('backup.preview.changes')}</span>
        )}
      </div>
      <div className="mt-0.5 flex flex-wrap items-center gap-1">{children}</div>
    </div>
  );
}

/** Before → after, in reading order (the arrow follows the page's direction). */
function BeforeAfter({ before, after }: { before: ReactNode; after: ReactNode }) {
  return (
    <>
      <span className="text-slate-600">{before}</span>
      <span aria-hidden="true">{locale.value === 'ar' ? '←' : '→'}</span>
      <span className="font-medium">{after}</span>
    </>
  );
}

const none = () => <span className="text-slate-500">{t('backup.preview.none')}</span>;
const packText = (pack?: PackLabel) =>
  pack ? t('backup.preview.packLabel', { name: pack.name, version: pack.version }) : none();
const urlText = (url?: string) => (url ? <Ltr className="break-all">{url}</Ltr> : none());

function UrlRow({ label, change, testId }: { label: string; change: UrlChange; testId: string }) {
  const changed = change.before !== change.after;
  return (
    <Row label={label} changed={changed} testId={testId}>
      <BeforeAfter before={urlText(change.before)} after={urlText(change.after)} />
      {change.refused && (
        <p className="m-0 w-full text-red-800" data-testid={`${testId}-refused`}>
          {t('backup.preview.refused', { url: change.refused.url })}
        </p>
      )}
    </Row>
  );
}

export function RestorePreviewPanel({
  file,
  preview,
  busy,
  onConfirm,
  onCancel,
}: {
  file: string;
  preview: RestorePreview;
  busy: boolean;
  onConfirm: (choices: { usePinnedKey: boolean }) => void;
  onCancel: () => void;
}) {
  useSignals();
  const id = useId();
  const [usePinnedKey, setUsePinnedKey] = useState(false);
  const { pin, counts } = preview;
  const pinDiffers = pin.before !== pin.backup;
  const packChanged =
    preview.pack.before?.name !== preview.pack.after?.name || preview.pack.before?.version !== preview.pack.after?.version;
  const role = (r: 'manager' | 'agent') => t(r === 'manager' ? 'sync.role.manager' : 'sync.role.agent');

  return (
    <section
      className="space-y-2 rounded border border-slate-300 p-2"
      data-testid="backup-preview"
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} className="m-0 text-sm font-semibold">
        {t('backup.preview.title', { file })}
      </h3>
      <p className="m-0 text-slate-600">
        {t('backup.preview.made', { date: formatDateTime(locale.value, preview.createdAt), version: preview.appVersion })}
      </p>

      <Row label={t('backup.preview.pack')} changed={packChanged} testId="backup-preview-pack">
        <BeforeAfter before={packText(preview.pack.before)} after={packText(preview.pack.after)} />
      </Row>
      <UrlRow label={t('backup.preview.teamUrl')} change={preview.teamUrl} testId="backup-preview-team-url" />
      <UrlRow label={t('backup.preview.webhookUrl')} change={preview.webhookUrl} testId="backup-preview-webhook" />

      <Row label={t('backup.preview.pin')} changed={usePinnedKey && pinDiffers} testId="backup-preview-pin">
        <div className="w-full space-y-1">
          <p className="m-0">{t('backup.preview.pinCurrent', { fingerprint: pin.before ?? t('backup.preview.none') })}</p>
          <p className="m-0">{t('backup.preview.pinBackup', { fingerprint: pin.backup ?? t('backup.preview.none') })}</p>
          {pin.refused && <p className="m-0 text-red-800">{t('backup.preview.pinRefused')}</p>}
          {pinDiffers && (
            <>
              <p className="m-0 text-slate-600">{t('backup.preview.pinKept')}</p>
              <label htmlFor={`${id}-pin`} className="flex items-center gap-1">
                <input
                  id={`${id}-pin`}
                  type="checkbox"
                  checked={usePinnedKey}
                  onChange={(e) => setUsePinnedKey(e.target.checked)}
                  data-testid="backup-use-pin"
                />
                {pin.backup ? t('backup.preview.usePin') : t('backup.preview.usePinNone')}
              </label>
            </>
          )}
        </div>
      </Row>

      <Row label={t('backup.preview.role')} changed={preview.role.before !== preview.role.after} testId="backup-preview-role">
        <BeforeAfter before={role(preview.role.before)} after={role(preview.role.after)} />
      </Row>

      <p className="m-0" data-testid="backup-preview-records">
        {t('backup.preview.records', {
          templates: counts.templates ?? 0,
          ads: counts.adCaptures ?? 0,
          media: counts.media ?? 0,
          testimonials: counts.testimonials ?? 0,
          log: counts.activityLog ?? 0,
        })}
      </p>
      {preview.signingKey && <p className="m-0 text-amber-900">{t('backup.preview.signingKey')}</p>}
      <p role="alert" className="m-0 rounded border border-red-200 bg-red-50 p-2 text-red-900">
        {t('backup.preview.replaceAll')}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" disabled={busy} onClick={() => onConfirm({ usePinnedKey })} data-testid="backup-confirm">
          {busy ? t('backup.restoring') : t('backup.preview.confirm')}
        </Button>
        <Button disabled={busy} onClick={onCancel} data-testid="backup-cancel">
          {t('backup.preview.cancel')}
        </Button>
      </div>
    </section>
  );
}
