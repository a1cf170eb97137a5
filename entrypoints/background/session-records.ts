import { browser } from 'wxt/browser';

/**
 * A keyed record set in browser.storage.session: it survives the service worker stopping (MV3
 * stops it after 30 s idle) and is gone when the browser closes, like the tabs it describes.
 */
export function sessionRecords<T>(storageKey: string) {
  const read = async (): Promise<Record<string, T>> =>
    ((await browser.storage.session.get(storageKey))[storageKey] ?? {}) as Record<string, T>;
  return {
    list: async (): Promise<T[]> => Object.values(await read()),
    async put(key: string, value: T): Promise<void> {
      const all = await read();
      all[key] = value;
      await browser.storage.session.set({ [storageKey]: all });
    },
    async remove(key: string): Promise<void> {
      const all = await read();
      if (!(key in all)) return;
      delete all[key];
      await browser.storage.session.set({ [storageKey]: all });
    },
  };
}
