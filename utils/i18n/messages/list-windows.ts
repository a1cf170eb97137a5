/**
 * Lists shown a page at a time (the followed advertisers, the testimonials): their counts, a search that
 * finds nothing, the swipe file's two views; merged into ../messages.ts.
 */
export const en = {
  'lists.count': '{shown} of {total}',
  'lists.noMatch': 'Nothing matches this search.',
  'swipe.views': 'Show',
  'swipe.followed.search': 'Search followed advertisers',
  'swipe.followed.empty': 'Press Follow on an ad in an ad library to keep an eye on its advertiser here.',
};

export const ar: Record<keyof typeof en, string> = {
  'lists.count': '{shown} من {total}',
  'lists.noMatch': 'لا شيء يطابق هذا البحث.',
  'swipe.views': 'عرض',
  'swipe.followed.search': 'ابحث في المعلنين الذين تتابعهم',
  'swipe.followed.empty': 'اضغط «متابعة» على إعلان في مكتبة الإعلانات لتتابع معلنه من هنا.',
};
