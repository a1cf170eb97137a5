/**
 * Which language a comment is written in, to answer in it: Arabic (in Arabic letters, or in Latin
 * letters and digits: Arabizi), English, or unknown. Unknown is the safe answer — nothing is swapped on
 * it — so short text, emoji, numbers, links, mentions and bare names give it rather than a guess.
 *
 * Pure and small: it runs in the platform content script when a shortcut is typed. It does not use the
 * search's Arabizi skeletons (utils/search/arabizi.ts): a consonant skeleton matches English words just
 * as well (shaker/shukran, not/inta), and that module builds its lexicon when loaded, on every page.
 */

export type CommentLanguage = 'ar' | 'en' | 'unknown';

/** Links, e-mail addresses, @mentions and #hashtags say nothing about the writer's language. */
const NOT_WORDS = /https?:\/\/\S+|www\.\S+|\S+@\S+\.\S+|[@#][\p{L}\p{M}\p{N}_.]+/gu;
const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/g;
const LATIN_LETTER = /[a-z\u00c0-\u024f]/gi;
const LATIN_WORD = /[a-z0-9\u00c0-\u024f']+/gi;

/**
 * Digits Arabizi writes letters with (2 ء/ق, 3 ع, 5 خ, 6 ط, 7 ح, 8 غ, 9 ق/ص) next to a letter: ta2khir,
 * 3ala, 7abibi, ma5. Not 1, 4 or 0 (never letters), and not what English writes with digits.
 */
const ARABIZI_DIGIT = /[a-z'][235-9]|[235-9][a-z]/;
const NUMBER_WITH_UNIT =
  /^\d+(?:st|nd|rd|th|am|pm|s|k|m|g|kg|ml|l|x|h|hr|hrs|min|mins|d|gb|mb|tb|px|p|sar|aed|egp|kwd|qar|bhd|omr|usd|eur)$/;
/** Chat spellings English writes with digits. */
const ENGLISH_DIGIT_WORDS = new Set(['gr8', 'b4', 'l8r', 'w8', 'm8', '2day', '2nite', '2night', '2morrow', '2moro', 'h8']);
/**
 * A model or product code: consonants then digits (ps5, v60, s23), a word then two digits or more (iphone15),
 * 5g or 3d. Arabizi puts vowels before a final digit-letter (sa7, ma5).
 */
const CODE = /^[b-df-hj-np-tv-z]+\d+$|^[a-z]{2,}\d{2,}$|^\d[dg]$/;

/** Words that are Arabic written in Latin letters. 1: only Arabic; 0.5: also a name, an English word or a particle. */
const ARABIZI_WORDS = new Map<string, number>();
const add = (weight: number, words: string) => {
  for (const w of words.split(' ')) if (w) ARABIZI_WORDS.set(w, weight);
};
add(
  1,
  // thanks, God willing, praise
  'shukran shokran shukraan shokrn shukrn mashkoor mashkour mashkur mashkoorin mashkoreen mtshakr metshakir ' +
    "wallah wallahi walla wallahy wlh yalla yallah habibi habibti habiby inshallah insha'allah inshalla enshallah " +
    "inshaallah mashallah masha'allah mashaallah alhamdulillah alhamdulilah hamdellah hamdilla ya3tikom ya3teek " +
    'ya3tik yatikom elafia el3afia el3afya tislam teslam tislamo teslamo mabrook mabrouk ' +
    // pronouns, questions, negation
    'enta inta enti inti intu ento entu e7na ehna ihna mafi mafee mafish mafeesh mish msh mosh ' +
    'keef kif kifak kifik kefak keefak shlonak shlonich shlonik shlonkom shlon shu shou shoo eish esh leish ' +
    'lesh laish leeh ezay ezzay izzay izay ezayak ezayek fein feen wein wain emta imta emteh ' +
    // everyday words
    '3adi tayeb tayyib tamam kwayes kwayyes kowayes helw 7elw hilw helwa 7elwa mumtaz momtaz gamed gamda ' +
    'gedan gdn awy awi 2awi kteer ktir wayed wajed zain zein zeen kda keda kida delwa2ty dilwa2ti dlw2ty ' +
    'el7in al7in ahlan marhaba assalamu alaikum alaykum aleikum ya3ni yaani yani akhi a5oya ukhti ' +
    '3ala 3an ma3 ma3ak lesa lissa lessa ba2a sa7 akeed aked khalas 5alas khalaas bukra bokra lyom elyoom ' +
    'alyoom elyom bkam bikam be2kam se3r si3r flous floos felous talabi el-talab eltalab ta2khir tawseel tawsil ' +
    'la2 aywa aiwa abgha abga ab8a ba7ebko ba7ebak b7bk 3ndi 3andi endi ' +
    'wa9al wasal mawsal leh lehad lahad l7d 7ad',
);
add(0.5, 'ya el al il w wa fi fe fih min bas bs da di dah dih eh ay la ma law mesh fen hala salam kam meta mata ana abi andi');

/** Words only English uses among the ones people write in comments (function words first). */
const ENGLISH_WORDS = new Set(
  (
    "the a an and or but is are was were be been being am im i i'm i've i'd you your you're we our us they their " +
    "it it's its this that these those my me he she his her him to for of in on at with from by about as " +
    "so very really just not no yes do does did don't dont doesn't didn't can can't cant could would will " +
    "won't should have has had haven't get got what when where why how which who there here all any some more " +
    'much many please thanks thank thx ty love loved like liked great good best nice amazing awesome delicious ' +
    'excellent perfect terrible awful worst bad order ordered orders delivery deliver delivered shipping ship price ' +
    'still yet since today yesterday week days never again hi hello hey guys team product buy bought want need ' +
    'wait waiting arrived arrive received refund money back late one time make made sure well too also only ' +
    'if then than after before now out up is it still anyone anybody everyone available stock sold ' +
    'customer service answer reply message dm help problem issue'
  ).split(' '),
);
for (const w of ENGLISH_DIGIT_WORDS) ENGLISH_WORDS.add(w);

/** What the Latin words of a text say: how much of it reads as Arabizi, and how much as English. */
function latinEvidence(text: string): { arabizi: number; english: number } {
  let arabizi = 0;
  let english = 0;
  for (const raw of text.toLowerCase().match(LATIN_WORD) ?? []) {
    const word = raw.replace(/^'+|'+$/g, '');
    if (!/[a-z]/.test(word)) continue;
    if (ENGLISH_WORDS.has(word)) english += 1;
    else if (ARABIZI_WORDS.has(word)) arabizi += ARABIZI_WORDS.get(word) ?? 0;
    else if (ARABIZI_DIGIT.test(word) && !NUMBER_WITH_UNIT.test(word) && !CODE.test(word)) arabizi += 1;
  }
  return { arabizi, english };
}

/**
 * The comment's language. Arabic letters outnumbering Latin ones: Arabic. Otherwise its Latin words
 * decide: Arabizi (a digit for a letter, or a word only Arabic has) against English words; with neither,
 * a few Arabic letters still make it Arabic (a name or a brand in Latin letters beside Arabic words).
 */
export function detectCommentLanguage(comment: string | undefined): CommentLanguage {
  if (!comment) return 'unknown';
  const text = comment.slice(0, 2000).replace(NOT_WORDS, ' ');
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (arabic >= 2 && arabic >= latin) return 'ar';
  const { arabizi, english } = latinEvidence(text);
  if (arabizi >= 1 && arabizi >= english) return 'ar';
  if (english >= 1 && english > arabizi) return 'en';
  return arabic >= 2 ? 'ar' : 'unknown';
}
