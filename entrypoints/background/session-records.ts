import { browser } from 'wxt/browser';

/**
 * A keyed record set in browser.storage.session: it survives the service worker stopping (MV3
 * stops it after 30 s idle) and is gone when the browser closes, like the tabs it describes.
 */
export function sessionRecords<T>(storageKey: string) {
  const read = async (): Promise<Record<string, T>> =>
    ((await browser.storage.session.get(storageKey))[storageKey] ?? {}) as Record<string, T>;
  // Read-modify-write steps run one after another, so two tabs reporting at once cannot lose an update.
  let queue: Promise<unknown> = Promise.resolve();
  const update = (change: (all: Record<string, T>) => boolean): Promise<void> => {
    const step = queue.then(async () => {
      const all = await read();
      if (change(all)) await browser.storage.session.set({ [storageKey]: all });
    });
    queue = step.catch(() => undefined);
    return step;
  };
  return {
    list: async (): Promise<T[]> => {
      await queue;
      return Object.values(await read());
    },
    put: (key: string, value: T) =>
      update((all) => {
        all[key] = value;
        return true;
      }),
    remove: (key: string) => update((all) => key in all && delete all[key]),
  };
}
