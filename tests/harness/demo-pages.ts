/**
 * Built-in demo pages that stand in for the platforms, served at their real URLs by request
 * interception. Each shows a post, a comment from a customer and the platform's kind of comment
 * box (contenteditable or textarea), so Dalil's content script runs as it would on the real site.
 * Page text is made with textContent-safe literals only.
 */
import type { BrowserContext } from 'playwright-core';
import type { Platform } from '../../utils/schemas/common';

export interface DemoPage {
  platform: Exclude<Platform, 'generic'>;
  url: string;
  title: string;
  commenter: string;
  comment: string;
  composer: 'contenteditable' | 'textarea';
  composerLabel: string;
}

export const DEMO_PAGES: DemoPage[] = [
  {
    platform: 'facebook',
    url: 'https://www.facebook.com/dalilcoffee/posts/1001',
    title: 'Dalil Coffee Co. | Facebook',
    commenter: 'مريم الحربي',
    comment: 'طلبت من أسبوع وما وصل الطلب رقم 4821 لحد الآن 😞',
    composer: 'contenteditable',
    composerLabel: 'Write a comment…',
  },
  {
    platform: 'instagram',
    url: 'https://www.instagram.com/p/DalilDemo1/',
    title: 'Dalil Coffee Co. on Instagram',
    commenter: 'omar.k',
    comment: 'How much is the cardamom blend? 😍',
    composer: 'textarea',
    composerLabel: 'Add a comment…',
  },
  {
    platform: 'x',
    url: 'https://x.com/dalilcoffee/status/1860000000000000001',
    title: 'Dalil Coffee Co. on X',
    commenter: 'Sara Ahmed',
    comment: 'Best flat white in town, thank you!',
    composer: 'contenteditable',
    composerLabel: 'Post your reply',
  },
  {
    platform: 'linkedin',
    url: 'https://www.linkedin.com/feed/update/urn:li:activity:7260000000000000001/',
    title: 'Dalil Coffee Co. | LinkedIn',
    commenter: 'Khalid Al-Mansour',
    comment: 'Do you ship to offices in Riyadh?',
    composer: 'contenteditable',
    composerLabel: 'Add a comment…',
  },
  {
    platform: 'youtube',
    url: 'https://www.youtube.com/watch?v=DalilDemo01',
    title: 'How we roast — YouTube',
    commenter: '@huda.bakes',
    comment: 'متى يرجع المنتج؟ خلص من المتجر',
    composer: 'contenteditable',
    composerLabel: 'Add a comment…',
  },
  {
    platform: 'tiktok',
    url: 'https://www.tiktok.com/@dalilcoffee/video/7300000000000000001',
    title: 'Dalil Coffee Co. on TikTok',
    commenter: 'yousef_99',
    comment: 'السعر كم؟',
    composer: 'contenteditable',
    composerLabel: 'Add comment...',
  },
];

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function demoPageHtml(page: DemoPage): string {
  const others = DEMO_PAGES.map(
    (p) => `<a href="${escapeHtml(p.url)}"${p === page ? ' aria-current="page"' : ''}>${escapeHtml(p.platform)}</a>`,
  ).join(' · ');
  const composer =
    page.composer === 'textarea'
      ? `<textarea aria-label="${escapeHtml(page.composerLabel)}" placeholder="${escapeHtml(page.composerLabel)}" rows="3"></textarea>`
      : `<div contenteditable="true" role="textbox" aria-multiline="true" aria-label="${escapeHtml(page.composerLabel)}" data-placeholder="${escapeHtml(page.composerLabel)}"></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title>
<style>
body{font-family:system-ui,"DejaVu Sans",sans-serif;margin:0;background:#f0f2f5;color:#1c1e21}
header{background:#fff;border-bottom:1px solid #ddd;padding:8px 16px;font-size:13px}
main{max-width:560px;margin:16px auto;background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 2px #0002}
.banner{background:#fff8e1;border:1px solid #f2c14e;border-radius:6px;padding:6px 10px;font-size:12px;margin-bottom:12px}
.comment{background:#f0f2f5;border-radius:16px;padding:8px 12px;margin:12px 0}
.comment b{display:block;font-size:13px}
[contenteditable],textarea{display:block;width:100%;box-sizing:border-box;min-height:40px;border:1px solid #ccd0d5;border-radius:18px;padding:8px 12px;font:inherit;background:#fff}
[contenteditable]:empty::before{content:attr(data-placeholder);color:#888}
</style></head>
<body>
<header>Dalil demo — ${escapeHtml(page.platform)} · ${others}</header>
<main>
<p class="banner">This is a local demo page served at ${escapeHtml(page.url)} by Dalil's test harness. Nothing here reaches ${escapeHtml(page.platform)}.</p>
<article aria-label="Post">
<h1 style="font-size:16px">Dalil Coffee Co.</h1>
<p>New cardamom blend is here ☕ — قهوة الهيل وصلت!</p>
<div role="article" aria-label="Comment by ${escapeHtml(page.commenter)}" class="comment">
<b dir="auto">${escapeHtml(page.commenter)}</b><span dir="auto">${escapeHtml(page.comment)}</span>
</div>
<form onsubmit="return false">${composer}</form>
</article>
</main>
</body></html>`;
}

/** Serves every demo page at its platform URL in this browser context. */
export async function serveDemoPages(context: BrowserContext): Promise<void> {
  for (const page of DEMO_PAGES) {
    const { origin, pathname } = new URL(page.url);
    await context.route(
      (url) => url.origin === origin && url.pathname === pathname,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: demoPageHtml(page) }),
    );
  }
}
