import { describe, expect, it } from 'vitest';
import {
  MIN_ARTICLE_STEM_LENGTH,
  normalizeForSearch,
  stripArabicArticle,
  tokenize,
  tokenVariants,
} from '../../../utils/search/normalize';

describe('normalizeForSearch: Latin', () => {
  it('lowercases', () => {
    expect(normalizeForSearch('HELLO World')).toBe('hello world');
  });

  it('strips accents, precomposed or decomposed', () => {
    expect(normalizeForSearch('Café Résumé naïve ÇA')).toBe('cafe resume naive ca');
    expect(normalizeForSearch('cafe\u0301')).toBe('cafe');
    // Dotted capital I lowercases to i + combining dot, which is an accent too.
    expect(normalizeForSearch('İstanbul')).toBe('istanbul');
  });

  it('keeps marks that belong to other scripts', () => {
    // Cyrillic й decomposes under NFD; it must come back whole, not as и.
    expect(normalizeForSearch('Йогурт')).toBe('йогурт');
    expect(normalizeForSearch('हिंदी')).toBe('हिंदी'.normalize('NFC'));
  });

  it('applies NFKC compatibility folding', () => {
    expect(normalizeForSearch('ＡＢＣ １２')).toBe('abc 12');
    expect(normalizeForSearch('\uFB01le')).toBe('file'); // ﬁ ligature
  });
});

