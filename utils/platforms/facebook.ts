/**
 * Facebook comment and reply composers (Lexical). Anchors, most lasting first: the Lexical root's
 * `data-lexical-editor`, `role="textbox"`, and the comment's `role="article"` whose aria-label
 * names its author ("Comment by …", Arabic "تعليق من …"/"تعليق بواسطة …"). Class names
 * (`xzsf02u`, `x1…`) are never used: they are rebuilt with every deploy.
 */
import { editableRoot } from '../editors/kind';
import { absoluteUrl, bodyOf, leadingMention, type PlatformAdapter, type PlatformSite, pageComment, textOf } from './adapter';

const COMMENT = '[role="article"]';
const AUTHOR_LABEL = /^(?:Comment by|Reply by|تعليق (?:من|بواسطة)|رد (?:من|بواسطة))\s+(.+?)(?:\s+\d.*)?$/i;

function authorOf(article: Element): string | undefined {
  const label = article.getAttribute('aria-label') ?? '';
  return (
    AUTHOR_LABEL.exec(label)?.[1]?.trim() ?? textOf(article.querySelector('a[role="link"] span, a[href*="facebook.com/"] span'))
  );
}

function commentOf(article: Element) {
  const author = authorOf(article);
  const text = bodyOf(article.querySelector(':scope div[dir="auto"]:not([contenteditable])'));
  const link = article.querySelector<HTMLAnchorElement>('a[href*="comment_id="]');
  return { author, text, permalink: absoluteUrl(link?.getAttribute('href'), location.href) };
}

export const facebookSite: PlatformSite = {
  platform: 'facebook',
  matches: ['https://www.facebook.com/*', 'https://web.facebook.com/*'],
  hosts: ['facebook.com'],
  label: { en: 'Facebook', ar: 'فيسبوك' },
};

export const facebookAdapter: PlatformAdapter = {
  platform: 'facebook',
  composerFor: (target) => {
    const root = editableRoot(target);
    return root?.hasAttribute('data-lexical-editor') || root?.getAttribute('role') === 'textbox' ? root : null;
  },
  readContext: (composer) => {
    const article = composer.closest(COMMENT);
    const mention = leadingMention(composer.innerText);
    if (!article) return { commenterName: mention };
    const comment = commentOf(article);
    return { commenterName: comment.author ?? mention, commentText: comment.text, permalink: comment.permalink };
  },
  commentAt: (target) => {
    const article = target.closest(COMMENT);
    if (!article) return null;
    const comment = commentOf(article);
    return pageComment(comment);
  },
};

// Fixtures: tests/harness/demo-pages.ts (facebook, en + ar). Written against
// https://www.facebook.com/<page>/posts/<id> comment threads; selectors per docs/platform-evidence.md §1.
