/**
 * Template search per keystroke: Dalil's index (utils/search) against Fuse.js, the fuzzy search most extensions
 * ship, and MiniSearch, a full-text index with its own prefix and fuzzy options. All indexes are built once,
 * outside the timing; each run types a set of realistic queries keystroke by keystroke (Arabic with and without
 * hamza and the article, English, a typo, a shortcut, Arabizi, a phrase), over 5,000 and over 100 templates.
 * Below the timing rows: each search's top-1 / top-3 per group on the public test set
 * (tests/fixtures/search/queries.json) over the built-in pack.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { formatScores, type GroupScore, packTemplates, pct, scoreTestSet } from '../tests/fixtures/search/score';
import { normalizeForSearch, searchTemplates } from '../utils/search';
import type { Benchmark, ExtraRow } from './run';

/** Deterministic pseudo-random numbers, so every side searches the same corpus every run. */
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

type BenchTemplate = ReturnType<typeof makeTemplate>;
const next = random(42);
const pick = (words: string[], n: number) => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ');
function makeTemplate(i: number) {
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
}
const templates = Array.from({ length: 5000 }, (_, i) => makeTemplate(i));
const small = templates.slice(0, 100);

/** What people type: a few words keystroke by keystroke, then a few whole queries (as pasted or picked). */
const TYPED = ['اسعار', 'الشحن', 'refnud', 'ta2khir', ';reply12'];
const KEYSTROKES = [
  ...TYPED.flatMap((p) => Array.from({ length: p.length }, (_, i) => p.slice(0, i + 1))),
  'تاخير',
  'shipping',
  'coffee cardamom',
  'sorry for the delay',
];

/** The three searches, each over a given corpus, answering ids best first. */
interface Peer {
  label: string;
  build: (corpus: readonly BenchTemplate[]) => (query: string) => string[];
}

const LIMIT = 50;

const dalil: Peer = {
  label: 'Dalil (utils/search)',
  build: (corpus) => {
    const list = corpus.slice();
    searchTemplates(list, 'warm up'); // builds and caches the index outside the timing
    return (query) => searchTemplates(list, query, { limit: LIMIT }).map((t) => t.id);
  },
};

const fuse: Peer = {
  label: 'Fuse.js 7',
  build: (corpus) => {
    const index = new Fuse(corpus, {
      keys: [
        { name: 'shortcut', weight: 5 },
        { name: 'title', weight: 4 },
        { name: 'tags', weight: 3 },
        { name: 'body', weight: 1.5 },
      ],
      threshold: 0.3,
      ignoreLocation: true,
    });
    return (query) => index.search(query, { limit: LIMIT }).map((r) => r.item.id);
  },
};

const miniSearch: Peer = {
  label: 'MiniSearch 7',
  build: (corpus) => {
    const index = new MiniSearch<BenchTemplate>({
      fields: ['shortcut', 'title', 'tags', 'body'],
      // Tags are a list; Dalil's own folding (hamza, ta marbuta, tashkeel) is given to MiniSearch too, so the
      // comparison is about matching and ranking, not about Arabic spelling.
      extractField: (doc, field) => {
        const value = doc[field as keyof BenchTemplate];
        return Array.isArray(value) ? value.join(' ') : String(value ?? '');
      },
      processTerm: (term) => normalizeForSearch(term) || null,
      searchOptions: {
        prefix: true,
        fuzzy: 0.2,
        boost: { shortcut: 5, title: 4, tags: 3, body: 1.5 },
        combineWith: 'OR',
      },
    });
    index.addAll(corpus as BenchTemplate[]);
    return (query) =>
      index
        .search(query)
        .slice(0, LIMIT)
        .map((r) => String(r.id));
  },
};

const PEERS = [dalil, fuse, miniSearch];
const searchers5000 = PEERS.map((p) => p.build(templates));
const searchers100 = PEERS.map((p) => p.build(small));

const typeAll = (search: (q: string) => string[]) => () => {
  for (const q of KEYSTROKES) search(q);
};

/**
 * Mean ms per keystroke of each searcher: alternating rounds (rotating who goes first), each at least 150 ms of whole
 * keystroke sequences, then the median over rounds.
 */
function perKeystroke(searchers: Array<(q: string) => string[]>, rounds = 3): number[] {
  const means: number[][] = searchers.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < searchers.length; k++) {
      const i = (round + k) % searchers.length;
      const run = typeAll(searchers[i]);
      run(); // warm
      let n = 0;
      const start = performance.now();
      let now = start;
      while (now - start < 150) {
        run();
        n++;
        now = performance.now();
      }
      means[i].push((now - start) / (n * KEYSTROKES.length));
    }
  }
  return means.map((xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
  });
}

const ms = (n: number) => `${n.toFixed(3)} ms`;
const cell = (r: GroupScore) => `${pct(r.top1, r.count)} / ${pct(r.top3, r.count)}`;

/** The test set scored for each search over the built-in pack. */
function testSetScores(): GroupScore[][] {
  const pack = packTemplates() as unknown as BenchTemplate[];
  return PEERS.map((p) => {
    const search = p.build(pack);
    return scoreTestSet((q) => search(q));
  });
}

export const benchmark: Benchmark = {
  name: `search 5,000 templates, ${KEYSTROKES.length} keystrokes`,
  unit: `ms for ${KEYSTROKES.length} keystrokes`,
  ours: { label: dalil.label, run: typeAll(searchers5000[0]) },
  peer: { label: fuse.label, run: typeAll(searchers5000[1]) },
  extraRows: () => {
    const rows: ExtraRow[] = [];
    for (const [size, searchers] of [
      ['5,000', searchers5000],
      ['100', searchers100],
    ] as const) {
      const [ours, fuseMs, miniMs] = perKeystroke([...searchers]);
      rows.push({
        label: `ms per keystroke, ${size} templates`,
        ours: ms(ours),
        peer: ms(fuseMs),
        note: `${(fuseMs / ours).toFixed(1)}×`,
      });
      rows.push({
        label: `ms per keystroke, ${size} templates`,
        ours: ms(ours),
        peer: ms(miniMs),
        peerLabel: miniSearch.label,
        note: `${(miniMs / ours).toFixed(1)}×`,
      });
    }
    const [ours, fuseScores, miniScores] = testSetScores();
    console.log(`\n${formatScores(`${dalil.label}, test set`, ours)}`);
    for (let g = 0; g < ours.length; g++) {
      const label = `test set ${ours[g].group} (${ours[g].count}) top-1 / top-3`;
      rows.push({ label, ours: cell(ours[g]), peer: cell(fuseScores[g]) });
      rows.push({ label, ours: cell(ours[g]), peer: cell(miniScores[g]), peerLabel: miniSearch.label });
    }
    return rows;
  },
};