describe('normalizeForSearch: Arabic', () => {
  it('removes harakat, tanween, shadda and sukun', () => {
    expect(normalizeForSearch('شُكْرًا')).toBe('شكرا');
    expect(normalizeForSearch('مُحَمَّد')).toBe('محمد');
    expect(normalizeForSearch('كِتَابٌ')).toBe('كتاب');
  });

  it('removes superscript alef and Quranic marks', () => {
    expect(normalizeForSearch('هٰذا')).toBe('هذا');
    expect(normalizeForSearch('الرحيم\u06D6')).toBe('الرحيم');
    expect(normalizeForSearch('قل\u06ED')).toBe('قل');
  });

  it('removes tatweel', () => {
    expect(normalizeForSearch('شكـــرا')).toBe('شكرا');
  });

  it('folds alef forms to bare alef', () => {
    expect(normalizeForSearch('أ إ آ ٱ')).toBe('ا ا ا ا');
    expect(normalizeForSearch('أسعار')).toBe('اسعار');
    expect(normalizeForSearch('إلغاء')).toBe('الغاء');
    // Alef followed by a separate hamza-above mark is the same word as أ.
    expect(normalizeForSearch('ا\u0654سعار')).toBe('اسعار');
  });

  it('folds alef maqsura to yeh', () => {
    expect(normalizeForSearch('على')).toBe('علي');
    expect(normalizeForSearch('مستشفى')).toBe('مستشفي');
  });

  it('folds ta marbuta to heh', () => {
    expect(normalizeForSearch('مكتبة')).toBe('مكتبه');
  });

  it('folds hamza seats on waw and yeh', () => {
    expect(normalizeForSearch('مسؤول')).toBe('مسوول');
    expect(normalizeForSearch('رئيس')).toBe('رييس');
  });

  it('keeps standalone hamza', () => {
    expect(normalizeForSearch('ماء')).toBe('ماء');
    expect(normalizeForSearch('شيء')).not.toBe(normalizeForSearch('شي'));
  });

  it('folds Persian yeh and keheh to their Arabic letters', () => {
    expect(normalizeForSearch('کتابی')).toBe('كتابي');
  });

  it('turns Arabic-Indic and Persian digits into ASCII digits', () => {
    expect(normalizeForSearch('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(normalizeForSearch('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(normalizeForSearch('خلال ٣ أيام')).toBe('خلال 3 ايام');
  });

  it('treats Arabic comma, semicolon and question mark as separators', () => {
    expect(normalizeForSearch('نعم،لا؛ماذا؟')).toBe('نعم لا ماذا');
  });

  it('folds Arabic presentation forms through NFKC', () => {
    expect(normalizeForSearch('\uFEFB')).toBe('لا'); // ﻻ ligature
    expect(normalizeForSearch('\uFEF7')).toBe('لا'); // ﻷ ligature, hamza folded away
  });
});

describe('normalizeForSearch: invisible characters and whitespace', () => {
  it('removes ZWNJ, ZWJ, LRM, RLM, ALM and bidi isolates', () => {
    expect(normalizeForSearch('شك\u200Cرا')).toBe('شكرا');
    expect(normalizeForSearch('شك\u200Dرا')).toBe('شكرا');
    expect(normalizeForSearch('\u200Fhello\u200E')).toBe('hello');
    expect(normalizeForSearch('\u061Cمرحبا')).toBe('مرحبا');
    expect(normalizeForSearch('\u2066a\u2069 \u2067b\u2069 \u2068c\u2069')).toBe('a b c');
    expect(normalizeForSearch('\uFEFFbom')).toBe('bom');
  });

  it('collapses whitespace and trims', () => {
    expect(normalizeForSearch('  hello \n\t world  ')).toBe('hello world');
    expect(normalizeForSearch('   ')).toBe('');
  });

  it('is idempotent', () => {
    const samples = ['Café شُكْرًا لكَ', 'مكتبة ٣ أيام، إلغاء؟', 'İstanbul Йогурт \u200Fhi', 'ﻻ ＡＢＣ'];
    for (const sample of samples) {
      const once = normalizeForSearch(sample);
      expect(normalizeForSearch(once)).toBe(once);
    }
  });
});

describe('tokenize', () => {
  it('splits mixed Arabic and English on punctuation and spaces', () => {
    expect(tokenize('Hello، مرحباً! Order #123 حالة الطلب؟')).toEqual(['hello', 'مرحبا', 'order', '123', 'حاله', 'الطلب']);
  });

  it('splits on hyphens, underscores, colons and semicolons', () => {
    expect(tokenize(';order-status care::delivery customer_name')).toEqual([
      'order',
      'status',
      'care',
      'delivery',
      'customer',
      'name',
    ]);
  });

  it('drops apostrophes inside words instead of splitting', () => {
    expect(tokenize("Don't")).toEqual(['dont']);
    expect(tokenize('customer’s order')).toEqual(['customers', 'order']);
    expect(tokenize("'quoted'")).toEqual(['quoted']);
  });

  it('keeps touching letters and digits together', () => {
    expect(tokenize('abc123 ٣أيام')).toEqual(['abc123', '3ايام']);
  });

  it('keeps duplicates and order', () => {
    expect(tokenize('b a b')).toEqual(['b', 'a', 'b']);
  });

  it('keeps characters outside the BMP', () => {
    expect(tokenize('𝒜bc x')).toEqual(['abc', 'x']); // NFKC folds the math letter
    expect(tokenize('𐐀 x')).toEqual(['𐐨', 'x']); // Deseret capital lowercases; still a letter
  });

  it('returns nothing for blank or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('  \u200F ')).toEqual([]);
    expect(tokenize('!?؟،')).toEqual([]);
  });
});

describe('Arabic definite article', () => {
  it('strips every supported prefix', () => {
    for (const word of ['الشحن', 'والشحن', 'بالشحن', 'فالشحن', 'كالشحن', 'للشحن']) {
      expect(stripArabicArticle(word)).toBe('شحن');
    }
  });

  it('needs a stem of at least two letters', () => {
    expect(MIN_ARTICLE_STEM_LENGTH).toBe(2);
    expect(stripArabicArticle('الصف')).toBe('صف');
    expect(stripArabicArticle('الم')).toBeUndefined();
    expect(stripArabicArticle('والد')).toBeUndefined();
    expect(stripArabicArticle('ال')).toBeUndefined();
    expect(stripArabicArticle('بال')).toBeUndefined();
  });

  it('leaves words without the article alone', () => {
    expect(stripArabicArticle('شحن')).toBeUndefined();
    expect(stripArabicArticle('all')).toBeUndefined();
  });

  it('gives the token and its stem as variants', () => {
    expect(tokenVariants('بالشحن')).toEqual(['بالشحن', 'شحن']);
    expect(tokenVariants('شحن')).toEqual(['شحن']);
    expect(tokenVariants('hello')).toEqual(['hello']);
  });

  it('works on normalized tokens', () => {
    const [token] = tokenize('بِالشَّحْن');
    expect(tokenVariants(token)).toEqual(['بالشحن', 'شحن']);
  });
});
