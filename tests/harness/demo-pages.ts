/**
 * Built-in demo pages that stand in for the six platforms, served at their real URLs by request
 * interception. Each mounts the editor library that platform really uses (Lexical, Draft.js,
 * Quill, a React-controlled textarea, a plain contenteditable: tests/fixtures/editors/) inside
 * comment markup shaped like the platform's own (roles, aria labels, data-testid/data-e2e hooks),
 * in English or Arabic page locale. Synthesised from docs/platform-evidence.md, not saved from the sites.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import type { Platform } from '../../utils/schemas/common';
import { buildFixtureEditors, type FixtureEditor, fixtureBundlePath } from './build-fixtures';

export type DemoPlatform = Exclude<Platform, 'generic'>;
export type PageLocale = 'en' | 'ar';

interface Labels {
  composer: string;
  submit: string;
}

export interface DemoPage {
  platform: DemoPlatform;
  url: string;
  title: string;
  editor: FixtureEditor;
  commenter: string;
  comment: string;
  /** The comment's language: a shortcut inserts its template's pair in it (Settings: on by default). */
  commentLang: 'ar' | 'en';
  labels: Record<PageLocale, Labels>;
}

export const DEMO_PAGES: DemoPage[] = [
  {
    platform: 'facebook',
    url: 'https://www.facebook.com/dalilcoffee/posts/1001',
    title: 'Dalil Coffee Co. | Facebook',
    editor: 'facebook',
    commenter: 'Maryam Al-Harbi',
    comment: 'طلبت من أسبوع وما وصل الطلب رقم 4821 لحد الآن 😞',
    commentLang: 'ar',
    labels: { en: { composer: 'Write a comment…', submit: 'Comment' }, ar: { composer: 'اكتب تعليقًا…', submit: 'تعليق' } },
  },
  {
    platform: 'instagram',
    url: 'https://www.instagram.com/p/DalilDemo1/',
    title: 'Dalil Coffee Co. on Instagram',
    editor: 'instagram',
    commenter: 'omar.k',
    comment: 'How much is the cardamom blend? 😍',
    commentLang: 'en',
    labels: { en: { composer: 'Add a comment…', submit: 'Post' }, ar: { composer: 'إضافة تعليق…', submit: 'نشر' } },
  },
  {
    platform: 'x',
    url: 'https://x.com/dalilcoffee/status/1860000000000000001',
    title: 'Sara Ahmed on X',
    editor: 'draft',
    commenter: 'Sara Ahmed',
    comment: 'Best flat white in town, thank you @dalilcoffee!',
    commentLang: 'en',
    labels: { en: { composer: 'Post your reply', submit: 'Reply' }, ar: { composer: 'انشر ردك', submit: 'رد' } },
  },
  {
    platform: 'linkedin',
    url: 'https://www.linkedin.com/feed/update/urn:li:activity:7260000000000000001/',
    title: 'Dalil Coffee Co. | LinkedIn',
    editor: 'linkedin',
    commenter: 'Khalid Al-Mansour',
    comment: 'Do you ship to offices in Riyadh? We would order every week.',
    commentLang: 'en',
    labels: { en: { composer: 'Add a comment…', submit: 'Comment' }, ar: { composer: 'إضافة تعليق…', submit: 'تعليق' } },
  },
  {
    platform: 'youtube',
    url: 'https://www.youtube.com/watch?v=DalilDemo01',
    title: 'How we roast — YouTube',
    editor: 'youtube',
    commenter: '@huda.bakes',
    comment: 'متى يرجع المنتج؟ خلص من المتجر',
    commentLang: 'ar',
    labels: { en: { composer: 'Add a reply…', submit: 'Reply' }, ar: { composer: 'إضافة رد…', submit: 'رد' } },
  },
  {
    platform: 'tiktok',
    url: 'https://www.tiktok.com/@dalilcoffee/video/7300000000000000001',
    title: 'Dalil Coffee Co. on TikTok',
    editor: 'draft',
    commenter: 'yousef_99',
    comment: 'السعر كم؟',
    commentLang: 'ar',
    labels: { en: { composer: 'Add comment...', submit: 'Post' }, ar: { composer: 'إضافة تعليق...', submit: 'نشر' } },
  },
];

const esc = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The editor's mount point, with what the fixture script needs to set it up like the platform does. */
function mount(page: DemoPage, locale: PageLocale, extra: Record<string, string> = {}): string {
  const data = {
    label: page.labels[locale].composer,
    'submit-label': page.labels[locale].submit,
    platform: page.platform,
    ...extra,
  };
  const attrs = Object.entries(data)
    .map(([k, v]) => `data-${k}="${esc(v)}"`)
    .join(' ');
  return `<div id="dalil-fixture-editor" ${attrs}></div>`;
}

