/**
 * One run at a time: a call while a run is going gets that run's promise and asks for one more run
 * after it (for what changed meanwhile), however many calls came. The workspace's log archive and its
 * proposals exchange run this way.
 */
export function coalescedRuns(runOnce: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await runOnce();
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
}
