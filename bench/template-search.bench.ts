/**
 * Template search over 5,000 Arabic and English templates, per keystroke: Dalil's index
 * (utils/search) against Fuse.js, the fuzzy search most extensions ship. Both indexes are built
 * once, outside the timing; each run types a set of realistic queries (with and without hamza,
 * with the article, a typo, a shortcut).
 */
import Fuse from 'fuse.js';
import { searchTemplates } from '../utils/search';
import type { Benchmark } from './run';

/** Deterministic pseudo-random numbers, so both sides search the same corpus every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const AR_WORDS =
  'شكرا جزيلا على ثقتكم نعتذر عن التأخير في توصيل طلبك سياسة الاسترجاع والاستبدال خلال أيام أسعار المنتجات متوفرة حاليا الشحن إلى جميع المدن يرجى مراسلتنا على الخاص فريق خدمة العملاء سعداء بخدمتك القهوة الهيل العروض الخصم'.split(
    ' ',
  );
const EN_WORDS =
  'thank you so much for your kind words sorry for the delay in delivering your order refund and return policy within days prices of our products are available shipping to all cities please send us a private message customer care team happy to help coffee cardamom offers discount'.split(
    ' ',
  );

const next = random(42);
const pick = (words: string[], n: number) => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ');
const templates = Array.from({ length: 5000 }, (_, i) => {
  const ar = i % 2 === 0;
  const words = ar ? AR_WORDS : EN_WORDS;
  return {
    id: `t-${i}`,
    title: pick(words, 4),
    body: pick(words, 40),
    lang: ar ? 'ar' : 'en',
    shortcut: `;${ar ? 'رد' : 'reply'}${i}`,
    tags: [pick(words, 1), pick(words, 1)],
    category: ar ? 'care::عام' : 'care::general',
    status: 'approved' as const,
  };
});

/** What people type, keystroke by keystroke. */
const QUERIES = [
  'ا',
  'اس',
  'اسع',
  'اسعار',
  'الشحن',
  'تاخير',
  's',
  'sh',
  'shi',
  'shipping',
  'refnud',
  ';reply12',
  'coffee cardamom',
];

const fuse = new Fuse(templates, { keys: ['shortcut', 'title', 'tags', 'body'], threshold: 0.3, ignoreLocation: true });
searchTemplates(templates, 'warm up'); // builds and caches Dalil's index outside the timing

export const benchmark: Benchmark = {
  name: `search 5,000 templates, ${QUERIES.length} keystrokes`,
  unit: `ms for ${QUERIES.length} keystrokes`,
  ours: {
    label: 'Dalil (utils/search)',
    run: () => {
      for (const q of QUERIES) searchTemplates(templates, q, { limit: 50 });
    },
  },
  peer: {
    label: 'Fuse.js 7',
    run: () => {
      for (const q of QUERIES) fuse.search(q, { limit: 50 });
    },
  },
};
