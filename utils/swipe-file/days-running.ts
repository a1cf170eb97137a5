/** Whole days an ad has run: from its start to its end (or today), counting both ends, as the libraries do. */
export function daysRunning(ad: { startedAt?: string; endedAt?: string }, today: Date = new Date()): number | undefined {
  if (!ad.startedAt) return undefined;
  const start = Date.parse(`${ad.startedAt}T00:00:00Z`);
  const end = ad.endedAt
    ? Date.parse(`${ad.endedAt}T00:00:00Z`)
    : Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
  return Math.max(1, Math.floor((end - start) / 86_400_000) + 1);
}

/** One key per advertiser in a library: its id when the card shows one, else its name. */
export function advertiserKey(ad: { library: string; advertiserId?: string; advertiserName?: string }): string | undefined {
  const who = ad.advertiserId ?? ad.advertiserName?.trim().toLowerCase();
  return who ? `${ad.library}:${who}` : undefined;
}