/** Each platform's comment markup around the reply composer, anchored the way its adapter reads it. */
/**
 * `?attach=1` on any demo: an "Add photo" control beside the composer that shows the chosen
 * file as a blob: preview beside the editor, the way the platforms show attachments before posting.
 */
const ATTACHMENT_HTML = `<div class="attachments" data-testid="attachments"></div>
<label class="attach">Add photo <input type="file" accept="image/*" data-testid="attach-input"></label>
<script>
document.querySelector('[data-testid=attach-input]').addEventListener('change', (e) => {
  const box = document.querySelector('[data-testid=attachments]');
  for (const old of box.querySelectorAll('img')) URL.revokeObjectURL(old.src);
  box.replaceChildren(...Array.from(e.target.files, (file) => {
    const img = document.createElement('img');
    img.src = URL.createObjectURL(file);
    img.alt = file.name;
    img.style.cssText = 'width:160px;height:auto;border-radius:8px;margin:6px 6px 0 0';
    return img;
  }));
});
</script>`;

function thread(page: DemoPage, locale: PageLocale, attach = false): string {
  const { commenter: who, comment: text } = page;
  switch (page.platform) {
    case 'facebook': {
      const label = locale === 'ar' ? `تعليق من ${who}` : `Comment by ${who}`;
      return `<div role="article" aria-label="${esc(label)}" class="x1n2onr6 x1iorvi4">
  <a role="link" href="https://www.facebook.com/maryam.alharbi"><span class="x193iq5w">${esc(who)}</span></a>
  <div dir="auto" class="x1lliihq">${esc(text)}</div>
  <a href="https://www.facebook.com/dalilcoffee/posts/1001?comment_id=555001">3h</a>
  <div class="reply-box">${mount(page, locale, { mention: who })}${attach ? ATTACHMENT_HTML : ''}</div>
</div>`;
    }
    case 'instagram':
      return `<ul class="comments">
  <li><div><h3><a href="/omar.k/">${esc(who)}</a></h3><span dir="auto">${esc(text)}</span>
  <a href="/p/DalilDemo1/c/1790001/"><time datetime="2026-11-25T09:00:00Z">1d</time></a></div></li>
</ul>
<section class="composer">${mount(page, locale, { mention: `@${who} ` })}${attach ? ATTACHMENT_HTML : ''}</section>`;
    case 'x':
      return `<article data-testid="tweet" role="article" tabindex="0">
  <div data-testid="User-Name"><a href="/sara_ahmed" role="link"><span>${esc(who)}</span></a> <a href="/sara_ahmed"><span>@sara_ahmed</span></a></div>
  <div data-testid="tweetText" lang="en" dir="auto">${esc(text)}</div>
  <a href="/sara_ahmed/status/1860000000000000002"><time datetime="2026-11-25T09:00:00Z">Nov 25</time></a>
</article>
<div class="reply-composer">${mount(page, locale)}${attach ? ATTACHMENT_HTML : ''}</div>`;
    case 'linkedin':
      return `<article class="comments-comment-entity" data-id="urn:li:comment:(activity:7260000000000000001,7260000000000000009)">
  <div class="comments-comment-meta__description"><a href="https://www.linkedin.com/in/khalid-almansour/"><span class="comments-comment-meta__description-title">${esc(who)}</span></a></div>
  <div class="comments-comment-item__main-content" dir="ltr"><span>${esc(text)}</span></div>
  <div class="comments-comment-item__replies-list">${mount(page, locale)}${attach ? ATTACHMENT_HTML : ''}</div>
</article>`;
    case 'youtube':
      return `<ytd-comment-thread-renderer><ytd-comment-view-model id="comment">
  <a id="author-text" href="/@huda.bakes"><span>${esc(who)}</span></a>
  <span id="published-time-text"><a href="/watch?v=DalilDemo01&amp;lc=UgxDalil01">2 days ago</a></span>
  <yt-attributed-string id="content-text"><span dir="auto">${esc(text)}</span></yt-attributed-string>
  <div id="reply-dialog">${mount(page, locale)}${attach ? ATTACHMENT_HTML : ''}</div>
</ytd-comment-view-model></ytd-comment-thread-renderer>`;
    case 'tiktok':
      return `<div data-e2e="comment-item">
  <a href="/@yousef_99"><span data-e2e="comment-username-1">${esc(who)}</span></a>
  <p data-e2e="comment-level-1" dir="auto"><span>${esc(text)}</span></p>
  <a href="/@dalilcoffee/video/7300000000000000001?comment=7300000000000000042">1d</a>
</div>
<div data-e2e="comment-reply-to">${locale === 'ar' ? 'الرد على' : 'Reply to'} <span data-e2e="comment-reply-name">${esc(who)}</span></div>
<div class="comment-footer">${mount(page, locale)}${attach ? ATTACHMENT_HTML : ''}</div>`;
  }
}

