/**
 * How many records the followed advertisers' and testimonials' stores hold, as the background's last check of
 * their search rows counted them, kept until the background writes one of the stores again: a list's opening
 * page then counts nothing (each IndexedDB count() walks the store in Chromium, 20–40 ms at 10,000). Told of
 * the connection's writes as the swipe file's rows are (connection.ts, index.ts).
 */
/**
 * How long after a list's or the Swipe tab's opening page the reads it does not need start (the counts check,
 * the swipe file's rows): the panel asks for the page's media first.
 */
export const AFTER_OPENING_MS = 250;

export interface KnownCounts {
  noteWrite(stores: readonly string[] | 'all'): void;
  /** The count last taken for `key`, if none of its stores was written since. */
  get(key: string): number | undefined;
  /** Runs `count`, keeping its answer for `key` unless one of `stores` is written before it is known. */
  take<T extends { records: number }>(key: string, stores: readonly string[], count: () => Promise<T>): Promise<T>;
}

export function knownCounts(): KnownCounts {
  const known = new Map<string, { records: number; stores: readonly string[] }>();
  /** Writes seen per store; 'all' (a new connection) bumps every one through `epoch`. */
  const writes = new Map<string, number>();
  let epoch = 0;
  const stamp = (stores: readonly string[]) => `${epoch}:${stores.map((s) => writes.get(s) ?? 0).join(',')}`;
  return {
    noteWrite(stores) {
      if (stores === 'all') {
        epoch++;
        known.clear();
        return;
      }
      for (const store of stores) writes.set(store, (writes.get(store) ?? 0) + 1);
      for (const [key, entry] of known) if (entry.stores.some((s) => stores.includes(s))) known.delete(key);
    },
    get: (key) => known.get(key)?.records,
    async take(key, stores, count) {
      const before = stamp(stores);
      const result = await count();
      if (stamp(stores) === before) known.set(key, { records: result.records, stores });
      return result;
    },
  };
}
