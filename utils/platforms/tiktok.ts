/**
 * TikTok comment box: Draft.js under `[data-e2e="comment-input"]`. Comments carry TikTok's own
 * test hooks: `data-e2e="comment-username-1"` and `data-e2e="comment-level-1"` (level 2 for
 * replies). The reply target is shown above the box ("Reply to …").
 */
import { editableRoot } from '../editors/kind';
import { absoluteUrl, bodyOf, lastBefore, type PlatformAdapter, type PlatformSite, pageComment, textOf } from './adapter';

const COMMENT = '[data-e2e="comment-item"], [data-e2e^="comment-level-"]';

function commentOf(el: Element) {
  const item = el.closest('[data-e2e="comment-item"]') ?? el.parentElement ?? el;
  const author = textOf(item.querySelector('[data-e2e^="comment-username-"]'));
  const text = bodyOf(item.querySelector('[data-e2e^="comment-level-"]'));
  const permalink = absoluteUrl(item.querySelector<HTMLAnchorElement>('a[href*="/video/"]')?.getAttribute('href'), location.href);
  return { author, text, permalink };
}

export const tiktokSite: PlatformSite = {
  platform: 'tiktok',
  matches: ['https://www.tiktok.com/*'],
  hosts: ['tiktok.com'],
  label: { en: 'TikTok', ar: 'تيك توك' },
};

export const tiktokAdapter: PlatformAdapter = {
  platform: 'tiktok',
  composerFor: (target) => {
    const root = editableRoot(target);
    return root?.closest('[data-e2e="comment-input"]') ? root : null;
  },
  readContext: (composer) => {
    const replyTo = textOf(composer.ownerDocument.querySelector('[data-e2e="comment-reply-to"] [data-e2e="comment-reply-name"]'));
    const items = [...composer.ownerDocument.querySelectorAll('[data-e2e="comment-item"]')].map(commentOf);
    const answered =
      (replyTo && items.find((c) => c.author === replyTo)) ||
      (lastBefore(composer, COMMENT) ? commentOf(lastBefore(composer, COMMENT) as Element) : undefined);
    return { commenterName: replyTo ?? answered?.author, commentText: answered?.text, permalink: answered?.permalink };
  },
  commentAt: (target) => {
    const el = target.closest(COMMENT);
    if (!el) return null;
    const c = commentOf(el);
    return pageComment(c);
  },
};

// Fixtures: tests/harness/demo-pages.ts (tiktok, en + ar). Written against https://www.tiktok.com/@<user>/video/<id>;
// selectors per docs/platform-evidence.md §6 (data-e2e hooks). The reply-to chip markup is synthesised, not seen live.
