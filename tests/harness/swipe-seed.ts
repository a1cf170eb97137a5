/**
 * Scripts an extension page evaluates to fill the swipe file with large videos straight into IndexedDB
 * (faster than capturing them), and to read it back for comparison: the backup tests of both browsers.
 * `SEED_VIDEOS` is called with { count, size }; each video holds a zip data descriptor's signature.
 */
/** Seeds `count` saved ads, each with a video of `size` random bytes. */
export const SEED_VIDEOS = `(async ({ count, size }) => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('dalil'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  for (let i = 0; i < count; i++) {
    const bytes = new Uint8Array(size);
    for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65536)));
    bytes.set([0x50, 0x4b, 0x07, 0x08], 1000); // a zip data descriptor's signature inside the video
    const url = 'https://video.xx.fbcdn.net/big-' + i + '.mp4';
    await new Promise((ok, fail) => {
      const tx = db.transaction(['media', 'adCaptures'], 'readwrite');
      tx.objectStore('media').put({ id: 'big-' + i, blob: new Blob([bytes], { type: 'video/mp4' }), contentType: 'video/mp4', sourceUrl: url });
      tx.objectStore('adCaptures').put({
        id: 'meta:big-' + i, library: 'meta', libraryAdId: 'big-' + i, advertiserName: 'شركة الفيديو ' + i,
        media: [{ kind: 'video', url, blobId: 'big-' + i }], pageUrl: 'https://www.facebook.com/ads/library/?q=big',
        capturedAt: '2026-12-01T08:00:00.000Z', tags: ['فيديو'], boards: [],
      });
      tx.oncomplete = ok; tx.onerror = () => fail(tx.error);
    });
  }
  db.close();
})`;

/** The saved ads, and each media file's id, type, size and SHA-256, read from an extension page. */
export const SWIPE_FILE = `(async () => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('dalil'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  const all = (name) => new Promise((ok, fail) => { const q = db.transaction(name).objectStore(name).getAll(); q.onsuccess = () => ok(q.result); q.onerror = () => fail(q.error); });
  const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
  const media = [];
  for (const m of await all('media')) media.push([m.id, m.blob.type, m.blob.size, hex(await crypto.subtle.digest('SHA-256', await m.blob.arrayBuffer()))]);
  const ads = (await all('adCaptures')).map((a) => JSON.stringify(a)).sort();
  db.close();
  return { ads, media: media.sort() };
})()`;
