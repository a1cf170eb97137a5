/**
 * LinkedIn comment box: Quill (`.ql-editor`) inside `.comments-comment-box__form`. Comments are
 * `article` elements whose author is the profile link (`a[href*="/in/"]`) and whose text is in
 * `.comments-comment-item__main-content` (BEM classes LinkedIn has kept for years).
 */
import { editableRoot } from '../editors/kind';
import { absoluteUrl, bodyOf, lastBefore, type PlatformAdapter, type PlatformSite, pageComment, textOf } from './adapter';

const COMMENT = 'article.comments-comment-entity, article.comments-comment-item, article[data-id^="urn:li:comment"]';

function commentOf(article: Element) {
  const author =
    textOf(article.querySelector('.comments-comment-meta__description-title, .comments-post-meta__name-text')) ??
    textOf(article.querySelector('a[href*="/in/"]'));
  const text = bodyOf(article.querySelector('.comments-comment-item__main-content, [dir="ltr"], [dir="rtl"], [dir="auto"]'));
  const id = article.getAttribute('data-id');
  const permalink = id ? absoluteUrl(`${location.pathname}?commentUrn=${encodeURIComponent(id)}`, location.href) : undefined;
  return { author, text, permalink };
}

export const linkedinSite: PlatformSite = {
  platform: 'linkedin',
  matches: ['https://www.linkedin.com/*'],
  hosts: ['linkedin.com'],
  label: { en: 'LinkedIn', ar: 'لينكدإن' },
};

export const linkedinAdapter: PlatformAdapter = {
  platform: 'linkedin',
  composerFor: (target) => {
    const root = editableRoot(target);
    if (!root) return null;
    return root.classList.contains('ql-editor') ||
      root.classList.contains('msg-form__contenteditable') ||
      root.getAttribute('role') === 'textbox'
      ? root
      : null;
  },
  readContext: (composer) => {
    const article = composer.closest(COMMENT) ?? lastBefore(composer, COMMENT);
    if (!article) return {};
    const c = commentOf(article);
    return { commenterName: c.author, commentText: c.text, permalink: c.permalink };
  },
  commentAt: (target) => {
    const article = target.closest(COMMENT);
    if (!article) return null;
    const c = commentOf(article);
    return pageComment(c);
  },
};

// Fixtures: tests/harness/demo-pages.ts (linkedin, en + ar). Written against
// https://www.linkedin.com/feed/update/urn:li:activity:<id>/; selectors per docs/platform-evidence.md §4.
