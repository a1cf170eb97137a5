/** Pages the browser benchmarks and the profiler load: a growing platform feed, streaming ad libraries. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type MetaRecord, metaRecords, renderMetaPage } from '../tests/unit/ad-libraries/meta-page';
import type { AdLibrary } from '../utils/ad-libraries';

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

/** Cards at load, and how many more stream in, 6 per frame, as infinite scroll delivers them. */
export const AT_LOAD = 20;
export const STREAMED = 60;
const PER_FRAME = 6;

/** `window.grow()`: appends the page's `incoming` cards into `grid`, PER_FRAME a frame, then waits for Dalil to settle. */
const GROW = `window.grow = () => new Promise((done) => { const step = () => { for (let i = 0; i < ${PER_FRAME} && incoming.length; i++) grid.append(incoming.shift()); if (incoming.length) requestAnimationFrame(step); else setTimeout(done, 1500); }; requestAnimationFrame(step); });`;

/** A Meta Ad Library page of the real records: AT_LOAD cards at load, STREAMED more streaming in. */
export function streamingLibraryPage(atLoad = AT_LOAD, streamed = STREAMED): string {
  const records = metaRecords();
  const ids = (_r: MetaRecord, i: number) => String(1_000_000_000_000 + i);
  const first = renderMetaPage(records.slice(0, atLoad), { locale: 'en-GB', seed: 1, idFor: ids });
  const rest = renderMetaPage(
    Array.from({ length: streamed }, (_, i) => records[(atLoad + i) % records.length]),
    { locale: 'en-GB', seed: 2, idFor: (r, i) => ids(r, atLoad + i) },
  );
  const script = `<script>
const incoming = [...new DOMParser().parseFromString(${JSON.stringify(rest)}, 'text/html').querySelector('[role="main"]').lastElementChild.children];
const grid = document.querySelector('[role="main"]').lastElementChild;
${GROW}
</script>`;
  return first.replace('</body>', `${script}</body>`);
}

const FIXTURES = resolve(import.meta.dirname, '../tests/fixtures/ad-libraries');

/**
 * A library's fixture page with its cards repeated to AT_LOAD at load (by the page's own script, before Dalil's
 * document_idle script runs) and STREAMED more streaming in: each copy gets its own ad id (`id`'s digits).
 */
function clonedCardsPage(file: string, grid: string, card: string, id: RegExp): string {
  const html = readFileSync(resolve(FIXTURES, file), 'utf8');
  const script = `<script>
const grid = document.querySelector(${JSON.stringify(grid)});
const templates = [...grid.querySelectorAll(${JSON.stringify(card)})].map((c) => c.outerHTML).filter((h) => ${id}.test(h));
grid.replaceChildren();
let made = 0;
const make = () => { const t = document.createElement('template'); const n = made++; t.innerHTML = templates[n % templates.length].replace(new RegExp(${JSON.stringify(id.source)}, 'g'), (_, prefix) => prefix + String(7000000000 + n)); return t.content.firstElementChild; };
for (let i = 0; i < ${AT_LOAD}; i++) grid.append(make());
const incoming = Array.from({ length: ${STREAMED} }, make);
${GROW}
</script>`;
  return html.replace('</body>', `${script}</body>`);
}

/** Per library: a results page at the library's real URL, AT_LOAD cards at load and STREAMED more streaming in. */
export function streamingLibraryPages(): Array<{ library: AdLibrary; url: string; body: string }> {
  return [
    { library: 'meta', url: 'https://www.facebook.com/ads/library/?q=bench', body: streamingLibraryPage() },
    {
      library: 'tiktok',
      url: 'https://library.tiktok.com/ads?region=all&adv_name=bench',
      body: clonedCardsPage('tiktok-library-search.html', '.ad_list', '.ad_card', /(ad_id=)\d+/),
    },
    {
      library: 'google',
      url: 'https://adstransparency.google.com/advertiser/AR04612345678901234567?region=anywhere',
      body: clonedCardsPage(
        'google-atc-advertiser-creatives.html',
        'priority-creative-grid',
        'creative-preview',
        /(\/creative\/CR)\d+/,
      ),
    },
    {
      library: 'linkedin',
      url: 'https://www.linkedin.com/ad-library/search?accountOwner=bench',
      body: clonedCardsPage(
        'linkedin-ad-library/linkedin-adlib-search.html',
        '.search-results__list',
        '.search-result-item',
        /(\/ad-library\/detail\/)\d+/,
      ),
    },
  ];
}
