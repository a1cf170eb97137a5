import { arabicSkeleton, arabiziSkeletons, dialectTargets, dialectTargetsBySkeleton } from './arabizi';
import { tokenize } from './normalize';
import { EXACT_FORM, termForms } from './stem';

/** The fields search reads; `Template` from utils/schemas/template.ts fits. */
export interface SearchableTemplate {
  id: string;
  title: string;
  body: string;
  shortcut?: string | undefined;
  tags: string[];
  category?: string | undefined;
  lang: string;
}

export interface TemplateSearchOptions {
  /** Most results to return; all when omitted. */
  limit?: number;
  /**
   * A language to rank first (`ar` also takes `ar-EG`…), the comment's: a boost among matches, not a filter.
   * A blank query lists that language's templates first, each language in the original order.
   */
  preferLang?: string;
}

export interface TemplateIndex<T> {
  /**
   * Blank query: every template, in the original order. A query of only ";": templates that have a shortcut.
   * Otherwise every template that matches at least one query word (or whose shortcut the query starts), best
   * first; equal ranks keep the original order. Search ranks, it does not filter: a word that matches nothing
   * lowers every score alike and never empties the list while another word matches.
   */
  search(query: string, options?: TemplateSearchOptions): T[];
}

/** Field weights: where a word is found. Tags and category share a weight. */
const WEIGHT_SHORTCUT = 5;
const WEIGHT_TITLE = 4;
const WEIGHT_TAG = 3;
const WEIGHT_BODY = 1.5;

/** How a query form met an indexed term, multiplied into the field weight. */
const PREFIX_LAST = 0.8; // the word being typed starts a term
const PREFIX_OTHER = 0.55; // an earlier word starts a term
const FUZZY = 0.6; // within one or two edits
const ARABIZI = 0.75; // a Latin-letter word whose consonant skeleton is the Arabic word's
const DIALECT = 0.8; // a dialect word the lexicon maps to the template's word
/** Digits Arabizi writes letters with (2 ء, 3 ع, 5 خ, 6 ط, 7 ح, 8 غ, 9 ص). */
const ARABIZI_DIGIT = /[a-z].*[235-9]|[235-9].*[a-z]/;

/** A template in the preferred language: its score is scaled by this (its pair in the other language sits just below). */
const LANG_BOOST = 1.3;

/** Coverage: the score is scaled by (1 + COVERAGE × share of the query's weight that matched). */
const COVERAGE = 1;
/** Proximity: two consecutive query words found next to each other (or one word apart) in one field. */
const PROXIMITY_ADJACENT = 0.6;
const PROXIMITY_NEAR = 0.3;
/** Proximity is computed for this many of the best candidates only. */
const PROXIMITY_CANDIDATES = 64;

/** `{{variable}}` names would make "name" or "order" match every template that merely uses them. */
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;
/** Positions of different fields are this far apart, so proximity never spans two fields. */
const FIELD_GAP = 1000;

interface Postings {
  /** Template indices holding the term, ascending. */
  docs: Uint32Array;
  /** Best field weight × form quality of the term in the template at the same position. */
  weights: Float32Array;
}

/** One way of looking a query word up: a term, exact or as a prefix, and what a hit is worth. */
interface Probe {
  term: string;
  quality: number;
  prefix: boolean;
}

/**
 * Builds the index once. Each template's words are indexed under their forms (the word, without the article,
 * light stems) and, for Arabic words, their consonant skeletons (for Arabizi). Searching touches only the terms
 * each query form names or starts, found by binary search in a sorted vocabulary, so the corpus is never
 * re-normalized or scanned per query. The list is copied: later changes to the array are not seen.
 */
