import { useSignals } from '@preact/signals-react/runtime';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DropZone } from '@/components/ui/drop-zone';
import { FileButton } from '@/components/ui/file-button';
import { ProblemList } from '@/components/ui/problem-list';
import { base64ToBytes, bytesToBase64, MAX_BACKUP_BYTES, megabytes, type RestorePreview } from '@/utils/backup/format';
import { downloadText } from '@/utils/export/download';
import type { Problem } from '@/utils/guidance/problems';
import type { MessageKey } from '@/utils/i18n/messages';
import { problemsFromError, sendToBackground } from '@/utils/messaging/client';
import { t } from '@/utils/state/panel-store';
import { RestorePreviewPanel } from './restore-preview';

type Outcome =
  | { kind: 'created'; file: string; bytes: number }
  | { kind: 'create-failed'; message: string }
  | { kind: 'restored'; file: string; counts: Record<string, number>; warnings: Problem[] }
  | { kind: 'rejected'; file: string; problems: Problem[] }
  | { kind: 'cancelled'; file: string };

/** A backup read and checked, waiting for the person to confirm what it changes. */
interface Waiting {
  file: string;
  base64: string;
  preview: RestorePreview;
}

/** Backup problems carry a `backup-…` code: said here in the UI language; the others as ProblemList says them. */
function localized(problems: Problem[]): Problem[] {
  return problems.map((problem) => {
    if (!problem.code?.startsWith('backup-')) return problem;
    const key = `backup.problem.${problem.code.slice('backup-'.length)}` as MessageKey;
    const text = t(key, problem.params);
    return { path: problem.path, message: text === key ? problem.message : text };
  });
}