const STYLE = `body{font-family:system-ui,"DejaVu Sans",sans-serif;margin:0;background:#f0f2f5;color:#1c1e21}
header{background:#fff;border-bottom:1px solid #ddd;padding:8px 16px;font-size:13px}
header a{margin-inline:4px}
main{max-width:600px;margin:16px auto;background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 2px #0002}
.banner{background:#fff8e1;border:1px solid #f2c14e;border-radius:6px;padding:6px 10px;font-size:12px}
[role=article],li,ytd-comment-view-model,[data-e2e=comment-item],.comments-comment-entity{display:block;background:#f0f2f5;border-radius:12px;padding:8px 12px;margin:12px 0}
[contenteditable],textarea{display:block;width:100%;box-sizing:border-box;min-height:44px;border:1px solid #ccd0d5;border-radius:18px;padding:8px 12px;font:inherit;background:#fff;white-space:pre-wrap}
.ql-editor{outline:none;min-height:24px}.ql-clipboard{position:absolute;left:-10000px;height:1px;overflow:hidden}
button,[role=button]{margin-top:6px;padding:4px 12px;border-radius:14px;border:0;background:#0866ff;color:#fff;cursor:pointer;display:inline-block}
button:disabled,[aria-disabled=true]{background:#bcc0c4;cursor:not-allowed}
.public-DraftEditorPlaceholder-root{position:absolute;color:#888;padding:8px 12px;pointer-events:none}
.DraftEditor-root{position:relative}`;

export function demoPageHtml(page: DemoPage, locale: PageLocale = 'en', options: { attach?: boolean } = {}): string {
  const nav = DEMO_PAGES.map((p) => `<a href="${esc(p.url)}">${esc(p.platform)}</a>`).join('·');
  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  return `<!doctype html>
<html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><title>${esc(page.title)}</title><style>${STYLE}</style></head>
<body>
<header>Dalil demo · ${nav}</header>
<main>
<p class="banner" dir="ltr">A local demo page served at ${esc(page.url)} by Dalil's harness, with the editor library ${esc(page.platform)} uses (${esc(page.editor)}). Nothing reaches ${esc(page.platform)}. Try typing ;thanks or ;شكرا in the reply box, or press Alt+Shift+D.</p>
<article aria-label="Post"><h1 style="font-size:16px">Dalil Coffee Co.</h1><p dir="auto">New cardamom blend is here ☕ — قهوة الهيل وصلت!</p></article>
${thread(page, locale, options.attach)}
</main>
<script src="/__dalil_fixture__/${page.editor}.js"></script>
</body></html>`;
}

/**
 * Serves every demo page at its platform URL (and the editor bundles beside them) in this
 * browser context. `?hl=ar` (as the platforms use) gives the Arabic page locale.
 */
export async function serveDemoPages(context: BrowserContext, pages: DemoPage[] = DEMO_PAGES): Promise<void> {
  await buildFixtureEditors();
  for (const page of pages) {
    const { origin, pathname } = new URL(page.url);
    await context.route(
      (url) => url.origin === origin && url.pathname === pathname,
      (route) => {
        const params = new URL(route.request().url()).searchParams;
        const locale: PageLocale = params.get('hl') === 'ar' ? 'ar' : 'en';
        const body = demoPageHtml(page, locale, { attach: params.get('attach') === '1' });
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      },
    );
    await context.route(
      (url) => url.origin === origin && url.pathname.startsWith('/__dalil_fixture__/'),
      (route) => {
        const name = new URL(route.request().url()).pathname.split('/').pop()?.replace(/\.js$/, '') as FixtureEditor;
        return route.fulfill({
          status: 200,
          contentType: 'text/javascript',
          body: readFileSync(fixtureBundlePath(name), 'utf8'),
        });
      },
    );
  }
}

/** What `;thanks` inserts under a demo page's comment: the thanks template in the comment's language. */
export const thanksReply = (page: DemoPage): string => (page.commentLang === 'ar' ? 'شكرًا جزيلًا' : 'Thank you so much');

export const demoPage = (platform: DemoPlatform): DemoPage => {
  const page = DEMO_PAGES.find((p) => p.platform === platform);
  if (!page) throw new Error(`no demo page for ${platform}`);
  return page;
};
