/**
 * Names a screen reader gives to controls and charts that show no text of their own (the swipe file's
 * sort, the charts' data tables, the ad's library ID); merged into ../messages.ts. Keys start with 'a11y.'.
 */
export const en = {
  'a11y.swipeSort': 'Sort',
  'a11y.libraryId': 'Library ID',
  'a11y.chart.day': 'Day',
  'a11y.chart.count': 'Count',
  'a11y.chart.template': 'Template',
  'a11y.chart.advertiser': 'Advertiser',
  'a11y.chart.verdict': 'Result',
  'a11y.maxLength': 'Longest post on {platform}',
  'a11y.templateViews': 'Show',
};

export const ar: Record<keyof typeof en, string> = {
  'a11y.swipeSort': 'الترتيب',
  'a11y.libraryId': 'المعرّف في المكتبة',
  'a11y.chart.day': 'اليوم',
  'a11y.chart.count': 'العدد',
  'a11y.chart.template': 'القالب',
  'a11y.chart.advertiser': 'المعلن',
  'a11y.chart.verdict': 'النتيجة',
  'a11y.maxLength': 'أطول منشور على {platform}',
  'a11y.templateViews': 'عرض',
};