/** Backup and restore in the Settings tab. */
export function BackupSection() {
  useSignals();
  const id = useId();
  const [includeKey, setIncludeKey] = useState(false);
  const [busy, setBusy] = useState<'create' | 'preview' | 'restore'>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [waiting, setWaiting] = useState<Waiting>();

  async function create() {
    setBusy('create');
    setOutcome(undefined);
    try {
      const result = await sendToBackground('panel.createBackup', { includePrivateKey: includeKey });
      if (!result.ok) {
        setOutcome({ kind: 'create-failed', message: result.message });
        return;
      }
      downloadText(result.fileName, base64ToBytes(result.base64), 'application/zip');
      setOutcome({ kind: 'created', file: result.fileName, bytes: result.bytes });
    } catch (error) {
      setOutcome({ kind: 'create-failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(undefined);
    }
  }

  /** Step one: the background reads the file and says what restoring it would change; nothing is written. */
  async function preview(file: File | undefined) {
    if (!file) return;
    setBusy('preview');
    setOutcome(undefined);
    setWaiting(undefined);
    const reject = (problems: Problem[]) => setOutcome({ kind: 'rejected', file: file.name, problems });
    try {
      if (file.size > MAX_BACKUP_BYTES) {
        const limit = megabytes(MAX_BACKUP_BYTES);
        reject([
          {
            path: '$',
            code: 'backup-too-large',
            params: { limit },
            message: `The file is too large to restore: at most ${limit} MB.`,
          },
        ]);
        return;
      }
      const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const result = await sendToBackground('panel.previewRestore', { base64, fileName: file.name.slice(0, 255) });
      if (result.ok) setWaiting({ file: file.name, base64, preview: result.preview });
      else reject(result.problems);
    } catch (error) {
      reject(problemsFromError(error));
    } finally {
      setBusy(undefined);
    }
  }

  /** Step two, on confirmation: the background reads the file again and restores it with the person's choices. */
  async function restore({ file, base64 }: Waiting, choices: { usePinnedKey: boolean }) {
    setBusy('restore');
    try {
      const result = await sendToBackground('panel.restoreBackup', {
        base64,
        fileName: file.slice(0, 255),
        usePinnedKey: choices.usePinnedKey,
      });
      setOutcome(
        result.ok
          ? { kind: 'restored', file, counts: result.counts, warnings: result.warnings ?? [] }
          : { kind: 'rejected', file, problems: result.problems },
      );
    } catch (error) {
      setOutcome({ kind: 'rejected', file, problems: problemsFromError(error) });
    } finally {
      setWaiting(undefined);
      setBusy(undefined);
    }
  }

  return (
    <div className="space-y-2" data-testid="backup-section">
      <h2 className="m-0 text-base font-semibold">{t('backup.title')}</h2>
      <p className="m-0 text-slate-600">{t('backup.intro')}</p>

      <div className="flex flex-wrap items-center gap-2">
        <Button variant="primary" disabled={busy !== undefined} onClick={() => void create()} data-testid="backup-create">
          {busy === 'create' ? t('backup.creating') : t('backup.create')}
        </Button>
        <label htmlFor={`${id}-key`} className="flex items-center gap-1">
          <input
            id={`${id}-key`}
            type="checkbox"
            checked={includeKey}
            onChange={(e) => setIncludeKey(e.target.checked)}
            data-testid="backup-include-key"
          />
          {t('backup.includeKey')}
        </label>
      </div>
      {includeKey && (
        <p role="alert" className="m-0 rounded border border-amber-300 bg-amber-50 p-2 text-amber-900">
          {t('backup.includeKeyWarning')}
        </p>
      )}

      <DropZone
        onFiles={(files) => void preview(files[0])}
        className="flex flex-wrap items-center gap-2"
        testId="backup-drop-zone"
      >
        <FileButton
          variant="danger"
          disabled={busy !== undefined}
          accept=".zip,application/zip"
          testId="backup-restore-input"
          onFiles={(files) => void preview(files[0])}
        >
          {busy === 'preview' ? t('backup.previewing') : t('backup.restore')}
        </FileButton>
        <span className="text-slate-500">{t('backup.restoreDrop')}</span>
      </DropZone>

      {waiting && (
        <RestorePreviewPanel
          file={waiting.file}
          preview={waiting.preview}
          busy={busy === 'restore'}
          onConfirm={(choices) => void restore(waiting, choices)}
          onCancel={() => {
            setWaiting(undefined);
            setOutcome({ kind: 'cancelled', file: waiting.file });
          }}
        />
      )}

      <div role="status" aria-live="polite" data-testid="backup-outcome">
        {outcome?.kind === 'created' && (
          <p className="m-0 rounded bg-emerald-50 p-2 text-emerald-900">
            {t('backup.created', { file: outcome.file, size: megabytes(outcome.bytes) })}
          </p>
        )}
        {outcome?.kind === 'create-failed' && (
          <p className="m-0 rounded bg-red-50 p-2 text-red-900">{t('backup.createFailed', { message: outcome.message })}</p>
        )}
        {outcome?.kind === 'restored' && (
          <div className="space-y-1 rounded bg-emerald-50 p-2 text-emerald-900">
            <p className="m-0">
              {t('backup.restored', {
                file: outcome.file,
                templates: outcome.counts.templates ?? 0,
                ads: outcome.counts.adCaptures ?? 0,
                media: outcome.counts.media ?? 0,
                testimonials: outcome.counts.testimonials ?? 0,
                log: outcome.counts.activityLog ?? 0,
              })}
            </p>
            {outcome.warnings.length > 0 && <ProblemList problems={localized(outcome.warnings)} />}
            {(outcome.counts.sitesNeedingPermission ?? 0) > 0 && (
              <p className="m-0 text-amber-900">{t('backup.restoredSites', { count: outcome.counts.sitesNeedingPermission })}</p>
            )}
          </div>
        )}
        {outcome?.kind === 'cancelled' && <p className="m-0 text-slate-700">{t('backup.cancelled', { file: outcome.file })}</p>}
        {outcome?.kind === 'rejected' && (
          <div className="rounded border border-red-200 p-2">
            <p className="m-0 font-medium text-red-900">
              {t('backup.rejected', { file: outcome.file, count: outcome.problems.length })}
            </p>
            <ProblemList problems={localized(outcome.problems)} />
          </div>
        )}
      </div>
    </div>
  );
}
