/**
 * The background's activity log read straight from the extension's IndexedDB (what the Log tab
 * shows), in a page of the extension's origin. One function for both drivers: Playwright evaluates it
 * in Chromium's service worker, puppeteer in a Firefox extension page. It must close over nothing.
 */
export interface LoggedEntry {
  kind: string;
  at: string;
  platform: string;
  details: Record<string, unknown>;
}

/** The entries of one kind, oldest first. */
export const readActivityLog = (kind: string): Promise<LoggedEntry[]> =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open('dalil');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('activityLog').objectStore('activityLog').getAll();
      request.onsuccess = () => {
        const entries = request.result as LoggedEntry[];
        open.result.close();
        resolve(entries.filter((e) => e.kind === kind).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)));
      };
    };
  });
