/**
 * YouTube comment box: a plain contenteditable `#contenteditable-root` inside `ytd-commentbox`.
 * Polymer ids repeat on the page, so everything is scoped to the box's own comment renderer:
 * `#author-text` and `#content-text` of the comment being replied to.
 */
import { editableRoot } from '../editors/kind';
import { absoluteUrl, bodyOf, type PlatformAdapter, type PlatformSite, pageComment, textOf } from './adapter';

const COMMENT = 'ytd-comment-view-model, ytd-comment-renderer';

function commentOf(renderer: Element) {
  const author = textOf(renderer.querySelector('#author-text'));
  const text = bodyOf(renderer.querySelector('#content-text'));
  const permalink = absoluteUrl(
    renderer.querySelector<HTMLAnchorElement>('#published-time-text a, a[href*="lc="]')?.getAttribute('href'),
    location.href,
  );
  return { author, text, permalink };
}

export const youtubeSite: PlatformSite = {
  platform: 'youtube',
  matches: ['https://www.youtube.com/*'],
  hosts: ['youtube.com'],
  label: { en: 'YouTube', ar: 'يوتيوب' },
};

export const youtubeAdapter: PlatformAdapter = {
  platform: 'youtube',
  composerFor: (target) => {
    const root = editableRoot(target);
    return root && (root.id === 'contenteditable-root' || root.closest('ytd-commentbox')) ? root : null;
  },
  readContext: (composer) => {
    const renderer = composer.closest(COMMENT);
    if (!renderer) return {};
    const c = commentOf(renderer);
    return { commenterName: c.author, commentText: c.text, permalink: c.permalink };
  },
  commentAt: (target) => {
    const renderer = target.closest(COMMENT);
    if (!renderer) return null;
    const c = commentOf(renderer);
    return pageComment(c);
  },
};

// Fixtures: tests/harness/demo-pages.ts (youtube, en + ar). Written against https://www.youtube.com/watch?v=<id>;
// selectors per docs/platform-evidence.md §5.
