import { useState } from 'react';
import { MessageError } from '@/utils/messaging/client';
import { problemText } from './problem-list';

/**
 * Runs one button's action: disables it meanwhile (`busy`) and keeps the error to show next to it
 * (`error`), or hands the error to `onError` for a form that lists it among its problems.
 */
export function useAction(options: { onError?: (error: unknown) => void } = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      if (options.onError) options.onError(caught);
      // A coded problem (the background stopped before answering, …) is said in the UI language.
      else if (caught instanceof MessageError && caught.problems.length === 1 && caught.problems[0].code)
        setError(problemText(caught.problems[0]));
      else setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
