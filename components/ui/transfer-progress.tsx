import { Button } from './button';

/**
 * How far a long transfer has got (a backup, a restore, an export): a bar, the words for it, and a
 * Stop button where stopping is safe. The words are the live status; the bar repeats them visually.
 */
export function TransferProgress({
  label,
  done,
  total,
  stopLabel,
  onStop,
  testId,
}: {
  label: string;
  done: number;
  total: number;
  stopLabel?: string;
  onStop?: () => void;
  testId: string;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid={testId}>
      <progress className="h-2 w-40 accent-brand-600" max={Math.max(total, 1)} value={Math.min(done, total)} aria-hidden="true" />
      <span role="status" aria-live="polite" className="text-slate-700">
        {label}
      </span>
      {onStop && (
        <Button onClick={onStop} data-testid={`${testId}-stop`}>
          {stopLabel}
        </Button>
      )}
    </div>
  );
}
