import { describe, expect, it } from 'vitest';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import { pairsOf, replyTemplate } from '../../../utils/templates/reply-language';
import { createShortcutMatcher } from '../../../utils/templates/shortcut-matcher';
import { detectCommentLanguage } from '../../../utils/text/comment-language';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
if (!parsed.ok) throw new Error('the default pack is invalid');
const approved = parsed.pack.templates.filter((t) => t.status === 'approved');
const pairs = pairsOf(approved);
const match = createShortcutMatcher(approved);

/** What a typed shortcut inserts in reply to `comment`, as the content script decides it. */
const inserted = (typed: string, comment: string | undefined, enabled = true) => {
  const found = match(typed)?.template;
  if (!found) throw new Error(`no template for ${typed}`);
  return replyTemplate(found, detectCommentLanguage(comment), pairs, enabled).id;
};

describe('replying in the commenter’s language with the default pack', () => {
  it('inserts the Arabic pair of ;thanks for an Arabic or Arabizi comment, and ;thanks itself for an English one', () => {
    expect(inserted(';thanks', 'والله القهوة عندكم تجنن 😍')).toBe('care.thanks.ar');
    expect(inserted(';thanks', 'shukran 3ala el 2ahwa')).toBe('care.thanks.ar');
    expect(inserted(';thanks', 'Best flat white in town, thank you!')).toBe('care.thanks.en');
  });

  it('inserts the English pair of ;شكرا for an English comment', () => {
    expect(inserted(';شكرا', 'Loved the cardamom blend, thank you')).toBe('care.thanks.en');
    expect(inserted(';شكرا', 'مشكورين على سرعة التوصيل')).toBe('care.thanks.ar');
  });

  it('swaps every paired situation of the pack both ways', () => {
    for (const [pairId, members] of pairs) {
      const ar = members.find((t) => t.lang === 'ar');
      const en = members.find((t) => t.lang === 'en');
      if (!ar?.shortcut || !en?.shortcut) throw new Error(`${pairId} is not paired in both languages`);
      expect(inserted(en.shortcut, 'الطلب ما وصل لحد الآن')).toBe(ar.id);
      expect(inserted(ar.shortcut, 'My order has not arrived yet')).toBe(en.id);
    }
  });

  it('changes nothing when the setting is off, the comment says no language, or there is no comment', () => {
    expect(inserted(';thanks', 'والله القهوة عندكم تجنن', false)).toBe('care.thanks.en');
    expect(inserted(';thanks', '😍😍😍')).toBe('care.thanks.en');
    expect(inserted(';شكرا', 'Sara Ahmed')).toBe('care.thanks.ar');
    expect(inserted(';thanks', undefined)).toBe('care.thanks.en');
  });
});

describe('replyTemplate', () => {
  const en = { id: 'hi-en', lang: 'en-GB', pairId: 'hi' };
  const ar = { id: 'hi-ar', lang: 'ar-EG', pairId: 'hi' };
  const alone = { id: 'alone', lang: 'en' };
  const pairsHere = pairsOf([en, ar, alone]);

  it('compares languages without their region', () => {
    expect(replyTemplate(en, 'ar', pairsHere, true)).toBe(ar);
    expect(replyTemplate(ar, 'en', pairsHere, true)).toBe(en);
    expect(replyTemplate(ar, 'ar', pairsHere, true)).toBe(ar);
  });

  it('keeps a template without a pair, or without one in the comment’s language', () => {
    expect(replyTemplate(alone, 'ar', pairsHere, true)).toBe(alone);
    const lonely = { id: 'x-en', lang: 'en', pairId: 'x' };
    expect(replyTemplate(lonely, 'ar', pairsOf([lonely]), true)).toBe(lonely);
  });

  it('swaps nothing in a pair that holds two templates in one language (which to insert would be a guess)', () => {
    // A template copied with its pairId: ;welcome must not become the Arabic thanks, nor ;شكرا either English one.
    const thanks = { id: 'thanks-en', lang: 'en', pairId: 'thanks' };
    const welcome = { id: 'welcome-en', lang: 'en', pairId: 'thanks' };
    const shukran = { id: 'thanks-ar', lang: 'ar', pairId: 'thanks' };
    const crowded = pairsOf([thanks, welcome, shukran]);
    expect(replyTemplate(welcome, 'ar', crowded, true)).toBe(welcome);
    expect(replyTemplate(thanks, 'ar', crowded, true)).toBe(thanks);
    expect(replyTemplate(shukran, 'en', crowded, true)).toBe(shukran);
  });
});
