import { tokenize, tokenVariants } from './normalize';

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
}

export interface TemplateIndex<T> {
  /**
   * Blank query: every template, in the original order. A query of only ";": templates that have a shortcut.
   * Otherwise templates where every query token is a prefix of some token of the template (or the whole
   * query is a prefix of its shortcut), best first; equal ranks keep the original order.
   */
  search(query: string, options?: TemplateSearchOptions): T[];
}

/** Where a token was found; a higher tier ranks higher. 0 means "not found". */
const TIER_SHORTCUT = 4;
const TIER_TITLE = 3;
const TIER_TAG = 2;
const TIER_BODY = 1;

/**
 * Per query token and template: tier * 2, plus 1 when the token equals a whole word rather than starting it.
 * A prefix hit in a higher field still beats a whole-word hit in a lower one.
 */
const MAX_TOKEN_SCORE = TIER_SHORTCUT * 2 + 1;

/** `{{variable}}` names would make "name" or "order" match every template that merely uses them. */
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

interface Postings {
  /** Template indices holding the term, ascending. */
  docs: Uint32Array;
  /** Best tier of the term in the template at the same position. */
  tiers: Uint8Array;
}

/**
 * Builds the index once; searching then touches only the terms that start with each query token, found by
 * binary search in a sorted vocabulary, so the corpus is never re-normalized or scanned per query.
 * The list is copied: later changes to the array are not seen (build a new index instead).
 */
export function createTemplateIndex<T extends SearchableTemplate>(templates: readonly T[]): TemplateIndex<T> {
  const items = templates.slice();
  const count = items.length;

  const postingsByTerm = new Map<string, { docs: number[]; tiers: number[] }>();
  const shortcuts: Array<{ doc: number; key: string }> = [];

  items.forEach((template, doc) => {
    // Best tier per term within this template, so each term lists a template once.
    const best = new Map<string, number>();
    const add = (text: string | undefined, tier: number): void => {
      if (!text) return;
      for (const token of tokenize(text)) {
        for (const term of tokenVariants(token)) {
          if ((best.get(term) ?? 0) < tier) best.set(term, tier);
        }
      }
    };
    add(template.shortcut, TIER_SHORTCUT);
    add(template.title, TIER_TITLE);
    for (const tag of template.tags) add(tag, TIER_TAG);
    add(template.category, TIER_TAG);
    add(template.body.replace(PLACEHOLDER, ' '), TIER_BODY);

    for (const [term, tier] of best) {
      let postings = postingsByTerm.get(term);
      if (!postings) {
        postings = { docs: [], tiers: [] };
        postingsByTerm.set(term, postings);
      }
      postings.docs.push(doc);
      postings.tiers.push(tier);
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
  const terms = entries.map(([term]) => term);
  const postings: Postings[] = entries.map(([, p]) => ({
    docs: Uint32Array.from(p.docs),
    tiers: Uint8Array.from(p.tiers),
  }));

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

  /** Raises `scores[doc]` to the best score of `queryTerm` as a prefix of the template's terms. */
  const scorePrefix = (queryTerm: string, scores: Uint8Array): void => {
    for (let i = lowerBound(queryTerm); i < terms.length && terms[i].startsWith(queryTerm); i++) {
      const exact = terms[i].length === queryTerm.length ? 1 : 0;
      const { docs, tiers } = postings[i];
      for (let j = 0; j < docs.length; j++) {
        const score = tiers[j] * 2 + exact;
        if (score > scores[docs[j]]) scores[docs[j]] = score;
      }
    }
  };

  /**
   * Typo tolerance, only for a query token that matched nothing as a prefix: terms (or term
   * prefixes of the token's length) within one edit (two for long tokens) count, below any exact hit.
   */
  const scoreFuzzy = (queryTerm: string, scores: Uint8Array): void => {
    const budget = queryTerm.length >= 8 ? 2 : queryTerm.length >= 4 ? 1 : 0;
    if (budget === 0) return;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i];
      if (Math.abs(term.length - queryTerm.length) > budget && term.length < queryTerm.length) continue;
      const near =
        editDistanceWithin(queryTerm, term, budget) ||
        (term.length > queryTerm.length && editDistanceWithin(queryTerm, term.slice(0, queryTerm.length), budget));
      if (!near) continue;
      const { docs, tiers } = postings[i];
      for (let j = 0; j < docs.length; j++) {
        const score = Math.max(1, tiers[j] * 2 - 1);
        if (score > scores[docs[j]]) scores[docs[j]] = score;
      }
    }
  };

  const search = (query: string, options?: TemplateSearchOptions): T[] => {
    const limit = resolveLimit(options?.limit);
    if (limit === 0) return [];

    const queryTokens = tokenize(query);
    if (queryTokens.length === 0) {
      // Nothing to match on. A lone ";" is someone starting to type a shortcut: offer the ones that exist.
      const all = query.trim().startsWith(';') ? shortcuts.map(({ doc }) => items[doc]) : items.slice();
      return all.slice(0, limit);
    }

    // 2: the query spells the whole shortcut, 1: it starts it. Outranks any word match.
    const shortcutRank = new Uint8Array(count);
    const compactQuery = queryTokens.join('');
    for (const { doc, key } of shortcuts) {
      if (key.startsWith(compactQuery)) shortcutRank[doc] = key.length === compactQuery.length ? 2 : 1;
    }

    const unique = [...new Set(queryTokens)];
    const total = new Uint32Array(count);
    const matchesAll = new Uint8Array(count).fill(1);
    const tokenScores = new Uint8Array(count);
    let remaining = count;
    for (const token of unique) {
      if (remaining === 0) break; // AND already failed everywhere; only shortcut hits can still show.
      tokenScores.fill(0);
      for (const variant of tokenVariants(token)) scorePrefix(variant, tokenScores);
      if (!tokenScores.some((score) => score > 0)) scoreFuzzy(token, tokenScores);
      remaining = 0;
      for (let doc = 0; doc < count; doc++) {
        if (matchesAll[doc] === 0) continue;
        if (tokenScores[doc] === 0) {
          matchesAll[doc] = 0;
        } else {
          total[doc] += tokenScores[doc];
          remaining++;
        }
      }
    }

    // One number per hit: shortcut rank, then score, then earlier position first. Sorting plain numbers in a
    // typed array avoids a comparator call per comparison. Stays far below 2^53 for any realistic input.
    const scoreSpan = MAX_TOKEN_SCORE * unique.length + 1;
    const keys: number[] = [];
    for (let doc = 0; doc < count; doc++) {
      const rank = shortcutRank[doc];
      const matched = matchesAll[doc] === 1;
      if (!matched && rank === 0) continue;
      const score = matched ? total[doc] : 0;
      keys.push((rank * scoreSpan + score) * count + (count - 1 - doc));
    }
    const sorted = Float64Array.from(keys).sort();

    const results: T[] = [];
    for (let i = sorted.length - 1; i >= 0 && results.length < limit; i--) {
      results.push(items[count - 1 - (sorted[i] % count)]);
    }
    return results;
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
