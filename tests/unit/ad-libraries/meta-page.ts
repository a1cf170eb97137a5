/**
 * Renders real Meta Ad Library records (the fixture's `collated_results` shape) into result pages, the way the
 * English fixture page was made (tests/fixtures/ad-libraries/meta-ad-library/SOURCES.md, "How the page was made"):
 * atomic class names drawn at random, varying wrapper depth, one card per record. Used for the Arabic UI page, the broken cards and the benchmark's
 * 200-card page. Everything it emits is SYNTHESISED DOM around real data.
 */
import { seededRandom as random } from '../../seeded-random';
import { type ExpectedAd, recordFixtureJson } from './fixtures';

export interface MetaRecord {
  ad_archive_id: string;
  page_id: string;
  is_active: boolean;
  start_date: number;
  end_date: number | null;
  collation_count: number | null;
  publisher_platform: string[];
  snapshot: {
    page_name: string;
    body: { text: string } | null;
    title: string | null;
    caption: string | null;
    cta_text: string | null;
    link_url: string | null;
    display_format: string;
    images: { resized_image_url: string | null; original_image_url: string | null }[];
    videos: { video_sd_url: string | null; video_preview_image_url: string | null }[];
  };
}

export function metaRecords(): MetaRecord[] {
  return [
    ...recordFixtureJson<MetaRecord[]>('meta-ad-library/meta-adlib-records-000-079.json'),
    ...recordFixtureJson<MetaRecord[]>('meta-ad-library/meta-adlib-records-080-171.json'),
  ];
}

export type Locale = 'en-GB' | 'en-US' | 'ar-EG' | 'ar-LB';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EG_MONTHS = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const LB_MONTHS = [
  'كانون الثاني',
  'شباط',
  'آذار',
  'نيسان',
  'أيار',
  'حزيران',
  'تموز',
  'آب',
  'أيلول',
  'تشرين الأول',
  'تشرين الثاني',
  'كانون الأول',
];
const arabicDigits = (n: number | string) => String(n).replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

interface Labels {
  active: string;
  inactive: string;
  libraryId: string;
  started: string;
  platforms: string;
  sponsored: string;
  seeAd: string;
  seeSummary: string;
  collated: (n: number) => string;
  cta: (cta: string) => string;
  date: (d: Date) => string;
}

const EN: Omit<Labels, 'date'> = {
  active: 'Active',
  inactive: 'Inactive',
  libraryId: 'Library ID: ',
  started: 'Started running on ',
  platforms: 'Platforms',
  sponsored: 'Sponsored',
  seeAd: 'See ad details',
  seeSummary: 'See summary details',
  collated: (n) => `<strong>${n} ads</strong> use this creative and text`,
  cta: (cta) => cta,
};

// Arabic labels from the fixture README's "Arabic UI (unverified)" section.
const AR_CTA: Record<string, string> = { 'Learn more': 'معرفة المزيد' };
const AR: Omit<Labels, 'date'> = {
  active: 'نشط',
  inactive: 'غير نشط',
  libraryId: 'معرّف المكتبة: ',
  started: 'بدأ العرض في ',
  platforms: 'المنصات',
  sponsored: 'مُموَّل',
  seeAd: 'الاطلاع على تفاصيل الإعلان',
  seeSummary: 'الاطلاع على تفاصيل الملخص',
  // Two is the dual noun with no digit; three to ten take the plural.
  collated: (n) =>
    n === 2
      ? '<strong>إعلانان</strong> يستخدمان هذا التصميم والنص'
      : `<strong>${arabicDigits(n)} إعلانات</strong> تستخدم هذا التصميم والنص`,
  cta: (cta) => AR_CTA[cta] ?? cta,
};

export const LABELS: Record<Locale, Labels> = {
  'en-GB': { ...EN, date: (d) => `${d.getUTCDate()} ${EN_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` },
  'en-US': { ...EN, date: (d) => `${EN_MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}` },
  'ar-EG': {
    ...AR,
    date: (d) => `${arabicDigits(d.getUTCDate())} ${EG_MONTHS[d.getUTCMonth()]} ${arabicDigits(d.getUTCFullYear())}`,
  },
  'ar-LB': {
    ...AR,
    date: (d) => `${arabicDigits(d.getUTCDate())} ${LB_MONTHS[d.getUTCMonth()]} ${arabicDigits(d.getUTCFullYear())}`,
  },
};

/** Sprite icons per platform (the positions documented in docs/platform-evidence.md §7). */
const SPRITES: Record<string, [string, string]> = {
  FACEBOOK: ['https://static.xx.fbcdn.net/rsrc.php/v4/yV/r/OLar8kmsCmm.png', '0px -1188px'],
  INSTAGRAM: ['https://static.xx.fbcdn.net/rsrc.php/v4/yV/r/OLar8kmsCmm.png', '0px -1201px'],
  THREADS: ['https://static.xx.fbcdn.net/rsrc.php/v4/yV/r/OLar8kmsCmm.png', '0px -1214px'],
  AUDIENCE_NETWORK: ['https://static.xx.fbcdn.net/rsrc.php/v4/y8/r/ZuVkzM77JQ-.png', '-68px -189px'],
  MESSENGER: ['https://static.xx.fbcdn.net/rsrc.php/v4/y5/r/7Ia52m_bDk0.png', '-246px -280px'],
};

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export { seededRandom as random } from '../../seeded-random';

