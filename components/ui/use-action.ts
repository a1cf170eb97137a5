import { useState } from 'react';

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
      else setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
