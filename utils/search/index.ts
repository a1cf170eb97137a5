/**
 * Template search, the API other parts of Dalil use: Arabic-aware, tolerant of typos and of the
 * article ال, best first. The index behind it is built once per templates array and reused.
 */
import type { Template } from '../schemas/template';
import { normalizeForSearch } from './normalize';
import { createTemplateIndex, type SearchableTemplate, type TemplateIndex } from './template-search';

export { normalizeForSearch } from './normalize';

/**
 * Folds the Arabic spellings people type interchangeably: أ إ آ ٱ → ا, ة → ه, ى → ي, no tashkeel,
 * no tatweel, Arabic-Indic and Persian digits → 0–9. Latin text is left as it is.
 */
export function normalizeArabic(text: string): string {
  return text
    .replace(/[\u064b-\u065f\u0670\u06d6-\u06ed]/g, '')
    .replace(/\u0640/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

const indexes = new WeakMap<readonly SearchableTemplate[], TemplateIndex<SearchableTemplate>>();

export interface SearchOptions {
  limit?: number;
  /** Only templates in this language (`ar` also takes `ar-EG`…). */
  lang?: string;
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
  if (!lang) return index.search(query, { limit: options.limit });
  const matching = index.search(query).filter((t) => t.lang.toLowerCase().split('-')[0] === lang);
  return options.limit === undefined ? matching : matching.slice(0, Math.max(0, options.limit));
}

/** For callers that compare text the way search does (copy rules, suggestions). */
export const foldForMatching = normalizeForSearch;
