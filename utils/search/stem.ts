/**
 * Light stemming for search: the few affixes that most often keep a typed word from matching the template's
 * word. No dictionary, no roots: each rule strips only when enough of the word stays, and both the index and the
 * query keep the unstemmed token too, so a wrong split only adds a harmless extra form.
 * Expects tokens from `tokenize` (folded: ة → ه, أ/إ/آ → ا, lower case).
 */
import { stripArabicArticle } from './normalize';

/** A form a token is indexed or searched under, and how close it is to what was typed (1 = the word itself). */
export interface TermForm {
  term: string;
  quality: number;
}

/** The token itself and its stem without the article count as the same word; other stems a little less. */
export const EXACT_FORM = 1;
export const STEM_FORM = 0.9;

const LATIN_WORD = /^[a-z]+$/;
const ARABIC_WORD = /^[\u0621-\u064A]+$/;

/** English: plural (-s, -es, -ies), past (-ed), gerund (-ing, with a doubled consonant or a dropped e), -ly. */
export function englishStems(token: string): string[] {
  if (!LATIN_WORD.test(token) || token.length < 4) return [];
  const out: string[] = [];
  const base = (stem: string) => {
    if (stem.length < 3) return;
    out.push(stem);
    // shipp(ed) → ship, cancell(ing) → cancel; escalat(ing) → escalate.
    const last = stem[stem.length - 1];
    if (stem.length >= 4 && last === stem[stem.length - 2] && !'aeiouls'.includes(last)) out.push(stem.slice(0, -1));
    if (stem.length >= 4 && last === 'l' && stem[stem.length - 2] === 'l') out.push(stem.slice(0, -1));
  };
  if (token.endsWith('ies') && token.length > 4) out.push(`${token.slice(0, -3)}y`);
  else if (token.endsWith('es')) {
    base(token.slice(0, -2));
    base(token.slice(0, -1));
  } else if (token.endsWith('s') && !token.endsWith('ss')) base(token.slice(0, -1));
  if (token.endsWith('ed') && token.length > 4) {
    const stem = token.slice(0, -2);
    base(stem);
    out.push(`${stem}e`);
    if (stem.endsWith('i')) out.push(`${stem.slice(0, -1)}y`);
  }
  if (token.endsWith('ing') && token.length > 5) {
    const stem = token.slice(0, -3);
    base(stem);
    out.push(`${stem}e`);
  }
  if (token.endsWith('ly') && token.length > 4) base(token.slice(0, -2));
  return out;
}

const CONJUNCTIONS = ['\u0648', '\u0641']; // و ف
const PREPOSITIONS = ['\u0628', '\u0643', '\u0644']; // ب ك ل
const ENCLITICS_2 = ['\u0643\u0645', '\u0646\u0627', '\u0647\u0627', '\u0647\u0645', '\u0646\u064A']; // كم نا ها هم ني
const ENCLITICS_1 = ['\u064A', '\u0643']; // ي ك
const SUFFIXES_2 = ['\u0627\u062A', '\u064A\u0646', '\u0648\u0646']; // ات ين ون
const TA_MARBUTA = '\u0647'; // ة, folded to ه

/** A stem shorter than this is not split off (a root is three letters). */
const MIN_ARABIC_STEM = 3;

/**
 * Arabic: proclitics و ف, then ب ك ل (with or without the article ال, or لل), then enclitic pronouns
 * (ي ك كم نا ها هم, and ني), then ة, ات, ين, ون. "والاسترجاع" → استرجاع, "فروعكم" → فروع, "كلماتك" → كلمات → كلم.
 */
export function arabicStems(token: string): string[] {
  if (!ARABIC_WORD.test(token) || token.length < 4) return [];
  const forms = new Set<string>();
  const front = [token];
  for (const c of CONJUNCTIONS) if (token.startsWith(c) && token.length - 1 >= MIN_ARABIC_STEM) front.push(token.slice(1));
  const cores: string[] = [];
  for (const word of front) {
    cores.push(word);
    const article = stripArabicArticle(word);
    if (article !== undefined) cores.push(article);
    else for (const p of PREPOSITIONS) if (word.startsWith(p) && word.length - 1 >= MIN_ARABIC_STEM) cores.push(word.slice(1));
  }
  for (const core of cores) {
    forms.add(core);
    const bodies = [core];
    for (const e of ENCLITICS_2) if (core.endsWith(e) && core.length - 2 >= MIN_ARABIC_STEM) bodies.push(core.slice(0, -2));
    for (const e of ENCLITICS_1) if (core.endsWith(e) && core.length - 1 >= MIN_ARABIC_STEM) bodies.push(core.slice(0, -1));
    for (const body of bodies) {
      forms.add(body);
      for (const s of SUFFIXES_2) if (body.endsWith(s) && body.length - 2 >= MIN_ARABIC_STEM) forms.add(body.slice(0, -2));
      if (body.endsWith(TA_MARBUTA) && body.length - 1 >= MIN_ARABIC_STEM) forms.add(body.slice(0, -1));
    }
  }
  forms.delete(token);
  return [...forms];
}

/** Every form of a token: itself and its article-less stem (quality 1), then its light stems (0.9). */
export function termForms(token: string): TermForm[] {
  const forms: TermForm[] = [{ term: token, quality: EXACT_FORM }];
  const seen = new Set([token]);
  const article = stripArabicArticle(token);
  if (article !== undefined) {
    forms.push({ term: article, quality: EXACT_FORM });
    seen.add(article);
  }
  for (const stem of [...englishStems(token), ...arabicStems(token)]) {
    if (seen.has(stem)) continue;
    seen.add(stem);
    forms.push({ term: stem, quality: STEM_FORM });
  }
  return forms;
}
