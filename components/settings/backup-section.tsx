import { useSignals } from '@preact/signals-react/runtime';
import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DropZone } from '@/components/ui/drop-zone';
import { FileButton } from '@/components/ui/file-button';
import { ProblemList } from '@/components/ui/problem-list';
import { TransferProgress } from '@/components/ui/transfer-progress';
import {
  downloadBackup,
  openRestore,
  type TransferProgress as Progress,
  type RestoreSession,
} from '@/utils/backup/backup-transfer';
import { megabytes } from '@/utils/backup/format';
import type { Problem } from '@/utils/guidance/problems';
import type { MessageKey } from '@/utils/i18n/messages';
import { problemsFromError } from '@/utils/messaging/client';
import { t } from '@/utils/state/panel-store';
import { RestorePreviewPanel } from './restore-preview';

type Outcome =
  | { kind: 'created'; file: string; bytes: number }
  | { kind: 'create-failed'; message: string }
  | { kind: 'stopped' }
  | { kind: 'restored'; file: string; counts: Record<string, number>; warnings: Problem[] }
  | { kind: 'rejected'; file: string; problems: Problem[] }
  | { kind: 'cancelled'; file: string };

/** A backup read and checked, waiting for the person to confirm what it changes. */
interface Waiting {
  file: string;
  session: RestoreSession;
}

/** Megabytes with one decimal, as a number: the message writes it in the locale's digits. */
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

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

  const [progress, setProgress] = useState<Progress>();
  const stopper = useRef<AbortController | undefined>(undefined);

  /** A transfer that the Stop button can end; its progress shown meanwhile. */
  function startTransfer(): AbortSignal {
    stopper.current = new AbortController();
    setProgress({ done: 0, total: 0 });
    return stopper.current.signal;
  }
  function endTransfer() {
    stopper.current = undefined;
    setProgress(undefined);
  }

  /** The zip arrives in chunks and is offered as a download once whole; stopped, nothing is saved. */
  async function create() {
    setBusy('create');
    setOutcome(undefined);
    const signal = startTransfer();
    try {
      const made = await downloadBackup(includeKey, { signal, onProgress: setProgress });
      setOutcome({ kind: 'created', file: made.fileName, bytes: made.bytes });
    } catch (error) {
      setOutcome(
        signal.aborted
          ? { kind: 'stopped' }
          : { kind: 'create-failed', message: error instanceof Error ? error.message : String(error) },
      );
    } finally {
      endTransfer();
      setBusy(undefined);
    }
  }

  /** Step one: the file is read in slices and checked by the background, which says what restoring it would change; nothing is written. */
  async function preview(file: File | undefined) {
    if (!file) return;
    setBusy('preview');
    setOutcome(undefined);
    waiting?.session.cancel();
    setWaiting(undefined);
    const reject = (problems: Problem[]) => setOutcome({ kind: 'rejected', file: file.name, problems });
    const signal = startTransfer();
    try {
      const opened = await openRestore(file, { signal, onProgress: setProgress });
      if (opened.ok) setWaiting({ file: file.name, session: opened.session });
      else reject(opened.problems);
    } catch (error) {
      if (signal.aborted) setOutcome({ kind: 'cancelled', file: file.name });
      else reject(problemsFromError(error));
    } finally {
      endTransfer();
      setBusy(undefined);
    }
  }

  /** Step two, on confirmation: the background plans again against this browser as it is now and restores in one transaction. */
  async function restore({ file, session }: Waiting, choices: { usePinnedKey: boolean }) {
    setBusy('restore');
    try {
      const result = await session.confirm({ fileName: file.slice(0, 255), usePinnedKey: choices.usePinnedKey });
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
      {progress && (
        <TransferProgress
          testId="backup-progress"
          label={t(busy === 'create' ? 'backup.progress.creating' : 'backup.progress.reading', {
            done: mb(progress.done),
            total: mb(progress.total),
          })}
          done={progress.done}
          total={progress.total}
          stopLabel={t('backup.stop')}
          onStop={() => stopper.current?.abort()}
        />
      )}
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
          preview={waiting.session.preview}
          busy={busy === 'restore'}
          onConfirm={(choices) => void restore(waiting, choices)}
          onCancel={() => {
            waiting.session.cancel();
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
        {outcome?.kind === 'stopped' && <p className="m-0 text-slate-700">{t('backup.stopped')}</p>}
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
