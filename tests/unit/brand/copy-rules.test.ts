import { describe, expect, it } from 'vitest';
import { characterCount, checkCopy, containsPhrase, xWeightedLength } from '../../../utils/brand/copy-rules';
import type { CopyRules } from '../../../utils/schemas/brand-kit';
import { normalizeForSearch } from '../../../utils/search/normalize';

const rules: CopyRules = {
  bannedPhrases: ['cheap', 'guaranteed', 'مضمون 100%', 'أفضل قهوة في العالم', 'رخيص', 'full refund'],
  requiredHashtags: ['#DalilCoffee', '#قهوة_دليل'],
  requiredDisclaimer: 'الأسعار تشمل الضريبة',
  maxLength: { x: 20, facebook: 8000 },
};

const bannedIn = (text: string) => checkCopy(text, rules, 'facebook').banned;

describe('banned phrases, matched Arabic-aware', () => {
  it('finds "مضمون 100%" written with Arabic-Indic digits and the Arabic percent sign', () => {
    expect(bannedIn('هذا المنتج مضمون ١٠٠٪ يا جماعة')).toEqual(['مضمون 100%']);
    expect(bannedIn('مضمون 100%')).toEqual(['مضمون 100%']);
    // Persian digits too, and extra spaces between the words.
    expect(bannedIn('مضمون   ۱۰۰٪')).toEqual(['مضمون 100%']);
  });

  it('ignores tashkeel, tatweel, hamza forms and ta marbuta spellings', () => {
    expect(bannedIn('مَضْمُونٌ ١٠٠٪')).toEqual(['مضمون 100%']);
    expect(bannedIn('مضـــمون 100%')).toEqual(['مضمون 100%']);
    expect(bannedIn('افضل قهوه في العالم')).toEqual(['أفضل قهوة في العالم']);
    expect(bannedIn('أفضلُ قهوةٍ في العالَم!')).toEqual(['أفضل قهوة في العالم']);
    expect(bannedIn('سعر رَخِيص')).toEqual(['رخيص']);
  });

  it('finds an Arabic phrase behind attached conjunctions, prepositions and the article', () => {
    expect(bannedIn('والرخيص ما يدوم')).toEqual(['رخيص']);
    expect(bannedIn('بالرخيص')).toEqual(['رخيص']);
    expect(bannedIn('فالرخيص')).toEqual(['رخيص']);
    expect(bannedIn('للرخيص')).toEqual(['رخيص']);
  });

  it('matches whole words only, in any letter case', () => {
    expect(bannedIn('Not CHEAP at all')).toEqual(['cheap']);
    expect(bannedIn('our cheapest option')).toEqual([]);
    expect(bannedIn('a guaranteed-fresh roast')).toEqual(['guaranteed']);
    expect(bannedIn('Full   refund, always')).toEqual(['full refund']);
    expect(bannedIn('refund in full')).toEqual([]);
    // An Arabic word that merely contains the phrase is not a match.
    expect(bannedIn('مرخيص')).toEqual([]);
  });

  it('passes clean text', () => {
    expect(bannedIn('قهوة الهيل وصلت ☕ Fresh cardamom blend')).toEqual([]);
  });

  it('containsPhrase works on folded text', () => {
    expect(containsPhrase(normalizeForSearch('x مضمون ١٠٠٪ y'), normalizeForSearch('مضمون 100%'))).toBe(true);
    expect(containsPhrase('abc', '')).toBe(false);
  });
});

