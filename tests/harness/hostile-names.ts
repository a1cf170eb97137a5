/**
 * Demo platform pages whose commenter has a hostile name — bidi overrides, unbalanced isolates,
 * nothing visible, NUL and control characters, a lone surrogate, markup, template syntax, replacement
 * patterns — and two templates, English and Arabic, that greet the commenter by first name with a
 * fallback. One set for both browser drivers. The names are set by the page's own script: NUL and lone
 * surrogates cannot travel in an HTML file (the parser drops the one, UTF-8 cannot hold the other).
 */
import { type DemoPlatform, demoPage, demoPageHtml, type PageLocale } from './demo-pages';

export interface HostileName {
  label: string;
  /** What the page shows as the commenter's name. */
  name: string;
  /** What each template must greet them with: the cleaned first name (isolated when its script runs against the template's), or the fallback. */
  en: string;
  ar: string;
}

const FSI = '\u2068';
const PDI = '\u2069';

export const HOSTILE_NAMES: HostileName[] = [
  { label: 'a right-to-left override', name: '\u202eAhmed Ali', en: 'Ahmed', ar: `${FSI}Ahmed${PDI}` },
  { label: 'an override around an Arabic name', name: '\u202dمريم الحربي\u202c', en: `${FSI}مريم${PDI}`, ar: 'مريم' },
  { label: 'unbalanced isolates', name: '\u2067\u2067Sara\u2066', en: 'Sara', ar: `${FSI}Sara${PDI}` },
  {
    label: 'nothing visible (zero-width, format, marks)',
    name: '\u200b\u200c\u200d\u2060\u00ad\u200e',
    en: 'friend',
    ar: 'صديقنا',
  },
  { label: 'NUL and control characters', name: 'Om\u0000ar\u009b\u0007', en: 'Omar', ar: `${FSI}Omar${PDI}` },
  { label: 'a lone surrogate', name: 'Zaid\ud800', en: 'Zaid\ufffd', ar: `${FSI}Zaid\ufffd${PDI}` },
  { label: 'markup', name: '<b>Huda</b>', en: '<b>Huda</b>', ar: `${FSI}<b>Huda</b>${PDI}` },
  { label: 'template syntax', name: '{{date}}', en: '{{date}}', ar: `${FSI}{{date}}${PDI}` },
  { label: 'replacement patterns', name: "$&$'$`Sam", en: "$&$'$`Sam", ar: `${FSI}$&$'$\`Sam${PDI}` },
];

/** The two templates typed in each composer, one after the other. */
export const GREETING_TEMPLATES = [
  {
    id: 'hostile.greet.en',
    title: 'Greeting by first name',
    body: 'Thanks {{commenter.firstName|friend}}, we will check.',
    lang: 'en',
    shortcut: ';greeten',
    status: 'approved',
    tags: [],
  },
  {
    id: 'hostile.greet.ar',
    title: 'تحية بالاسم الأول',
    body: 'شكرًا {{commenter.firstName|صديقنا}}، سنتابع طلبك.',
    lang: 'ar',
    shortcut: ';greetar',
    status: 'approved',
    tags: [],
  },
] as const;

/** What the composer holds after typing `;greeten ;greetar`. */
export const expectedReply = (c: HostileName) => `Thanks ${c.en}, we will check. شكرًا ${c.ar}، سنتابع طلبك.`;
export const TYPED = ';greeten ;greetar';

/** Every bidi control Dalil must never pass on from a name (isolates are checked by exact text). */
export const OVERRIDES_AND_EMBEDDINGS = /[\u202a-\u202e\u200e\u200f\u061c]/;

/** Platforms whose editors these names are typed into: Facebook's Lexical and X's Draft.js. */
export const HOSTILE_PLATFORMS: Array<{ platform: DemoPlatform; locale: PageLocale }> = [
  { platform: 'facebook', locale: 'ar' },
  { platform: 'x', locale: 'en' },
];

const PLACEHOLDER = 'Dalil Placeholder';

/** `?hostile=<index>` on a demo page's URL: that page with this case's commenter. */
export const hostileUrl = (platform: DemoPlatform, locale: PageLocale, index: number) => {
  const url = new URL(demoPage(platform).url);
  url.searchParams.set('hostile', String(index));
  if (locale === 'ar') url.searchParams.set('hl', 'ar');
  return url.href;
};

/** The page for a `hostileUrl`, or undefined for any other URL. */
export function hostilePageFor(href: string): string | undefined {
  const url = new URL(href);
  const index = url.searchParams.get('hostile');
  const page =
    index === null ? undefined : [demoPage('facebook'), demoPage('x')].find((p) => p.url === url.origin + url.pathname);
  const hostile = index === null ? undefined : HOSTILE_NAMES[Number(index)];
  if (!page || !hostile) return undefined;
  const locale: PageLocale = url.searchParams.get('hl') === 'ar' ? 'ar' : 'en';
  const html = demoPageHtml({ ...page, commenter: PLACEHOLDER }, locale)
    // The reply starts empty (no @mention of the name): the whole composer is what Dalil typed.
    .replace(` data-mention="${PLACEHOLDER}"`, '');
  // The page's own script puts the name in its text and labels, as the platform's would.
  const json = JSON.stringify(hostile.name).replace(/</g, '\\u003c');
  const script = `<script>
const name = ${json};
const swap = (s) => s.split(${JSON.stringify(PLACEHOLDER)}).join(name);
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.data.includes(${JSON.stringify(PLACEHOLDER)})) n.data = swap(n.data);
for (const el of document.querySelectorAll('[aria-label]')) el.setAttribute('aria-label', swap(el.getAttribute('aria-label')));
</script>`;
  // A function, not a string: the script holds `$&` and its kin, which a replacement string would expand.
  return html.replace('</main>', () => `</main>${script}`);
}