export function createTemplateIndex<T extends SearchableTemplate>(templates: readonly T[]): TemplateIndex<T> {
  const items = templates.slice();
  const count = items.length;
  const langs = items.map((t) => t.lang.toLowerCase().split('-')[0]);

  const postingsByTerm = new Map<string, { docs: number[]; weights: number[] }>();
  const shortcuts: Array<{ doc: number; key: string }> = [];
  /** Per template, the terms at each position (for proximity), as strings until the vocabulary is sorted. */
  const positionsRaw: Array<{ terms: string[]; positions: number[] }> = [];
  const formsCache = new Map<string, Array<{ term: string; quality: number }>>();
  const formsOf = (token: string) => {
    let forms = formsCache.get(token);
    if (!forms) {
      forms = termForms(token);
      const skeletons = new Set<string>();
      for (const f of forms) {
        const s = arabicSkeleton(f.term);
        if (s.length >= 2) skeletons.add(s);
      }
      for (const s of skeletons) forms.push({ term: s, quality: EXACT_FORM });
      formsCache.set(token, forms);
    }
    return forms;
  };

  items.forEach((template, doc) => {
    // Best weight per term within this template, so each term lists a template once.
    const best = new Map<string, number>();
    const seq = { terms: [] as string[], positions: [] as number[] };
    let field = 0;
    const add = (text: string | undefined, weight: number): void => {
      if (!text) return;
      field++;
      let position = field * FIELD_GAP;
      for (const token of tokenize(text)) {
        for (const { term, quality } of formsOf(token)) {
          const w = weight * quality;
          if ((best.get(term) ?? 0) < w) best.set(term, w);
          seq.terms.push(term);
          seq.positions.push(position);
        }
        position++;
      }
    };
    add(template.shortcut, WEIGHT_SHORTCUT);
    add(template.title, WEIGHT_TITLE);
    for (const tag of template.tags) add(tag, WEIGHT_TAG);
    add(template.category, WEIGHT_TAG);
    add(template.body.replace(PLACEHOLDER, ' '), WEIGHT_BODY);
    positionsRaw.push(seq);

    for (const [term, weight] of best) {
      let postings = postingsByTerm.get(term);
      if (!postings) {
        postings = { docs: [], weights: [] };
        postingsByTerm.set(term, postings);
      }
      postings.docs.push(doc);
      postings.weights.push(weight);
    }

    if (template.shortcut) {
      // ";order-status" → "orderstatus": the query is compared the same way, with or without ";" or "-".
      const key = tokenize(template.shortcut).join('');
      if (key !== '') shortcuts.push({ doc, key });
    }
  });

  // Code-unit order, the same order `<` and `startsWith` use, so a prefix's terms are one contiguous run.
  const entries = [...postingsByTerm].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  postingsByTerm.clear();
  formsCache.clear();
  const terms = entries.map(([term]) => term);
  const termId = new Map(terms.map((term, i) => [term, i]));
  const postings: Postings[] = entries.map(([, p]) => ({
    docs: Uint32Array.from(p.docs),
    weights: Float32Array.from(p.weights),
  }));
  const sequences = positionsRaw.map(({ terms: seqTerms, positions }) => ({
    ids: Int32Array.from(seqTerms, (t) => termId.get(t) ?? -1),
    positions: Int32Array.from(positions),
  }));
  positionsRaw.length = 0;

  /** First index in `terms` whose term is >= `prefix`. */
  const lowerBound = (prefix: string): number => {
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /** Where the upper-case skeleton terms sit in the sorted vocabulary. */
  const skeletonsFrom = lowerBound('A');
  const skeletonsTo = lowerBound('[');

  /** Term-index ranges [from, to) each query word hit, for proximity. */
  type Ranges = number[];

  /** Raises `scores[doc]` to what `probe` is worth there; records the term range it hit. */
  const scoreProbe = (probe: Probe, prefixQuality: number, scores: Float32Array, ranges: Ranges): boolean => {
    const from = lowerBound(probe.term);
    let to = from;
    let hit = false;
    while (to < terms.length && terms[to].startsWith(probe.term)) {
      const exact = terms[to].length === probe.term.length;
      if (!exact && !probe.prefix) break; // exact term sorts first; nothing after it is exact
      const quality = probe.quality * (exact ? 1 : prefixQuality);
      const { docs, weights } = postings[to];
      for (let j = 0; j < docs.length; j++) {
        const score = weights[j] * quality;
        if (score > scores[docs[j]]) scores[docs[j]] = score;
      }
      hit = true;
      to++;
    }
    if (to > from) ranges.push(from, to);
    return hit;
  };

  /**
   * Typo tolerance, only for a query word that matched nothing otherwise: terms (or term prefixes of the word's
   * length) within one edit (two for long words) count, below any exact hit.
   */
  const scoreFuzzy = (queryTerm: string, scores: Float32Array, ranges: Ranges): void => {
    const budget = queryTerm.length >= 8 ? 2 : queryTerm.length >= 4 ? 1 : 0;
    if (budget === 0) return;
    for (let i = 0; i < terms.length; i++) {
      if (i === skeletonsFrom) i = skeletonsTo; // consonant skeletons are for Arabizi, not for typos
      if (i >= terms.length) break;
      const term = terms[i];
      if (term.length < queryTerm.length - budget) continue;
      const near =
        editDistanceWithin(queryTerm, term, budget) ||
        (term.length > queryTerm.length && editDistanceWithin(queryTerm, term.slice(0, queryTerm.length), budget));
      if (!near) continue;
      const { docs, weights } = postings[i];
      for (let j = 0; j < docs.length; j++) {
        const score = weights[j] * FUZZY;
        if (score > scores[docs[j]]) scores[docs[j]] = score;
      }
      ranges.push(i, i + 1);
    }
  };

  /** The ways to look up one query word (the last one is being typed, so its forms also match as prefixes). */
  const probesFor = (token: string, last: boolean): { direct: Probe[]; arabizi: Probe[] } => {
    const forms = termForms(token);
    const direct: Probe[] = forms.map(({ term, quality }) => ({ term, quality, prefix: true }));
    const stems = forms.slice(1).map((f) => f.term);
    for (const target of dialectTargets(token, stems))
      for (const { term, quality } of termForms(target)) direct.push({ term, quality: quality * DIALECT, prefix: false });
    const arabizi: Probe[] = [];
    const skeletons = arabiziSkeletons(token);
    // A two-class skeleton (CK) is a whole word only: as a prefix it would start half the Arabic vocabulary.
    for (const s of skeletons) arabizi.push({ term: s, quality: ARABIZI, prefix: last && s.length >= 3 });
    for (const target of dialectTargetsBySkeleton(skeletons))
      for (const { term, quality } of termForms(target)) arabizi.push({ term, quality: quality * ARABIZI, prefix: false });
    return { direct, arabizi };
  };

  const search = (query: string, options?: TemplateSearchOptions): T[] => {
    const limit = resolveLimit(options?.limit);
    if (limit === 0) return [];
    const preferLang = options?.preferLang?.toLowerCase().split('-')[0];

    const queryTokens = tokenize(query);
    if (queryTokens.length === 0) {
      // Nothing to match on. A lone ";" is someone starting to type a shortcut: offer the ones that exist.
      const docs = query.trim().startsWith(';') ? shortcuts.map(({ doc }) => doc) : items.map((_, doc) => doc);
      const preferred = preferLang ? docs.filter((doc) => langs[doc] === preferLang) : [];
      const ordered = preferLang ? [...preferred, ...docs.filter((doc) => langs[doc] !== preferLang)] : docs;
      return ordered.slice(0, limit).map((doc) => items[doc]);
    }

    // 2: the query spells the whole shortcut, 1: it starts it. Outranks any word match.
    const shortcutRank = new Uint8Array(count);
    const compactQuery = queryTokens.join('');
    for (const { doc, key } of shortcuts) {
      if (key.startsWith(compactQuery)) shortcutRank[doc] = key.length === compactQuery.length ? 2 : 1;
    }

    // Each distinct word once; the last one typed (the word being typed) matches as a prefix at full strength.
    const lastToken = queryTokens[queryTokens.length - 1];
    const unique = [...new Set(queryTokens)];
    const total = new Float32Array(count);
    const matchedWeight = new Float32Array(count);
    const tokenScores = new Float32Array(count);
    const tokenRanges: Ranges[] = [];
    const tokenWeights: number[] = [];
    let weightSum = 0;
    for (const token of unique) {
      const last = token === lastToken;
      const prefixQuality = last ? PREFIX_LAST : PREFIX_OTHER;
      tokenScores.fill(0);
      const ranges: Ranges = [];
      const { direct, arabizi } = probesFor(token, last);
      let hit = false;
      for (const probe of direct) hit = scoreProbe(probe, prefixQuality, tokenScores, ranges) || hit;
      // A Latin word is read as Arabizi when it has a digit for a letter (ta2khir) or matches no word as typed
      // (shukran); "hello" is not also read as حالة. Typo tolerance comes last, for a word nothing else found.
      if (arabizi.length > 0 && (!hit || ARABIZI_DIGIT.test(token)))
        for (const probe of arabizi) hit = scoreProbe(probe, prefixQuality, tokenScores, ranges) || hit;
      if (!hit) scoreFuzzy(token, tokenScores, ranges);

      // Rarer words weigh more (a smoothed inverse document frequency); a word that matches nothing still
      // counts in the query's weight, so it lowers every template's coverage alike.
      let df = 0;
      for (let doc = 0; doc < count; doc++) if (tokenScores[doc] > 0) df++;
      const weight = 1 + Math.log((count + 1) / (df + 1));
      weightSum += weight;
      tokenRanges.push(ranges);
      tokenWeights.push(df > 0 ? weight : 0);
      if (df === 0) continue;
      for (let doc = 0; doc < count; doc++) {
        const s = tokenScores[doc];
        if (s > 0) {
          total[doc] += weight * s;
          matchedWeight[doc] += weight;
        }
      }
    }

    const scores = new Float64Array(count);
    const candidates: number[] = [];
    for (let doc = 0; doc < count; doc++) {
      if (total[doc] === 0 && shortcutRank[doc] === 0) continue;
      scores[doc] = total[doc] * (1 + (COVERAGE * matchedWeight[doc]) / weightSum);
      candidates.push(doc);
    }

    if (unique.length > 1 && candidates.length > 0)
      addProximity(candidates, scores, queryTokens, unique, tokenRanges, tokenWeights);
    if (preferLang) for (const doc of candidates) if (langs[doc] === preferLang) scores[doc] *= LANG_BOOST;

    // One number per hit: shortcut rank, then score, then earlier position first. Sorting plain numbers in a
    // typed array avoids a comparator call per comparison. Scores are kept to 1/1024.
    const scoreSpan = 2 ** 24;
    const keys = new Float64Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) {
      const doc = candidates[i];
      const score = Math.min(scoreSpan - 1, Math.round(scores[doc] * 1024));
      keys[i] = (shortcutRank[doc] * scoreSpan + score) * count + (count - 1 - doc);
    }
    keys.sort();

    const results: T[] = [];
    for (let i = keys.length - 1; i >= 0 && results.length < limit; i--) {
      results.push(items[count - 1 - (keys[i] % count)]);
    }
    return results;
  };

  /**
   * Proximity bonus for the best candidates: for each pair of consecutive query words, when the template has
   * them next to each other (or one word apart) in the same field, in either order.
   */
  const addProximity = (
    candidates: number[],
    scores: Float64Array,
    queryTokens: string[],
    unique: string[],
    tokenRanges: Ranges[],
    tokenWeights: number[],
  ): void => {
    const pairs: Array<[number, number]> = [];
    for (let i = 1; i < queryTokens.length; i++) {
      const a = unique.indexOf(queryTokens[i - 1]);
      const b = unique.indexOf(queryTokens[i]);
      if (a !== b && tokenWeights[a] > 0 && tokenWeights[b] > 0) pairs.push([a, b]);
    }
    if (pairs.length === 0) return;
    let top = candidates;
    if (candidates.length > PROXIMITY_CANDIDATES) {
      // The best few by a numeric sort of a copy of their scores (no comparator calls), then those at or above it.
      const sorted = Float64Array.from(candidates, (doc) => scores[doc]).sort();
      const threshold = sorted[sorted.length - PROXIMITY_CANDIDATES];
      top = candidates.filter((doc) => scores[doc] >= threshold).slice(0, PROXIMITY_CANDIDATES * 2);
    }
    const inRanges = (id: number, ranges: Ranges) => {
      for (let r = 0; r < ranges.length; r += 2) if (id >= ranges[r] && id < ranges[r + 1]) return true;
      return false;
    };
    for (const doc of top) {
      const { ids, positions } = sequences[doc];
      for (const [a, b] of pairs) {
        let bestGap = Number.POSITIVE_INFINITY;
        const posA: number[] = [];
        const posB: number[] = [];
        for (let k = 0; k < ids.length; k++) {
          if (inRanges(ids[k], tokenRanges[a])) posA.push(positions[k]);
          if (inRanges(ids[k], tokenRanges[b])) posB.push(positions[k]);
        }
        for (const p of posA) for (const q of posB) if (p !== q) bestGap = Math.min(bestGap, Math.abs(p - q));
        const bonus = bestGap === 1 ? PROXIMITY_ADJACENT : bestGap === 2 ? PROXIMITY_NEAR : 0;
        scores[doc] += bonus * (tokenWeights[a] + tokenWeights[b]);
      }
    }
  };

  return { search };
}

/** Non-negative whole number of results; anything else (missing, NaN, Infinity) means no limit. */
function resolveLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.floor(limit));
}

/**
 * Whether `a` and `b` are within `max` edits (insert, delete, substitute, swap of neighbours:
 * the optimal-string-alignment distance), stopping as soon as every path is over budget.
 */
export function editDistanceWithin(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (a === b) return true;
  let prevPrev = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = row[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1);
      row[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return false;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return prev[b.length] <= max;
}
