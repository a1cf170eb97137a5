/** UI strings of the backup area; merged into ../messages.ts. Keys start with 'backup.'. */
export const en = {
  'backup.title': 'Backup',
  'backup.intro':
    'One file with everything Dalil keeps in this browser: templates, brand kit, playbooks, the swipe file with its images and videos, testimonials, the log, team-sync state and your settings.',
  'backup.create': 'Back up everything',
  'backup.creating': 'Making the backup…',
  'backup.includeKey': 'Include the signing private key',
  'backup.includeKeyWarning':
    'Anyone who has this file can then sign packs as your team. Keep it somewhere safe. Without the key, a browser restored from the file has no signing key.',
  'backup.created': 'Saved {file} ({size} MB).',
  'backup.createFailed': 'No backup was made: {message}',
  'backup.restore': 'Restore from backup…',
  'backup.restoreDrop': 'or drop a backup .zip here',
  'backup.restoreConfirm':
    'Restore “{file}”?\n\nEverything Dalil keeps in this browser — templates, brand kit, playbooks, swipe file, testimonials, log, team-sync state and settings — will be replaced by what the backup holds. This cannot be undone.',
  'backup.restoring': 'Restoring…',
  'backup.restored':
    'Restored from {file}: {templates, plural, one {# template} other {# templates}}, {ads, plural, one {# saved ad} other {# saved ads}}, {media, plural, one {# media file} other {# media files}}, {testimonials, plural, one {# testimonial} other {# testimonials}}, {log, plural, one {# log entry} other {# log entries}}.',
  'backup.restoredSites':
    '{count, plural, one {# site where Dalil was turned on needs it again: open it and choose} other {# sites where Dalil was turned on need it again: open each one and choose}} “Always use Dalil on this site”.',
  'backup.rejected': '“{file}” was not restored. Nothing was changed. {count, plural, one {# problem:} other {# problems:}}',
  'backup.problem.not-zip': 'This file is not a Dalil backup: a backup is a .zip file made by “Back up everything”.',
  'backup.problem.unreadable': 'The file is damaged or incomplete (was the download cut short?).',
  'backup.problem.too-large': 'The file is too large to restore: at most {limit} MB.',
  'backup.problem.swipe-export': 'This zip is a swipe-file export, not a backup: import it in the Swipe file tab.',
  'backup.problem.no-manifest': 'This zip is not a Dalil backup.',
  'backup.problem.foreign': 'This file is not a Dalil backup.',
  'backup.problem.newer-format': 'This backup was made by a newer Dalil: update Dalil, then restore it.',
  'backup.problem.older-db':
    'This backup was made by an older Dalil (database version {version}), which this Dalil cannot restore.',
  'backup.problem.checksum': 'The backup was changed or damaged after it was made: its checksum does not match.',
  'backup.problem.missing-file': 'A media file is missing from the zip: {file}.',
  'backup.problem.count-mismatch': 'The number of records in “{store}” does not match the backup’s own count.',
  'backup.problem.duplicate-key': '“{value}” is in the backup twice.',
  'backup.problem.key-import': 'The signing key in the backup could not be read.',
  'backup.problem.write-failed': 'The browser refused to write the data; nothing was changed.',
} as const;

