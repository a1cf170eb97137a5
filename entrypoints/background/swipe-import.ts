/** Importing a swipe-file export: the ads checked one by one, their media under new ids, all written in one transaction. */
import { newActivityEntry } from '@/utils/activity/new-entry';
import { importAdsWithMedia } from '@/utils/db/ads-repo';
import type { DalilDatabase } from '@/utils/db/open';
import { type Problem, problemsFromZod } from '@/utils/guidance/problems';
import type { ChangeBroadcast } from '@/utils/messaging/protocol';
import { AdCaptureSchema } from '@/utils/schemas/ad-capture';

export interface SwipeImportDeps {
  db: () => Promise<DalilDatabase>;
  actorName: () => Promise<string>;
  broadcast: (topics: ChangeBroadcast['topics']) => void;
}

/** `media` is the file's media by its own ids (labels inside the file, never used as ids here). */
export async function importSwipeAds(
  deps: SwipeImportDeps,
  ads: unknown[],
  media: Map<string, Blob>,
): Promise<{ imported: number; problems: Problem[] }> {
  // Every record is checked; a bad one is reported by its index and the good ones are imported.
  const problems: Problem[] = [];
  const valid = ads.flatMap((raw, index) => {
    const parsed = AdCaptureSchema.safeParse(raw);
    if (parsed.success) return [parsed.data];
    for (const p of problemsFromZod(parsed.error, 5))
      problems.push({ ...p, path: `ads[${index}]${p.path === '$' ? '' : `.${p.path}`}` });
    return [];
  });
  // New ids for every media file: the file's ids are only labels inside it, so an import never
  // overwrites (or points at) media already here.
  const newIds = new Map<string, string>();
  const blobs = [...media].map(([fileId, blob]) => {
    const id = crypto.randomUUID();
    newIds.set(fileId, id);
    return { id, blob, contentType: blob.type, sourceUrl: '' };
  });
  const relinked = valid.map((ad) => ({
    ...ad,
    media: ad.media.map(({ blobId, posterBlobId, ...item }) => {
      const blob = blobId === undefined ? undefined : newIds.get(blobId);
      const poster = posterBlobId === undefined ? undefined : newIds.get(posterBlobId);
      return { ...item, ...(blob ? { blobId: blob } : {}), ...(poster ? { posterBlobId: poster } : {}) };
    }),
  }));
  // Only media an imported ad points at: a file's other entries would be kept by nothing.
  const used = new Set(relinked.flatMap((ad) => ad.media.flatMap((m) => [m.blobId, m.posterBlobId])));
  if (relinked.length > 0) {
    const entry = newActivityEntry('ad.saved', await deps.actorName(), { count: relinked.length, bulk: true, imported: true });
    // All or nothing: the media, the ads and the log entry in one transaction.
    await importAdsWithMedia(
      await deps.db(),
      relinked,
      blobs.filter((b) => used.has(b.id)),
      entry,
    );
  }
  deps.broadcast(['ads', 'log']);
  return { imported: relinked.length, problems };
}