/** Atomic-CSS-like class lists (`x` + 6–7 base-36 characters), meaningless and different per seed. */
export function classNames(rand: () => number): () => string {
  const pool = Array.from(
    { length: 120 },
    () =>
      `x${Math.floor(rand() * 36 ** 7)
        .toString(36)
        .padStart(6, '0')}`,
  );
  return () => {
    const n = 2 + Math.floor(rand() * 6);
    return Array.from({ length: n }, () => pool[Math.floor(rand() * pool.length)]).join(' ');
  };
}

/** What to leave out or change on one card, for the broken-card tests. */
export interface CardChanges {
  noDate?: boolean;
  noMedia?: boolean;
  /** The CTA as a plain line with a label Meta does not offer, not a button in the link. */
  unknownCta?: string;
  noAdvertiserLink?: boolean;
  noPlatforms?: boolean;
  unknownPlatformIcons?: boolean;
  noLibraryIdNumber?: boolean;
  /** `blob:` video source, as with streamed video. */
  blobVideo?: boolean;
  multipleVersions?: boolean;
  /** Show the run as "start - end" (inactive ads). */
  dateRange?: boolean;
  totalActiveTime?: boolean;
  /** Emoji in the body drawn as `<img alt>`, as Facebook does. */
  emojiImages?: boolean;
}

export interface PageOptions {
  locale: Locale;
  seed: number;
  /** Extra wrapper divs around each card part: 0–maxWrappers at random. */
  maxWrappers?: number;
  changes?: (index: number) => CardChanges;
  /** A different Library ID per card (for pages longer than the data). */
  idFor?: (record: MetaRecord, index: number) => string;
}

/** One card's HTML for `record`. */
function renderCard(
  record: MetaRecord,
  index: number,
  options: PageOptions,
  cls: () => string,
  rand: () => number,
  id: string,
): string {
  const t = LABELS[options.locale];
  const ch = options.changes?.(index) ?? {};
  const s = record.snapshot;
  const wrap = (html: string) => {
    let out = html;
    const depth = Math.floor(rand() * ((options.maxWrappers ?? 0) + 1));
    for (let i = 0; i < depth; i++) out = `<div class="${cls()}">${out}</div>`;
    return out;
  };
  const div = (inner: string, attrs = '') => `<div class="${cls()}"${attrs}>${inner}</div>`;
  const span = (inner: string) => `<span class="${cls()}">${inner}</span>`;

  const start = new Date(record.start_date * 1000);
  const end = new Date((record.start_date + 4 * 86400) * 1000);
  let dateLine = `${t.started}${t.date(start)}`;
  if (ch.dateRange) dateLine = `${t.date(start)} - ${t.date(end)}`;
  if (ch.totalActiveTime) dateLine += ' · Total active time 4 days';

  const icons = record.publisher_platform
    .map((p) =>
      ch.unknownPlatformIcons ? ['https://static.xx.fbcdn.net/rsrc.php/v4/yQ/r/NewSprite123.png', '0px -7px'] : SPRITES[p],
    )
    .filter(Boolean)
    .map(
      ([url, pos]) =>
        `<div class="${cls()}" style="background-color: var(--secondary-icon); height: 12px; mask-image: url(&quot;${url}&quot;); mask-position: ${pos}; mask-size: auto; width: 12px; -webkit-mask-image: url(&quot;${url}&quot;); -webkit-mask-position: ${pos};"></div>`,
    )
    .join('');

  const collation = record.collation_count ?? 1;
  const header = div(
    [
      wrap(div(`${div('')}${span(record.is_active ? t.active : t.inactive)}`)),
      wrap(div(div(span(`${t.libraryId}${ch.noLibraryIdNumber ? '' : id}`)))),
      ch.noDate ? '' : wrap(div(span(escapeHtml(dateLine)))),
      ch.noPlatforms ? '' : wrap(div(`${span(t.platforms)}${div(icons)}`)),
      collation > 1 ? wrap(div(t.collated(collation))) : '',
      ch.multipleVersions ? wrap(div(span('This ad has multiple versions'))) : '',
    ].join(''),
  );
  const seeDetails = div(div(div(div(collation > 1 ? t.seeSummary : t.seeAd)), ' role="button" tabindex="0"'));

  const pageUrl = `https://www.facebook.com/${record.page_id}/`;
  const name = escapeHtml(s.page_name);
  const avatar = `<img class="${cls()}" src="https://scontent-iad3-1.xx.fbcdn.net/v/t39.30808-1/${record.page_id}_n.jpg?stp=dst-jpg_s60x60_tt6&amp;_nc_cat=1" alt="" width="30" height="30">`;
  const advertiser = ch.noAdvertiserLink
    ? div(`${avatar}${div(`${div(span(name))}${div(span(t.sponsored))}`)}`)
    : div(
        `<a class="${cls()}" href="${pageUrl}" target="_blank" rel="nofollow noreferrer">${avatar}</a>` +
          div(
            `<a class="${cls()}" href="${pageUrl}" target="_blank" rel="nofollow noreferrer"><strong class="${cls()}">${span(name)}</strong></a>${div(span(t.sponsored))}`,
          ),
      );

  let bodyText = s.body?.text ? escapeHtml(s.body.text) : '';
  if (ch.emojiImages) {
    bodyText = bodyText.replace(
      /☑️/g,
      '<img height="16" width="16" alt="☑️" src="https://static.xx.fbcdn.net/images/emoji.php/v9/t3f/1/16/2611.png">',
    );
  }
  const body = bodyText
    ? wrap(div(`<div class="${cls()}" data-ad-preview="message" style="white-space: pre-wrap;">${span(bodyText)}</div>`))
    : '';

  const video = s.videos[0];
  const image = s.images[0];
  const videoSrc = ch.blobVideo
    ? 'blob:https://www.facebook.com/5e0f6d1c-7b1e-4d7e-9a51-0c1f7c3c9a10'
    : (video?.video_sd_url ?? '');
  const videoHtml =
    !ch.noMedia && video
      ? wrap(
          div(
            div(
              div(
                `<video class="${cls()}" controls="" playsinline="" preload="none" poster="${escapeHtml(video.video_preview_image_url ?? '')}" src="${escapeHtml(videoSrc)}"></video>`,
              ),
            ),
          ),
        )
      : '';
  const imageHtml =
    !ch.noMedia && !video && image?.resized_image_url
      ? div(
          div(
            div(
              `<img class="${cls()}" src="${escapeHtml(image.resized_image_url)}" alt="" referrerpolicy="origin-when-cross-origin">`,
            ),
          ),
        )
      : '';
  const domain = (s.caption ?? '').toUpperCase();
  const ctaText = t.cta(s.cta_text ?? '');
  const cta = ch.unknownCta
    ? div(div(escapeHtml(ch.unknownCta)))
    : div(div(div(div(escapeHtml(ctaText))), ' role="button" tabindex="0"'));
  const landing = s.link_url
    ? `<a class="${cls()}" href="https://l.facebook.com/l.php?u=${encodeURIComponent(s.link_url)}&amp;h=AT0${index}x&amp;s=1" target="_blank" rel="nofollow noreferrer">${div(
        `${imageHtml}${div(`${div(div(escapeHtml(domain)))}${div(div(escapeHtml(s.title ?? '')))}`)}${cta}`,
      )}</a>`
    : '';
  const preview = div(`${wrap(advertiser)}${body}${videoHtml}${landing}`);
  return div(wrap(div(`${header}${seeDetails}${div('')}${preview}`)));
}

