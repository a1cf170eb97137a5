/**
 * Arabizi (Arabic typed in Latin letters and digits: shukran, bkam, ta2khir) and dialect words.
 *
 * Both scripts are reduced to a consonant skeleton over a small alphabet of sound classes (upper-case Latin, so
 * a skeleton never equals a folded token): the long vowels ا و ي and hamza, which Arabizi writes as vowels or
 * not at all, are dropped, letters Arabizi spells alike share a class (ت ط → T, س ص ث → S, ك ق ج → K,
 * ه ح → H), a word-final ة/ه is dropped and doubled letters collapse. So "ta2khir" and تأخير are both TXR,
 * "shukran" and شكرا are CKR (after the -an of tanween), "tawseel" and توصيل TSL.
 *
 * The dialect lexicon maps common Gulf and Egyptian care words that the templates say in standard Arabic
 * (بكام, فلوسي, الأوردر, اتأخر, زعلان), and everyday English (cost, late, manager), to words they do contain;
 * Arabizi reaches it through the same skeletons.
 */
import { tokenize } from './normalize';
import { arabicStems } from './stem';

const ARABIC_CLASS = new Map<string, string>(
  Object.entries({
    ب: 'B',
    ت: 'T',
    ث: 'S',
    ج: 'K',
    ح: 'H',
    خ: 'X',
    د: 'D',
    ذ: 'Z',
    ر: 'R',
    ز: 'Z',
    س: 'S',
    ش: 'C',
    ص: 'S',
    ض: 'D',
    ط: 'T',
    ظ: 'Z',
    ع: 'E',
    غ: 'G',
    ف: 'F',
    ق: 'K',
    ك: 'K',
    ل: 'L',
    م: 'M',
    ن: 'N',
    ه: 'H',
    // ا و ي ى ء: vowels or hamza, dropped.
  }),
);

/** Two-letter spellings first; then single letters and the digits Arabizi uses for letters Latin lacks. */
const LATIN_DIGRAPHS = new Map<string, string>(
  Object.entries({ sh: 'C', ch: 'C', kh: 'X', gh: 'G', th: 'S', dh: 'Z', "3'": 'G', "7'": 'X' }),
);
const LATIN_CLASS = new Map<string, string>(
  Object.entries({
    b: 'B',
    p: 'B',
    t: 'T',
    d: 'D',
    r: 'R',
    z: 'Z',
    s: 'S',
    f: 'F',
    v: 'F',
    q: 'K',
    k: 'K',
    g: 'K',
    j: 'K',
    c: 'K',
    l: 'L',
    m: 'M',
    n: 'N',
    h: 'H',
    '3': 'E', // ع
    '5': 'X', // خ
    '6': 'T', // ط
    '7': 'H', // ح
    '8': 'G', // غ (and ق in some Gulf spellings)
    '9': 'S', // ص
    // a e i o u w y and 2 (ء): dropped.
  }),
);

const collapse = (s: string) => s.replace(/(.)\1+/g, '$1');

/** Skeleton of a folded Arabic word, or '' when it is not one. */
export function arabicSkeleton(token: string): string {
  let out = '';
  const end = token.endsWith('\u0647') ? token.length - 1 : token.length; // final ة/ه
  for (let i = 0; i < end; i++) {
    const c = ARABIC_CLASS.get(token[i]);
    if (c) out += c;
    else if (!'\u0627\u0648\u064A\u0649\u0621'.includes(token[i])) return '';
  }
  return collapse(out);
}

