/**
 * Template search, the API other parts of Dalil use: Arabic-aware, tolerant of typos, clitics, inflections,
 * dialect words and Arabizi; it ranks (every matching word adds to a template's score), best first, and a word that
 * matches nothing never empties the list. The index behind it is built once per templates array and reused.
 */
import type { Template } from '../schemas/template';
import { createTemplateIndex, type SearchableTemplate, type TemplateIndex } from './template-search';

export { normalizeForSearch } from './normalize';

const indexes = new WeakMap<readonly SearchableTemplate[], TemplateIndex<SearchableTemplate>>();

export interface SearchOptions {
  limit?: number;
  /** Only templates in this language (`ar` also takes `ar-EG`…). */
  lang?: string;
  /** Templates in this language first (the comment's): a boost among matches, not a filter. */
  preferLang?: string;
}

export function searchTemplates<T extends Template | SearchableTemplate>(
  templates: readonly T[],
  query: string,
  options: SearchOptions = {},
): T[] {
  let index = indexes.get(templates) as TemplateIndex<T> | undefined;
  if (!index) {
    index = createTemplateIndex(templates);
    indexes.set(templates, index as unknown as TemplateIndex<SearchableTemplate>);
  }
  const lang = options.lang?.toLowerCase().split('-')[0];
  if (!lang) return index.search(query, { limit: options.limit, preferLang: options.preferLang });
  const matching = index
    .search(query, { preferLang: options.preferLang })
    .filter((t) => t.lang.toLowerCase().split('-')[0] === lang);
  return options.limit === undefined ? matching : matching.slice(0, Math.max(0, options.limit));
}