/** A results page with one card per record. */
export function renderMetaPage(records: readonly MetaRecord[], options: PageOptions): string {
  const rand = random(options.seed);
  const cls = classNames(rand);
  const ar = options.locale.startsWith('ar');
  const cards = records
    .map((record, i) => renderCard(record, i, options, cls, rand, options.idFor?.(record, i) ?? record.ad_archive_id))
    .join('\n');
  return `<!DOCTYPE html>
<!-- SYNTHESISED page (tests/unit/ad-libraries/meta-page.ts, seed ${options.seed}, locale ${options.locale}); ad data = REAL records of sanketcognitivepixel/fb_ad_scrap @580a9eb. -->
<html lang="${ar ? 'ar' : 'en'}" dir="${ar ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><title>${ar ? 'مكتبة الإعلانات' : 'Ad Library'}</title></head>
<body><div id="mount_0_0_Xy"><div class="${cls()}" role="banner"><a href="https://www.facebook.com/ads/library/" aria-label="Ad Library">${ar ? 'مكتبة الإعلانات' : 'Ad Library'}</a></div>
<div class="${cls()}" role="main"><div class="${cls()}">~${records.length} ${ar ? 'نتيجة' : 'results'}</div><div class="${cls()}">
${cards}
</div></div></div></body></html>`;
}

/** What an ideal capture reads from a card of `record` (how the fixture's `.expected.json` was derived, per its SOURCES.md). */
export function expectedFor(record: MetaRecord, locale: Locale = 'en-GB'): ExpectedAd {
  const s = record.snapshot;
  const video = s.videos[0];
  const mediaUrls = video
    ? [video.video_sd_url, video.video_preview_image_url].filter((u): u is string => !!u)
    : s.images[0]?.resized_image_url
      ? [s.images[0].resized_image_url]
      : [];
  return {
    libraryAdId: record.ad_archive_id,
    advertiserName: s.page_name,
    advertiserId: record.page_id,
    startedAt: new Date(record.start_date * 1000).toISOString().slice(0, 10),
    active: record.is_active,
    text: s.body?.text ?? null,
    cta: s.cta_text === null ? null : LABELS[locale].cta(s.cta_text),
    landingUrl: s.link_url,
    mediaUrls,
    variantCount: record.collation_count ?? 1,
  };
}
