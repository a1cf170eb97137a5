/**
 * X (Twitter) reply composer: Draft.js under `data-testid="tweetTextarea_0"`. Tweets are
 * `article[data-testid="tweet"]` with `data-testid="User-Name"` (display name, then @handle)
 * and `data-testid="tweetText"`. A reply answers the tweet just above the composer.
 */
import { editableRoot } from '../editors/kind';
import { absoluteUrl, bodyOf, lastBefore, type PlatformAdapter, type PlatformSite, pageComment, textOf } from './adapter';

const TWEET = 'article[data-testid="tweet"]';

function tweetOf(article: Element) {
  const names = article.querySelector('[data-testid="User-Name"]');
  const author = textOf(names?.querySelector('a span, span'));
  const text = bodyOf(article.querySelector('[data-testid="tweetText"]'));
  const permalink = absoluteUrl(
    article.querySelector<HTMLAnchorElement>('a[href*="/status/"]')?.getAttribute('href'),
    location.href,
  );
  return { author, text, permalink };
}

export const xSite: PlatformSite = {
  platform: 'x',
  matches: ['https://x.com/*', 'https://twitter.com/*'],
  hosts: ['x.com', 'twitter.com'],
  label: { en: 'X', ar: 'إكس' },
};

export const xAdapter: PlatformAdapter = {
  platform: 'x',
  composerFor: (target) => {
    const root = editableRoot(target);
    if (!root) return null;
    return root.closest('[data-testid^="tweetTextarea_"]') ||
      root.matches('[data-testid^="tweetTextarea_"]') ||
      root.classList.contains('public-DraftEditor-content')
      ? root
      : null;
  },
  readContext: (composer) => {
    const article = lastBefore(composer, TWEET);
    if (!article) return {};
    const tweet = tweetOf(article);
    return { commenterName: tweet.author, commentText: tweet.text, permalink: tweet.permalink };
  },
  commentAt: (target) => {
    const article = target.closest(TWEET);
    if (!article) return null;
    const t = tweetOf(article);
    return pageComment(t);
  },
};

// Fixtures: tests/harness/demo-pages.ts (x, en + ar). Written against https://x.com/<user>/status/<id>;
// selectors per docs/platform-evidence.md §3 (data-testid hooks, stable for years).
