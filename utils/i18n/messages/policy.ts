/** UI strings of the organisation's policy (managed settings); merged into ../messages.ts. Keys start with 'policy.'. */
export const en = {
  'policy.setByOrg': 'Set by your organisation',
  'policy.title': 'Managed by your organisation',
  'policy.intro':
    'Your organisation set some of Dalil’s settings for this browser. They are marked “Set by your organisation” and cannot be changed here.',
  'policy.problems':
    'These values in your organisation’s policy were ignored ({count}); the others apply. Please tell your IT team:',
  'policy.problem.unknown-key': 'is not one of Dalil’s settings (check its spelling and capitals).',
  'policy.problem.invalid': 'was ignored: {expected}',
  'policy.expect.teamPackUrl': 'an https:// address of the pack file (http:// only for localhost).',
  'policy.expect.managerPublicKey': 'the manager’s public key as Dalil shows it (dalil-ed25519:… or dalil-p256:…).',
  'policy.expect.role': '“agent” or “manager”.',
  'policy.expect.allowRoleChange': 'true or false.',
  'policy.expect.agentName': 'a name of 1 to 120 characters.',
  'policy.expect.webhookUrl': 'an https:// address (http:// only for localhost).',
  'policy.expect.autoApply': 'true or false.',
  'policy.expect.refreshMinutes': 'a whole number of minutes from 5 to 1440.',
  'policy.expect.language': '“ar”, “en” or “auto”.',
  'policy.expect.extraSites': 'a list of sites, each written https://host (no path, no wildcard), at most 100.',
  'policy.expect.workspace':
    'an object with endpoint (https://, or http:// for localhost), bucket (3–63 lower-case letters, digits, dots, hyphens), region, accessKeyId, secretAccessKey and person, all text.',
  'policy.given': 'Given: {value}',
  'policy.sitesAwaiting': 'Your organisation turned Dalil on for these sites. Allow each one once:',
  'policy.allow': 'Allow',
  'policy.allowPackHost': 'Allow Dalil to read {origin}',
} as const;

export const ar: Record<keyof typeof en, string> = {
  'policy.setByOrg': 'تحدّده مؤسستك',
  'policy.title': 'إعدادات تديرها مؤسستك',
  'policy.intro': 'ضبطت مؤسستك بعض إعدادات دليل في هذا المتصفح. تجدها مُعلَّمة بعبارة «تحدّده مؤسستك»، ولا يمكن تغييرها من هنا.',
  'policy.problems': 'تجاهل دليل هذه القيم من سياسة مؤسستك ({count}) وطبّق ما سواها. أبلغ فريق تقنية المعلومات:',
  'policy.problem.unknown-key': 'ليس من إعدادات دليل (تحقّق من كتابته وحالة أحرفه).',
  'policy.problem.invalid': 'لم يُطبَّق، والمتوقَّع: {expected}',
  'policy.expect.teamPackUrl': 'رابط ملف الحزمة يبدأ بـ https://‎ (ولا يُقبل http://‎ إلا لهذا الجهاز: localhost).',
  'policy.expect.managerPublicKey': 'المفتاح العام للمدير كما يعرضه دليل (dalil-ed25519:…‎ أو dalil-p256:…‎).',
  'policy.expect.role': '«agent» (موظف خدمة العملاء) أو «manager» (مدير الفريق).',
  'policy.expect.allowRoleChange': 'true أو false.',
  'policy.expect.agentName': 'اسم من حرف واحد إلى ١٢٠ حرفًا.',
  'policy.expect.webhookUrl': 'رابط يبدأ بـ https://‎ (ولا يُقبل http://‎ إلا لهذا الجهاز: localhost).',
  'policy.expect.autoApply': 'true أو false.',
  'policy.expect.refreshMinutes': 'عدد صحيح من الدقائق بين ٥ و١٤٤٠.',
  'policy.expect.language': '«ar» أو «en» أو «auto».',
  'policy.expect.extraSites': 'قائمة مواقع، يُكتب كل منها هكذا: https://host (بلا مسار ولا أحرف بدل)، ١٠٠ موقع على الأكثر.',
  'policy.expect.workspace':
    'كائن فيه endpoint (يبدأ بـ https://‎، ولا يُقبل http://‎ إلا لـ localhost) وbucket (من ٣ إلى ٦٣ حرفًا لاتينيًا صغيرًا أو رقمًا أو نقطة أو شرطة) وregion وaccessKeyId وsecretAccessKey وperson، وكلها نصوص.',
  'policy.given': 'القيمة المُعطاة: {value}',
  'policy.sitesAwaiting': 'فعّلت مؤسستك دليل على هذه المواقع. اسمح له بكل موقع منها مرة واحدة:',
  'policy.allow': 'اسمح',
  'policy.allowPackHost': 'اسمح لدليل بقراءة {origin}',
};