describe('required hashtags, disclaimer and length', () => {
  it('needs each hashtag as a whole tag, case-insensitively', () => {
    const check = checkCopy('Fresh today #dalilcoffee #قهوة_دليل', rules, 'facebook');
    expect(check.hashtags).toEqual([
      { tag: '#DalilCoffee', present: true },
      { tag: '#قهوة_دليل', present: true },
    ]);
    expect(checkCopy('#DalilCoffeeShop', rules, 'facebook').hashtags[0].present).toBe(false);
    expect(checkCopy('no tags', rules, 'facebook').hashtags.every((h) => !h.present)).toBe(true);
  });

  it('finds the disclaimer with or without its diacritics', () => {
    expect(checkCopy('عرض خاص. الأسعار تشمل الضريبة.', rules, 'facebook').disclaimer).toEqual({
      text: 'الأسعار تشمل الضريبة',
      present: true,
    });
    expect(checkCopy('عرض خاص. الاسعار تشمل الضريبه', rules, 'facebook').disclaimer?.present).toBe(true);
    expect(checkCopy('عرض خاص.', rules, 'facebook').disclaimer?.present).toBe(false);
    expect(checkCopy('x', { ...rules, requiredDisclaimer: undefined }, 'facebook').disclaimer).toBeUndefined();
  });

  it('uses the limit of this platform, counting characters as people do', () => {
    expect(checkCopy('a'.repeat(20), rules, 'x').length).toEqual({ count: 20, max: 20, ok: true });
    expect(checkCopy('a'.repeat(21), rules, 'x').length).toEqual({ count: 21, max: 20, ok: false });
    expect(checkCopy('a'.repeat(21), rules, 'tiktok').length).toBeUndefined();
    expect(characterCount('☕😀')).toBe(2);
    expect(characterCount('  شكرا  ')).toBe(4);
    // What a person sees as one character: a ZWJ family, a flag, a letter with its tashkeel.
    expect(characterCount('👨‍👩‍👧')).toBe(1);
    expect(characterCount('🇸🇦')).toBe(1);
    expect(characterCount('مَرْحَبًا')).toBe(5);
  });

  it('measures a post on X the way X does: links 23, CJK and emoji 2, Latin and Arabic 1', () => {
    expect(xWeightedLength('Read https://example.com/a/very/long/path?utm_source=dalil now')).toBe(5 + 23 + 4);
    expect(xWeightedLength('Visit dalil.example.sa/offers')).toBe(6 + 23);
    expect(xWeightedLength('شكرا 😀')).toBe(4 + 1 + 2);
    expect(xWeightedLength('👨‍👩‍👧')).toBe(2);
    expect(xWeightedLength('日本語')).toBe(6);
    // Quotes and dashes are light (U+2010–201F); the ellipsis U+2026 is not, on X.
    expect(xWeightedLength('“quoted” – fine…')).toBe(15 + 2);
    // The limit follows: 20 letters fit, a long link with 1 letter fits too, CJK halves the room.
    expect(
      checkCopy('a https://example.com/a-very-long-landing-page-address', { ...rules, maxLength: { x: 24 } }, 'x').length,
    ).toEqual({
      count: 25,
      max: 24,
      ok: false,
    });
    expect(checkCopy('日本語日本語日本語日本語', rules, 'x').length).toEqual({ count: 24, max: 20, ok: false });
    // Elsewhere a character is what a person sees: 12.
    expect(checkCopy('日本語日本語日本語日本語', { ...rules, maxLength: { linkedin: 100 } }, 'linkedin').length).toEqual({
      count: 12,
      max: 100,
      ok: true,
    });
  });

  it('on X, counts flags and keycaps as one emoji, and leaves words, addresses and hashtags with dots alone', () => {
    expect(xWeightedLength('🇸🇦')).toBe(2);
    expect(xWeightedLength('1️⃣')).toBe(2);
    expect(xWeightedLength('Thanks.Come again')).toBe(17);
    expect(xWeightedLength('Done.Meet me')).toBe(12);
    expect(xWeightedLength('dalil.company')).toBe(13);
    expect(xWeightedLength('info@dalil.sa')).toBe(13);
    expect(xWeightedLength('#dalil.co')).toBe(9);
    expect(xWeightedLength('e.g. 3.5 node.js')).toBe(16);
    // A link's closing punctuation is the sentence's, not the link's.
    expect(xWeightedLength('(see https://dalil.sa/x),')).toBe(5 + 23 + 2);
    expect(xWeightedLength('زوروا dalil.sa، شكرا')).toBe(6 + 23 + 6);
  });

  it('is ok only when every rule is met', () => {
    const good = 'Fresh #DalilCoffee #قهوة_دليل الأسعار تشمل الضريبة';
    expect(checkCopy(good, rules, 'facebook').ok).toBe(true);
    expect(checkCopy(`${good} cheap`, rules, 'facebook').ok).toBe(false);
    expect(checkCopy(good, rules, 'x').ok).toBe(false); // over 20 characters
    expect(checkCopy('Fresh #DalilCoffee الأسعار تشمل الضريبة', rules, 'facebook').ok).toBe(false);
  });
});
