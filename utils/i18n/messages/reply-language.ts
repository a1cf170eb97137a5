/** UI strings of replying in the commenter's language; merged into ../messages.ts. */
export const en = {
  'settings.replyInCommentLanguage': 'Reply in the commenter’s language',
  'settings.replyInCommentLanguage.hint':
    'When a comment is in Arabic and you type the shortcut of an English template that has an Arabic version (or the reverse), Dalil inserts the version in the comment’s language. Arabizi (Arabic in Latin letters) counts as Arabic.',
  'picker.commentLanguage.ar': 'Comment in Arabic: Arabic templates first',
  'picker.commentLanguage.en': 'Comment in English: English templates first',
} as const;

export const ar: Record<keyof typeof en, string> = {
  'settings.replyInCommentLanguage': 'الرد بلغة صاحب التعليق',
  'settings.replyInCommentLanguage.hint':
    'إذا كان التعليق بالعربية وكتبت اختصار قالب إنجليزي له نسخة عربية (أو العكس)، يُدرج دليل النسخة التي بلغة التعليق. العربيزي (العربية بحروف لاتينية) تُعدّ عربية.',
  'picker.commentLanguage.ar': 'التعليق بالعربية: القوالب العربية أولًا',
  'picker.commentLanguage.en': 'التعليق بالإنجليزية: القوالب الإنجليزية أولًا',
};
