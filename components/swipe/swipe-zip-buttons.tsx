/**
 * The swipe file's ZIP export and its import, over Ports in chunks (utils/swipe-file/swipe-zip-transfer.ts):
 * any size, with progress and Stop. Stopped, nothing is saved or imported.
 */
import { useSignals } from '@preact/signals-react/runtime';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FileButton } from '@/components/ui/file-button';
import { TransferProgress } from '@/components/ui/transfer-progress';
import type { TransferProgress as Progress } from '@/utils/export/port-download';
import { t } from '@/utils/state/panel-store';
import { SwipeImportError } from '@/utils/swipe-file/swipe-export';
import { downloadSwipeZip, importSwipeFile, SwipeImportWriteError } from '@/utils/swipe-file/swipe-zip-transfer';

/** Why an import failed, in the panel's language: the file's own problems by code, a write the background refused as such. */
function importErrorText(error: unknown): string {
  if (error instanceof SwipeImportError) return t(`swipe.importError.${error.code}`, error.params);
  if (error instanceof SwipeImportWriteError) return t('swipe.importError.write-failed');
  return error instanceof Error ? error.message : String(error);
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export function SwipeZipButtons({
  ids,
  count,
  onNotice,
}: {
  /** The ads to export, asked for when pressed (the swipe file's target may be thousands: not held beforehand). */
  ids: () => Promise<string[]>;
  count: number;
  onNotice: (text: string) => void;
}) {
  useSignals();
  const [running, setRunning] = useState<'export' | 'import'>();
  const [progress, setProgress] = useState<Progress>();
  const stopper = useRef<AbortController | undefined>(undefined);

  async function run(kind: 'export' | 'import', work: (signal: AbortSignal) => Promise<string>) {
    stopper.current = new AbortController();
    const { signal } = stopper.current;
    setRunning(kind);
    setProgress({ done: 0, total: 0 });
    try {
      onNotice(await work(signal));
    } catch (error) {
      if (signal.aborted) onNotice(t('swipe.stopped'));
      else if (kind === 'import') onNotice(t('swipe.importFailed', { reason: importErrorText(error) }));
      else onNotice(t('common.error', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      stopper.current = undefined;
      setRunning(undefined);
      setProgress(undefined);
    }
  }

  const exportZip = () =>
    run('export', async (signal) => {
      const made = await downloadSwipeZip(await ids(), { signal, onProgress: setProgress });
      return t('swipe.exported', { file: made.fileName, size: mb(made.bytes) });
    });

  const importFile = (file: File | undefined) =>
    file &&
    run('import', async (signal) => {
      const result = await importSwipeFile(file, file.name, { signal, onProgress: setProgress });
      // Problems are listed per field; the notice counts the ads the file held and Dalil left out.
      const skipped = result.total - result.imported;
      const imported = t('swipe.imported', { count: result.imported });
      return skipped > 0 ? `${imported} ${t('swipe.importSkipped', { count: skipped })}` : imported;
    });

  return (
    <>
      <Button disabled={count === 0 || running !== undefined} onClick={() => void exportZip()} data-testid="swipe-export-zip">
        ZIP
      </Button>
      <FileButton
        accept=".json,.zip"
        testId="swipe-import-input"
        disabled={running !== undefined}
        onFiles={(files) => void importFile(files[0])}
      >
        {t('swipe.import')}
      </FileButton>
      {progress && (
        <TransferProgress
          testId="swipe-progress"
          label={
            running === 'export'
              ? t('swipe.progress.export', { done: progress.done, total: progress.total })
              : t('swipe.progress.import', { done: mb(progress.done), total: mb(progress.total) })
          }
          done={progress.done}
          total={progress.total}
          stopLabel={t('swipe.stop')}
          onStop={() => stopper.current?.abort()}
        />
      )}
    </>
  );
}
