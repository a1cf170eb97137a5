/**
 * Each platform adapter against the demo pages' markup (English and Arabic page locales), with
 * the composer each platform's editor library renders put in place of the mount point.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../utils/platforms';
import { DEMO_PAGES, type DemoPlatform, demoPageHtml, type PageLocale } from '../../harness/demo-pages';

/** What each editor library leaves in the DOM, as the real fixtures render it. */
const COMPOSERS: Record<DemoPlatform, string> = {
  facebook:
    '<div contenteditable="true" role="textbox" data-lexical-editor="true"><p><span data-lexical-text="true">Maryam Al-Harbi</span> </p></div><div role="button" aria-label="Comment">➤</div>',
  instagram: '<form><textarea aria-label="Add a comment…">@omar.k </textarea><button type="submit">Post</button></form>',
  x: '<div class="DraftEditor-root"><div class="public-DraftEditor-content" contenteditable="true" role="textbox" data-testid="tweetTextarea_0"><div data-contents="true"></div></div></div><button data-testid="tweetButtonInline">Reply</button>',
  linkedin:
    '<form class="comments-comment-box__form"><div class="ql-container"><div class="ql-editor" contenteditable="true"><p><br></p></div></div><button class="comments-comment-box__submit-button">Comment</button></form>',
  youtube:
    '<ytd-commentbox><div id="contenteditable-root" contenteditable="true"></div><div id="submit-button"><button>Reply</button></div></ytd-commentbox>',
  tiktok:
    '<div data-e2e="comment-input"><div class="public-DraftEditor-content" contenteditable="true"><div data-contents="true"></div></div></div><div data-e2e="comment-post" role="button">Post</div>',
};

function load(platform: DemoPlatform, locale: PageLocale): HTMLElement {
  const page = DEMO_PAGES.find((p) => p.platform === platform);
  if (!page) throw new Error(platform);
  document.documentElement.innerHTML = new DOMParser().parseFromString(
    demoPageHtml(page, locale),
    'text/html',
  ).documentElement.innerHTML;
  const mount = document.getElementById('dalil-fixture-editor');
  if (!mount) throw new Error('no mount');
  mount.innerHTML = COMPOSERS[platform];
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(page.url);
  const composer = mount.querySelector<HTMLElement>('textarea, [contenteditable="true"]');
  if (!composer) throw new Error('no composer');
  return composer;
}

beforeEach(() => {
  document.documentElement.innerHTML = '';
});

describe.each(DEMO_PAGES.map((p) => [p.platform, p] as const))('%s adapter', (platform, page) => {
  it.each(['en', 'ar'] as const)('recognises the composer and reads who is answered (%s page)', (locale) => {
    const composer = load(platform, locale);
    const adapter = ADAPTERS[platform];
    expect(adapter.composerFor(composer)).toBe(composer);
    const context = adapter.readContext(composer);
    expect(context.commenterName).toBe(page.commenter);
    expect(context.commentText).toBe(page.comment);
    expect(context.permalink).toMatch(/^https:\/\//);
  });

  it('does not claim text boxes that are not its composers', () => {
    load(platform, 'en');
    const search = document.createElement('input');
    search.type = 'search';
    document.body.append(search);
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    document.body.append(editable);
    const adapter = ADAPTERS[platform];
    // Instagram's composer is any textarea in a post: a search box is not one, nor is a stray contenteditable.
    expect(adapter.composerFor(search)).toBeNull();
    if (platform !== 'facebook' && platform !== 'linkedin') expect(adapter.composerFor(editable)).toBeNull();
  });

  it('finds the comment for "Save as testimonial"', () => {
    load(platform, 'ar');
    const body = [...document.querySelectorAll('*')].find((el) => el.children.length === 0 && el.textContent === page.comment);
    if (!body) throw new Error('comment text not found');
    expect(ADAPTERS[platform].commentAt(body)).toMatchObject({ author: page.commenter, text: page.comment });
  });
});

describe('the generic adapter', () => {
  it('serves any textarea or contenteditable root, never password fields', () => {
    document.body.innerHTML = '<textarea></textarea><div contenteditable="true"><p>x</p></div><input type="password">';
    const [textarea, editable, password] = [...document.body.children] as HTMLElement[];
    expect(ADAPTERS.generic.composerFor(textarea)).toBe(textarea);
    expect(ADAPTERS.generic.composerFor(editable.querySelector('p') as Element)).toBe(editable);
    expect(ADAPTERS.generic.composerFor(password)).toBeNull();
  });
});
