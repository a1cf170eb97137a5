/**
 * The swipe file shown a page at a time: selecting every ad that matches (not only those on screen),
 * bulk tags and boards, progress and cancel of bulk actions and exports; merged into ../messages.ts.
 */
export const en = {
  'swipe.grid': 'Saved ads',
  'swipe.loadingCard': 'Loading…',
  'swipe.clearSelection': 'Clear selection',
  'swipe.bulkValue': 'Tag or board for the selected ads',
  'swipe.bulk.addTag': 'Add tag',
  'swipe.bulk.addBoard': 'Add to board',
  'swipe.bulk.removeTag': 'Remove tag',
  'swipe.bulk.changed': '{count, plural, one {# ad changed.} other {# ads changed.}}',
  'swipe.progress': '{done} of {total}…',
  'swipe.cancel': 'Cancel',
  'swipe.cancelled': 'Stopped. {count, plural, one {# ad was done before.} other {# ads were done before.}}',
  'swipe.exporting': 'Exporting {done} of {total}…',
};

export const ar: Record<keyof typeof en, string> = {
  'swipe.grid': 'الإعلانات المحفوظة',
  'swipe.loadingCard': 'جارٍ التحميل…',
  'swipe.clearSelection': 'إلغاء التحديد',
  'swipe.bulkValue': 'وسم أو لوحة للإعلانات المحددة',
  'swipe.bulk.addTag': 'إضافة وسم',
  'swipe.bulk.addBoard': 'إضافة إلى لوحة',
  'swipe.bulk.removeTag': 'إزالة الوسم',
  'swipe.bulk.changed':
    '{count, plural, zero {لم يتغير أي إعلان.} one {تغيّر إعلان واحد.} two {تغيّر إعلانان.} few {تغيّرت # إعلانات.} many {تغيّر # إعلانًا.} other {تغيّر # إعلان.}}',
  'swipe.progress': '{done} من {total}…',
  'swipe.cancel': 'إلغاء',
  'swipe.cancelled':
    '{count, plural, zero {توقّف قبل أن يتغير أي إعلان.} one {توقّف بعد إعلان واحد.} two {توقّف بعد إعلانين.} few {توقّف بعد # إعلانات.} many {توقّف بعد # إعلانًا.} other {توقّف بعد # إعلان.}}',
  'swipe.exporting': 'جارٍ تصدير {done} من {total}…',
};
