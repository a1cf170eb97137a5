/**
 * The log's word index, its pure half: which words an entry is found by and what a query asks for.
 * Words are template search's Arabic-aware tokens (utils/search/normalize: hamza and yaa variants,
 * diacritics and tatweel folded, each Arabic word also without its article). Each is stored with the
 * entry's UTC day (`word\0YYYY-MM-DD`), so one multi-entry index answers "this word, these days" as one key
 * range, and within a key IndexedDB orders by the entry's key [at, id]: by time.
 */
import type { ActivityLogEntry } from '../schemas/activity-log';
import { tokenize, tokenVariants } from '../search/normalize';

/** Separates a word from its day in an index key; sorts below every character a word can hold. */
export const WORD_DAY_SEPARATOR = '\u0000';

/** The text an entry is searched by: its page URL and detail values (what the Log tab's search always read). */
export function entrySearchText(entry: ActivityLogEntry): string {
  let text = entry.pageUrl ?? '';
  for (const value of Object.values(entry.details)) if (value !== null) text += ` ${String(value)}`;
  return text;
}

/** Distinct normalised words of an entry, each with its forms without the Arabic article. */
export function entryWords(entry: ActivityLogEntry): Set<string> {
  const words = new Set<string>();
  for (const token of tokenize(entrySearchText(entry))) for (const form of tokenVariants(token)) words.add(form);
  return words;
}

/** The UTC day of an ISO instant, as the index keys hold it. */
export const dayOf = (at: string): string => at.slice(0, 10);

/** The index keys of one entry: each word with the entry's day. */
export function entryWordKeys(entry: ActivityLogEntry): string[] {
  const day = dayOf(entry.at);
  return [...entryWords(entry)].map((word) => `${word}${WORD_DAY_SEPARATOR}${day}`);
}

/** One word of a query: any of its forms; `prefix` when it is the word still being typed. */
export interface WordTerm {
  forms: string[];
  prefix: boolean;
}

/**
 * A query's words, in order, each distinct: all must match (intersection). The last is a prefix unless
 * the query ends with a space (the word is finished): "شح" finds "الشحن". Empty when there are no words.
 */
export function queryWordTerms(text: string): WordTerm[] {
  const tokens = [...new Set(tokenize(text))];
  const finished = /\s$/u.test(text);
  return tokens.map((token, i) => ({ forms: tokenVariants(token), prefix: i === tokens.length - 1 && !finished }));
}

/** Whether an entry's words satisfy every term (the check the index stands in for). */
export function wordsMatch(words: Set<string>, terms: WordTerm[]): boolean {
  return terms.every((term) =>
    term.prefix
      ? term.forms.some((form) => {
          for (const word of words) if (word.startsWith(form)) return true;
          return false;
        })
      : term.forms.some((form) => words.has(form)),
  );
}

/**
 * A row of the `logWords` store: an entry's index keys, or (at '' and id '') the backfill's progress:
 * every entry up to [at, id] `upTo` is indexed, or all of them once `done`.
 */
export type LogWordsRow =
  | { at: string; id: string; words: string[] }
  | { at: ''; id: ''; upTo?: [string, string]; done?: boolean };