export const ar: Record<keyof typeof en, string> = {
  'backup.title': 'النسخة الاحتياطية',
  'backup.intro':
    'ملف واحد يضم كل ما يحفظه «دليل» في هذا المتصفح: القوالب والهوية وأدلة العمل، وملف الإعلانات بصوره ومقاطعه، وآراء العملاء، والسجل، وحالة المزامنة مع الفريق، وإعداداتك.',
  'backup.create': 'انسخ كل شيء احتياطيًا',
  'backup.creating': 'جارٍ إعداد النسخة الاحتياطية…',
  'backup.includeKey': 'أضف مفتاح التوقيع الخاص',
  'backup.includeKeyWarning':
    'من يحصل على هذا الملف يستطيع أن يوقّع الحزم باسم فريقك، فاحفظه في مكان آمن. ومن دون المفتاح لن يكون في المتصفح المُستعاد مفتاح توقيع.',
  'backup.created': 'حُفظ الملف {file} ‏({size} ميغابايت).',
  'backup.createFailed': 'لم تُنشأ النسخة الاحتياطية: {message}',
  'backup.restore': 'استعد من نسخة احتياطية…',
  'backup.restoreDrop': 'أو أفلت ملف ‎.zip للنسخة الاحتياطية هنا',
  'backup.restoreConfirm':
    'هل تستعيد «{file}»؟\n\nسيُستبدل كل ما يحفظه «دليل» في هذا المتصفح — القوالب والهوية وأدلة العمل وملف الإعلانات وآراء العملاء والسجل وحالة المزامنة والإعدادات — بما في النسخة الاحتياطية، ولا يمكن التراجع عن ذلك.',
  'backup.restoring': 'جارٍ الاستعادة…',
  'backup.restored':
    'استُعيدت البيانات من {file}: {templates, plural, zero {لا قوالب} one {قالب واحد} two {قالبان} few {# قوالب} many {# قالبًا} other {# قالب}}، و{ads, plural, zero {لا إعلانات محفوظة} one {إعلان واحد محفوظ} two {إعلانان محفوظان} few {# إعلانات محفوظة} many {# إعلانًا محفوظًا} other {# إعلان محفوظ}}، و{media, plural, zero {لا ملفات وسائط} one {ملف وسائط واحد} two {ملفا وسائط} few {# ملفات وسائط} many {# ملف وسائط} other {# ملف وسائط}}، و{testimonials, plural, zero {لا آراء} one {رأي واحد} two {رأيان} few {# آراء} many {# رأيًا} other {# رأي}}، و{log, plural, zero {لا قيود في السجل} one {قيد واحد في السجل} two {قيدان في السجل} few {# قيود في السجل} many {# قيدًا في السجل} other {# قيد في السجل}}.',
  'backup.restoredSites':
    'يلزم تفعيل «دليل» من جديد على {count, plural, zero {# موقع} one {موقع واحد: افتحه} two {موقعين: افتح كلًّا منهما} few {# مواقع: افتح كل موقع} many {# موقعًا: افتح كل موقع} other {# موقع: افتح كل موقع}} واختر «استخدم دليل دائمًا على هذا الموقع».',
  'backup.rejected': 'لم تُستعد «{file}» ولم يتغيّر شيء. المشكلات ({count}):',
  'backup.problem.not-zip': 'هذا الملف ليس نسخة احتياطية من «دليل»: النسخة الاحتياطية ملف ‎.zip يُنشئه زر «انسخ كل شيء احتياطيًا».',
  'backup.problem.unreadable': 'الملف تالف أو ناقص (ربما انقطع التنزيل قبل اكتماله).',
  'backup.problem.too-large': 'الملف أكبر من أن يُستعاد: الحد الأقصى {limit} ميغابايت.',
  'backup.problem.swipe-export': 'هذا الملف تصدير لملف الإعلانات وليس نسخة احتياطية: استورده من تبويب «الإعلانات».',
  'backup.problem.no-manifest': 'هذا الملف المضغوط ليس نسخة احتياطية من «دليل».',
  'backup.problem.foreign': 'هذا الملف ليس نسخة احتياطية من «دليل».',
  'backup.problem.newer-format': 'أُنشئت هذه النسخة بإصدار أحدث من «دليل»: حدّث «دليل» ثم استعدها.',
  'backup.problem.older-db':
    'أُنشئت هذه النسخة بإصدار أقدم من «دليل» (قاعدة البيانات {version})، ولا يستطيع هذا الإصدار استعادتها.',
  'backup.problem.checksum': 'تغيّرت النسخة الاحتياطية أو تلفت بعد إنشائها: بصمتها لا تطابق محتواها.',
  'backup.problem.missing-file': 'ملف وسائط مفقود من الملف المضغوط: {file}.',
  'backup.problem.count-mismatch': 'عدد السجلات في «{store}» لا يطابق العدد المدوَّن في النسخة نفسها.',
  'backup.problem.duplicate-key': '«{value}» مكرر في النسخة الاحتياطية.',
  'backup.problem.key-import': 'تعذّرت قراءة مفتاح التوقيع الموجود في النسخة.',
  'backup.problem.write-failed': 'رفض المتصفح كتابة البيانات، ولم يتغيّر شيء.',
};
