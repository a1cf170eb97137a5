/**
 * The brand kit's copy rules against the text being written: banned phrases, required hashtags,
 * the disclaimer and this platform's length limit. Pure and framework-free: the content script
 * runs it on every pause in typing, so it imports no zod (types only) and nothing heavy.
 */
import type { CopyRules } from '../schemas/brand-kit';
import type { Platform } from '../schemas/common';
import { normalizeForSearch } from '../search/normalize';

export interface CopyCheck {
  /** The kit's banned phrases (as the kit writes them) found in the text. */
  banned: string[];
  hashtags: Array<{ tag: string; present: boolean }>;
  disclaimer?: { text: string; present: boolean };
  /** Only when the kit sets a limit for this platform. */
  length?: { count: number; max: number; ok: boolean };
  /** Every rule met. A checklist for the person, never a block on posting. */
  ok: boolean;
}

// The Unicode-property patterns are built on first use: creating them (the negated class most) took ~1 ms of
// every platform page load in the content script, where most pages never check a post's copy.
let wordPattern: RegExp | undefined;
const isWord = (ch: string | undefined) => {
  wordPattern ??= /[\p{L}\p{M}\p{N}_]/u;
  return ch !== undefined && wordPattern.test(ch);
};
const ARABIC_LETTER = /^[\u0620-\u064a]/;
/**
 * Arabic writes conjunctions, prepositions and the article onto the word: "والرخيص", "بالمضمون",
 * "للضمان". Before a banned phrase that starts with an Arabic letter these may stand between the
 * word boundary and the phrase (text already folded: أ→ا, no tashkeel).
 */
let procliticsPattern: RegExp | undefined;
const arabicProclitics = () => {
  procliticsPattern ??= /(?:^|[^\p{L}\p{M}\p{N}_])(?:[وف]?(?:[بكل]|لل)?(?:ال)?)$/u;
  return procliticsPattern;
};

/**
 * Where `needle` (folded) occurs in `haystack` (folded) as whole words: not inside a longer word
 * ("cheap" is not found in "cheapest"), except that an Arabic phrase may carry attached proclitics.
 */
export function containsPhrase(haystack: string, needle: string): boolean {
  if (needle === '') return false;
  const arabic = ARABIC_LETTER.test(needle);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    const endOk = !isWord(needle.at(-1)) || !isWord(haystack[end]);
    if (!endOk) continue;
    if (!isWord(needle[0]) || !isWord(haystack[at - 1])) return true;
    // Inside a word: only Arabic proclitics (at most 5 letters: وبال، فلل…) may precede the phrase. Six characters
    // back: a slice that is all proclitics from its first character must then start the text itself.
    if (arabic && arabicProclitics().test(haystack.slice(Math.max(0, at - 6), at))) return true;
  }
  return false;
}

let graphemes: Intl.Segmenter | undefined;
let pictographic: RegExp | undefined;

/**
 * Characters as people count them: user-perceived characters (an emoji, even a family joined with
 * ZWJ or a flag, is one; so is a letter with its tashkeel marks), as the platforms' counters do.
 */
export const characterCount = (text: string) => {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let count = 0;
  for (const _ of graphemes.segment(text.trim())) count++;
  return count;
};

/**
 * X counts a link as 23 characters whatever its length (t.co); these are the links it finds: with a
 * scheme or www. (trailing punctuation left out), or a bare domain standing as a word of its own —
 * not part of an e-mail address, a hashtag, or a longer word ("Thanks.Come", "dalil.company").
 */
const LINK =
  /\b(?:https?:\/\/|www\.)[^\s]*[^\s.,!?؟،:;)\]'"]|(?<![@#\w.-])(?:[a-z0-9-]+\.)+(?:com|net|org|io|co|me|ly|gl|app|dev|info|biz|tv|sa|ae|eg|qa|kw|bh|om|jo|ma|uk|de|fr)(?![\p{L}\p{N}_-])(?:\/[^\s]*[^\s.,!?؟،:;)\]'"])?/giu;

/**
 * The length X measures a post by (twitter-text 3's weighted length, as its counter shows it): Latin,
 * Arabic and other scripts up to U+10FF, general punctuation and spaces count 1; CJK and most other
 * characters 2; an emoji (a whole sequence) 2; every link 23. Text is NFC-normalised first, as X does.
 */
export function xWeightedLength(text: string): number {
  // Emoji (pictographs, flags of two regional indicators, keycaps) weigh 2 whatever their sequence.
  pictographic ??= /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let links = 0;
  const rest = text
    .trim()
    .normalize('NFC')
    .replace(LINK, () => {
      links++;
      return '';
    });
  let weight = links * 23;
  for (const { segment } of graphemes.segment(rest)) {
    if (pictographic.test(segment)) {
      weight += 2;
      continue;
    }
    for (const char of segment) {
      const c = char.codePointAt(0) ?? 0;
      const light = c <= 4351 || (c >= 8192 && c <= 8205) || (c >= 8208 && c <= 8223) || (c >= 8242 && c <= 8247);
      weight += light ? 1 : 2;
    }
  }
  return weight;
}

/**
 * Checks `text` against the copy rules. Matching folds spelling variants the way template search
 * does (tashkeel, hamza forms, ة/ه, Arabic-Indic digits, ٪, case, Latin accents, runs of spaces),
 * so "مضمونٌ ١٠٠٪" is caught by the banned "مضمون 100%". The disclaimer is compared the same way:
 * what matters is that the reader sees it, not its diacritics.
 */
export function checkCopy(text: string, rules: CopyRules, platform: Platform): CopyCheck {
  const folded = normalizeForSearch(text);
  const banned = rules.bannedPhrases.filter((phrase) => containsPhrase(folded, normalizeForSearch(phrase)));
  const hashtags = rules.requiredHashtags.map((tag) => ({ tag, present: containsPhrase(folded, normalizeForSearch(tag)) }));
  const disclaimer = rules.requiredDisclaimer
    ? { text: rules.requiredDisclaimer, present: folded.includes(normalizeForSearch(rules.requiredDisclaimer)) }
    : undefined;
  const max = rules.maxLength[platform];
  // X has its own measure (links 23, CJK and emoji 2); the others count what a person sees.
  const count = platform === 'x' ? xWeightedLength(text) : characterCount(text);
  const length = max === undefined ? undefined : { count, max, ok: count <= max };
  const ok = banned.length === 0 && hashtags.every((h) => h.present) && (disclaimer?.present ?? true) && (length?.ok ?? true);
  return { banned, hashtags, disclaimer, length, ok };
}
