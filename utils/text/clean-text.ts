/**
 * Text read from a page (a commenter's name, a comment, an ad's copy) is the page's to choose: it can
 * carry bidi overrides that would reorder the reply around it, invisible characters that make a name
 * look present, control characters and broken UTF-16. It is cleaned before it reaches a composer or
 * the swipe file.
 */

/** Embeddings, overrides and isolates (U+202A–202E, U+2066–2069), the marks LRM, RLM and ALM. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
/** C0 and C1 controls and DEL (Cc), NUL included; tab and line breaks are whitespace and stay. */
const CONTROLS = /\p{Cc}/gu;
const keepWhitespace = (c: string) => (c === '\t' || c === '\n' || c === '\r' ? c : '');
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** What shows nothing: whitespace, zero-width characters, and other format characters (Cf). */
const INVISIBLE = /[\s\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e\p{Cf}]/gu;

/** Page text as it may reach a composer: no bidi controls, no control characters, lone surrogates as U+FFFD. */
export function cleanPageText(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(CONTROLS, keepWhitespace).replace(BIDI_CONTROLS, '');
}

/**
 * A person's name from a page, cleaned, spaces collapsed; '' when nothing visible is left (a name of
 * zero-width characters counts as missing, so the template's fallback is used).
 */
export function cleanName(name: string | undefined): string {
  if (!name) return '';
  const cleaned = cleanPageText(name).replace(/\s+/g, ' ').trim();
  return cleaned.replace(INVISIBLE, '') === '' ? '' : cleaned;
}

/** Cleaned page text cut to `max` UTF-16 units, never inside a surrogate pair; undefined stays undefined. */
export function clipPageText(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const clean = cleanPageText(text);
  if (clean.length <= max) return clean;
  // Room for the ellipsis; one unit less where the last one kept would be half a surrogate pair.
  const keep = /[\ud800-\udbff]/.test(clean[max - 2]) ? max - 2 : max - 1;
  return `${clean.slice(0, keep)}…`;
}
