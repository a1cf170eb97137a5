/**
 * Text folding for search. Both the indexed text and the query go through the same steps, so spelling variants
 * that people use interchangeably (أسعار/اسعار, شكراً/شكرا, مكتبة/مكتبه, café/cafe, ٣/3) compare equal.
 * The output is for matching only; never show it to the user.
 */

/**
 * Invisible formatting characters. They change direction or joining, never the word, and are pasted in by
 * bidi-aware editors: soft hyphen, ALM (U+061C), ZWSP/ZWNJ/ZWJ/LRM/RLM (U+200B–U+200F), embeddings and
 * overrides (U+202A–U+202E), word joiner, isolates (U+2066–U+2069) and BOM.
 */
const INVISIBLES = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/**
 * Arabic marks that are optional in writing: harakat, tanween, shadda, sukun, madda and hamza above/below
 * (U+064B–U+065F), superscript alef (U+0670), Quranic annotation marks (U+06D6–U+06ED), and tatweel (U+0640),
 * which only stretches a word.
 */
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/**
 * Accents on a Latin letter after NFD (é → e + U+0301), from the combining-diacritics blocks Latin uses.
 * Marks on other scripts stay: in Devanagari or Cyrillic (й) they are part of the letter, not an accent
 * people leave out. The cheap test without \p{} skips the slower replace for text with no such marks.
 */
const COMBINING_DIACRITIC = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/;
const LATIN_ACCENTS = /(\p{Script=Latin})[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]+/gu;

const WHITESPACE = /\s+/g;

/**
 * One-character folds, applied after NFKC (which already turned presentation forms such as ﻻ into لا).
 * Standalone hamza ء (U+0621) is kept on purpose: it is a real letter that people do type, and dropping it
 * would merge words such as ماء (water) into the particle ما.
 */
const CHAR_FOLDS = new Map<string, string>([
  // Alef with hamza above/below, with madda, wasla, wavy hamza: people type them all as bare alef.
  ['\u0623', '\u0627'], // أ → ا
  ['\u0625', '\u0627'], // إ → ا
  ['\u0622', '\u0627'], // آ → ا
  ['\u0671', '\u0627'], // ٱ → ا
  ['\u0672', '\u0627'], // ٲ → ا
  ['\u0673', '\u0627'], // ٳ → ا
  ['\u0649', '\u064A'], // ى → ي (alef maqsura is often written as, or confused with, yeh)
  ['\u06CC', '\u064A'], // ی (Persian yeh, from Persian keyboards) → ي
  ['\u06A9', '\u0643'], // ک (keheh, from Persian keyboards) → ك
  ['\u0629', '\u0647'], // ة → ه (final ta marbuta is commonly typed as heh)
  ['\u0624', '\u0648'], // ؤ → و
  ['\u0626', '\u064A'], // ئ → ي
  // Arabic punctuation separates words like its Latin counterpart.
  ['\u060C', ' '], // ، comma
  ['\u061B', ' '], // ؛ semicolon
  ['\u061F', ' '], // ؟ question mark
  ['\u06D4', ' '], // ۔ full stop
  ['\u066A', '%'], // ٪
  ['\u066B', '.'], // ٫ decimal separator
  ['\u066C', ','], // ٬ thousands separator
]);
for (let d = 0; d <= 9; d++) {
  CHAR_FOLDS.set(String.fromCharCode(0x0660 + d), String(d)); // Arabic-Indic ٠–٩
  CHAR_FOLDS.set(String.fromCharCode(0x06f0 + d), String(d)); // Extended Arabic-Indic (Persian/Urdu) ۰–۹
}
const CHAR_FOLD_PATTERN = new RegExp(`[${[...CHAR_FOLDS.keys()].join('')}]`, 'g');

/** {@link normalizeForSearch} without the whitespace clean-up, which tokenizing does not need. */
function fold(text: string): string {
  let folded = text
    .normalize('NFKC')
    .replace(INVISIBLES, '')
    .toLowerCase()
    .replace(ARABIC_MARKS, '')
    .replace(CHAR_FOLD_PATTERN, (ch) => CHAR_FOLDS.get(ch) ?? ch);
  // Decompose only to drop Latin accents, then recompose what other scripts still carry.
  const decomposed = folded.normalize('NFD');
  if (COMBINING_DIACRITIC.test(decomposed)) folded = decomposed.replace(LATIN_ACCENTS, '$1').normalize('NFC');
  return folded;
}

