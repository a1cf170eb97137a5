/** Pages the browser benchmarks and the profiler load: a growing platform feed, a streaming ad library. */
import { type MetaRecord, metaRecords, renderMetaPage } from '../tests/unit/ad-libraries/meta-page';

/** A feed of ~30,000 nodes at a platform URL, growing by 200 posts a frame for 30 frames. */
export const FEED_PAGE = `<!doctype html><html><body><main id="feed"></main><script>
const feed = document.getElementById('feed');
function post(i) {
  const a = document.createElement('article'); a.setAttribute('role', 'article');
  a.innerHTML = '<div><a href="/u' + i + '"><span>User ' + i + '</span></a></div><div dir="auto">Post text ' + i + ' with a few words</div><div><span>Like</span><span>Comment</span><span>Share</span></div>';
  return a;
}
for (let i = 0; i < 3000; i++) feed.append(post(i));
window.grow = () => new Promise((done) => { let frames = 0; const step = () => { for (let i = 0; i < 200; i++) feed.append(post(3000 + frames * 200 + i)); if (++frames < 30) requestAnimationFrame(step); else setTimeout(done, 300); }; requestAnimationFrame(step); });
</script></body></html>`;

/** A Meta Ad Library page whose cards stream in: 20 at load, then 20 more per frame up to 200. */
export function streamingLibraryPage(): string {
  const records = metaRecords();
  const ids = (_r: MetaRecord, i: number) => String(1_000_000_000_000 + i);
  const first = renderMetaPage(records.slice(0, 20), { locale: 'en-GB', seed: 1, idFor: ids });
  const rest = renderMetaPage(
    Array.from({ length: 180 }, (_, i) => records[(20 + i) % records.length]),
    { locale: 'en-GB', seed: 2, idFor: (r, i) => ids(r, 20 + i) },
  );
  // Cards arrive one by one into the page's own card grid, 6 per frame, as infinite scroll delivers them.
  const script = `<script>
const incoming = [...new DOMParser().parseFromString(${JSON.stringify(rest)}, 'text/html').querySelector('[role="main"]').lastElementChild.children];
window.grow = () => new Promise((done) => { const grid = document.querySelector('[role="main"]').lastElementChild; let frames = 0; const step = () => { for (let i = 0; i < 6 && incoming.length; i++) grid.append(incoming.shift()); if (++frames < 30) requestAnimationFrame(step); else setTimeout(done, 1500); }; requestAnimationFrame(step); });
</script>`;
  return first.replace('</body>', `${script}</body>`);
}