const ARABIZI_WORD = /^[a-z0-9']+$/;
const HAS_LETTER = /[a-z]/;

function latinSkeleton(word: string, hamzaAsQaf: boolean): string {
  let out = '';
  for (let i = 0; i < word.length; ) {
    const two = LATIN_DIGRAPHS.get(word.slice(i, i + 2));
    if (two) {
      out += two;
      i += 2;
      continue;
    }
    const ch = word[i];
    if (ch === '2' && hamzaAsQaf)
      out += 'K'; // Egyptian: 2 for ق (e2tira7)
    else out += LATIN_CLASS.get(ch) ?? '';
    i++;
  }
  return collapse(out);
}

/**
 * The skeletons an Arabizi token may stand for: as typed, without a leading article (el-, al-, il-), without the
 * -an of tanween (shukran) or the -et/-at of a construct ة (7alet), without a vowel-final h (-ah, -eh), and with
 * 2 read as ق. Only skeletons of two classes or more. Empty for non-Latin tokens.
 */
export function arabiziSkeletons(token: string): string[] {
  if (!ARABIZI_WORD.test(token) || !HAS_LETTER.test(token)) return [];
  const words = new Set([token]);
  for (const article of ['el', 'al', 'il'])
    if (token.startsWith(article) && token.length >= article.length + 3) words.add(token.slice(2));
  for (const w of [...words]) {
    if (/[aeiou]h$/.test(w)) words.add(w.slice(0, -1));
    if (/an$/.test(w) && w.length > 4) words.add(w.slice(0, -1));
    if (/[ae]t$/.test(w) && w.length > 4) words.add(w.slice(0, -1));
  }
  const out = new Set<string>();
  for (const w of words) {
    out.add(latinSkeleton(w, false));
    if (w.includes('2')) out.add(latinSkeleton(w, true));
  }
  return [...out].filter((s) => s.length >= 2);
}

/** Dialect word (as typed, folded when used) → standard words the built-in templates use. */
const DIALECT: Record<string, string> = {
  // price
  بكم: 'سعر',
  بكام: 'سعر',
  كام: 'سعر',
  غالي: 'سعر',
  تكلفه: 'سعر',
  // thanks
  مشكور: 'شكر',
  مشكورين: 'شكر',
  متشكر: 'شكر',
  متشكرين: 'شكر',
  تسلم: 'شكر',
  تسلمون: 'شكر',
  تسلموا: 'شكر',
  يعطيكم: 'شكر',
  العافيه: 'شكر',
  ميرسي: 'شكر',
  مرسي: 'شكر',
  // refund
  فلوس: 'استرداد',
  فلوسي: 'استرداد',
  الفلوس: 'استرداد',
  ارجع: 'ارجاع',
  ترجعولي: 'ارجاع',
  رجعوا: 'ارجاع',
  استرجع: 'استرجاع',
  رجع: 'ارجاع',
  مرتجع: 'ارجاع',
  // out of stock
  خلص: 'نفد',
  خلصت: 'نفد',
  خلصان: 'نفد',
  خالص: 'نفد',
  ستوك: 'مخزون',
  موجود: 'التوفر',
  متوفر: 'التوفر',
  // private messages
  كلموني: 'خاص',
  كلمني: 'خاص',
  كلمونا: 'خاص',
  راسلوني: 'خاص',
  راسلني: 'خاص',
  ابعتلي: 'خاص',
  ابعتولي: 'خاص',
  انبوكس: 'خاص',
  // complaints
  زعلان: 'شكوي',
  متضايق: 'شكوي',
  سيئه: 'شكوي',
  سيء: 'شكوي',
  وحشه: 'شكوي',
  اشتكي: 'شكوي',
  اشتكى: 'شكوي',
  // delay
  اتاخر: 'تاخير',
  تاخر: 'تاخير',
  متاخر: 'تاخير',
  اتاخرت: 'تاخير',
  // delivery
  يوصل: 'توصيل',
  يوصلني: 'توصيل',
  هيوصل: 'توصيل',
  توصل: 'توصيل',
  // order
  اوردر: 'طلب',
  الاوردر: 'طلب',
  اتابع: 'تتبع',
  طولتوا: 'تاخير',
  طولتو: 'تاخير',
  // feedback
  فكره: 'اقتراح',
  اقتراحي: 'اقتراح',
  // Everyday English for what the templates say in care terms.
  cost: 'price',
  costs: 'price',
  expensive: 'price',
  cheap: 'price',
  much: 'price',
  late: 'delay',
  money: 'refund',
  manager: 'complaint',
  supervisor: 'complaint',
  terrible: 'complaint',
  awful: 'complaint',
  worst: 'complaint',
  angry: 'complaint',
  package: 'order',
  parcel: 'order',
  restock: 'stock',
  restocking: 'stock',
};

/** Folded dialect word or stem → standard words. */
const DIALECT_BY_WORD = new Map<string, string[]>();
/** Skeleton of a dialect or standard word → standard words, for Arabizi (bkam → BKM → سعر). */
const DIALECT_BY_SKELETON = new Map<string, string[]>();
const addTo = (map: Map<string, string[]>, key: string, value: string) => {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
};
for (const [word, standard] of Object.entries(DIALECT)) {
  const [key] = tokenize(word);
  const [target] = tokenize(standard);
  if (!key || !target) continue;
  addTo(DIALECT_BY_WORD, key, target);
  const skeleton = arabicSkeleton(key);
  if (skeleton.length >= 3) addTo(DIALECT_BY_SKELETON, skeleton, target);
  for (const stem of arabicStems(key)) {
    const s = arabicSkeleton(stem);
    if (s.length >= 3) addTo(DIALECT_BY_SKELETON, s, target);
  }
}

/** Standard words for a folded dialect token (or one of its stems), if it is in the lexicon. */
export function dialectTargets(token: string, stems: readonly string[]): string[] {
  const out: string[] = [];
  for (const form of [token, ...stems]) for (const t of DIALECT_BY_WORD.get(form) ?? []) if (!out.includes(t)) out.push(t);
  return out;
}

/** Standard words an Arabizi skeleton may spell through the dialect lexicon. */
export function dialectTargetsBySkeleton(skeletons: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of skeletons) for (const t of DIALECT_BY_SKELETON.get(s) ?? []) if (!out.includes(t)) out.push(t);
  return out;
}