/**
 * Folds text for matching: NFKC, invisible characters removed, lowercase, Latin accents and optional Arabic
 * marks removed, Arabic letter variants and digits unified, runs of whitespace collapsed, ends trimmed.
 * Idempotent: folding a folded string changes nothing.
 */
export function normalizeForSearch(text: string): string {
  return fold(text).replace(WHITESPACE, ' ').trim();
}

/** An apostrophe inside a word is dropped rather than split on, so "don't" and "dont" give the same token. */
const APOSTROPHE = /['\u2019\u02BC]/;
const APOSTROPHE_IN_WORD = /(?<=\p{L})['\u2019\u02BC](?=\p{L})/gu;

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
/** Per BMP code unit: 0 not yet known, 1 word character, 2 separator. Filled lazily; 64 KB. */
const BMP_CLASS = new Uint8Array(0x10000);
const ASTRAL_CLASS = new Map<number, boolean>();

/**
 * Letters (with their marks) and digits make words; anything else separates them: spaces, punctuation, `_`,
 * `-`. Cached per character because a Unicode-property regex over whole bodies is the slowest part of indexing.
 */
function isWordChar(codePoint: number): boolean {
  if (codePoint < 0x10000) {
    let cls = BMP_CLASS[codePoint];
    if (cls === 0) {
      cls = WORD_CHAR.test(String.fromCharCode(codePoint)) ? 1 : 2;
      BMP_CLASS[codePoint] = cls;
    }
    return cls === 1;
  }
  let isWord = ASTRAL_CLASS.get(codePoint);
  if (isWord === undefined) {
    isWord = WORD_CHAR.test(String.fromCodePoint(codePoint));
    ASTRAL_CLASS.set(codePoint, isWord);
  }
  return isWord;
}

/**
 * Normalized tokens of `text`, in order, duplicates kept. Letters and digits that touch stay one token
 * ("abc123", "3ايام"), matching how they were typed.
 */
export function tokenize(text: string): string[] {
  let folded = fold(text);
  if (APOSTROPHE.test(folded)) folded = folded.replace(APOSTROPHE_IN_WORD, '');
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i < folded.length; ) {
    const codePoint = folded.codePointAt(i) ?? 0;
    if (isWordChar(codePoint)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      tokens.push(folded.slice(start, i));
      start = -1;
    }
    i += codePoint > 0xffff ? 2 : 1;
  }
  if (start >= 0) tokens.push(folded.slice(start));
  return tokens;
}

/**
 * The Arabic definite article with the conjunctions/prepositions that fuse onto it: و+ال, ب+ال, ف+ال, ك+ال,
 * ل+ال (written لل), and bare ال. Longest first; no two can match the same word.
 */
const ARTICLE_PREFIXES: readonly string[] = [
  '\u0648\u0627\u0644', // وال
  '\u0628\u0627\u0644', // بال
  '\u0641\u0627\u0644', // فال
  '\u0643\u0627\u0644', // كال
  '\u0644\u0644', // لل
  '\u0627\u0644', // ال
];

/**
 * A stem shorter than this is not split off: it keeps words that merely start with the same letters
 * (الم "pain", والد "father", بال) from turning into one-letter stems that would match almost everything.
 */
export const MIN_ARTICLE_STEM_LENGTH = 2;

/**
 * The word without its leading definite article (الشحن, بالشحن, للشحن → شحن), or undefined when the token
 * has no such prefix or the rest would be shorter than {@link MIN_ARTICLE_STEM_LENGTH}.
 * Expects a token from {@link tokenize}. A word that only looks prefixed (بالون → ون) yields a harmless
 * extra stem; the token itself is always kept too.
 */
export function stripArabicArticle(token: string): string | undefined {
  for (const prefix of ARTICLE_PREFIXES) {
    if (token.startsWith(prefix)) {
      const stem = token.slice(prefix.length);
      return stem.length >= MIN_ARTICLE_STEM_LENGTH ? stem : undefined;
    }
  }
  return undefined;
}

/**
 * The forms a token is indexed and searched under: itself, plus its stem without the definite article when
 * there is one. So "شحن" finds "الشحن" and "بالشحن", and "الشحن" finds "شحن".
 */
export function tokenVariants(token: string): string[] {
  const stem = stripArabicArticle(token);
  return stem === undefined ? [token] : [token, stem];
}
