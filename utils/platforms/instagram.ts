/**
 * Instagram comment box: a React-controlled textarea labelled "Add a comment…" (Arabic
 * "إضافة تعليق…"). Replying prefills "@username ", which names the person answered.
 * Comments are list items with the author's profile link (`a[href="/<username>/"]`).
 */
import { editableRoot } from '../editors/kind';
import { absoluteUrl, bodyOf, leadingMention, type PlatformAdapter, type PlatformSite, pageComment, textOf } from './adapter';

const COMMENT = 'ul li';
const PROFILE_LINK = 'a[href^="/"][href$="/"]:not([href^="/p/"]):not([href^="/explore/"])';

function commentOf(item: Element) {
  const link = item.querySelector<HTMLAnchorElement>(PROFILE_LINK);
  const author = textOf(link);
  const text = bodyOf(item.querySelector('span[dir="auto"]'));
  const permalink = absoluteUrl(
    item.querySelector<HTMLAnchorElement>('a[href*="/c/"], time')?.closest('a')?.getAttribute('href'),
    location.href,
  );
  return { author, text, permalink };
}

export const instagramSite: PlatformSite = {
  platform: 'instagram',
  matches: ['https://www.instagram.com/*'],
  hosts: ['instagram.com'],
  label: { en: 'Instagram', ar: 'إنستغرام' },
};

export const instagramAdapter: PlatformAdapter = {
  platform: 'instagram',
  composerFor: (target) => {
    const root = editableRoot(target);
    return root && (root instanceof HTMLTextAreaElement || root.getAttribute('role') === 'textbox') ? root : null;
  },
  readContext: (composer) => {
    const typed = composer instanceof HTMLTextAreaElement ? composer.value : composer.innerText;
    const mention = leadingMention(typed);
    const scope = composer.closest('article, main') ?? composer.ownerDocument;
    const items = [...scope.querySelectorAll(COMMENT)].map(commentOf).filter((c) => c.author);
    const answered = (mention && items.find((c) => c.author === mention)) || items[0];
    return { commenterName: mention ?? answered?.author, commentText: answered?.text, permalink: answered?.permalink };
  },
  commentAt: (target) => {
    const item = target.closest(COMMENT);
    if (!item) return null;
    const c = commentOf(item);
    return pageComment(c);
  },
};

// Fixtures: tests/harness/demo-pages.ts (instagram, en + ar). Written against https://www.instagram.com/p/<shortcode>/;
// selectors per docs/platform-evidence.md §2 (textarea aria-label, native value setter).
