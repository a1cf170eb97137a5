/**
 * Fills a template's {{variables}}. Values are inserted literally: a `{{…}}` or `$&` inside a
 * commenter's name stays as typed and is never expanded again. Names from the page are cleaned first
 * (clean-text.ts): no bidi control in a name can reorder the reply around it.
 */
import { cleanName } from '../text/clean-text';

export interface RenderContext {
  commenter?: { name?: string; firstName?: string };
  agent?: { name?: string };
  brand?: { name?: string };
  /** Today, for {{date}}; injectable for tests. */
  now?: Date;
  /** Values the person typed for fill-in fields, by variable name. */
  fields?: Record<string, string>;
  /** Leave unfilled fields as `{{name}}` (for a preview) instead of removing them. */
  keepMissing?: boolean;
}

export interface RenderResult {
  text: string;
  /** Fill-in fields with no value and no fallback: the picker asks for them before inserting. */
  missing: string[];
}

const VARIABLE = /\{\{\s*([^{}|]+?)\s*(?:\|([^{}]*))?\}\}/g;

/** The variables a body uses, with their fallbacks. */
export function variablesOf(body: string): Array<{ name: string; fallback?: string }> {
  return [...body.matchAll(VARIABLE)].map((m) => ({ name: m[1], fallback: m[2] }));
}

/** Variables Dalil fills itself; any other is a fill-in field. */
export const KNOWN_VARIABLES = ['commenter.firstName', 'commenter.name', 'agent.name', 'brand.name', 'date'] as const;

export function fillInFields(body: string): string[] {
  const known = new Set<string>(KNOWN_VARIABLES);
  return [...new Set(variablesOf(body).map((v) => v.name))].filter((name) => !known.has(name));
}

/** First name from a display name: the first word, skipping honorifics people put before names. */
export function firstNameOf(name: string): string {
  const words = name
    .trim()
    .replace(/^@/, '')
    .split(/[\s._]+/)
    .filter(Boolean);
  const honorifics = /^(mr|mrs|ms|dr|eng|السيد|السيدة|د|دكتور|م)\.?$/i;
  return words.find((w) => !honorifics.test(w)) ?? '';
}

const RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
const LTR_CHAR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]/;

/** The direction a language is written in. */
export const isRtlLang = (lang: string) => /^(ar|fa|ur|he|ps|ku|ckb|dv|yi)(-|$)/i.test(lang);

/**
 * Wraps a value in a first-strong isolate when its script runs against the template's direction,
 * so a Latin name in Arabic text (or an Arabic name in English text) cannot pull neighbouring
 * punctuation and numbers out of order once posted.
 */
export function isolateIfMixed(value: string, lang: string): string {
  const againstFlow = isRtlLang(lang) ? LTR_CHAR.test(value) || /\d/.test(value) : RTL_CHAR.test(value);
  return againstFlow ? `\u2068${value}\u2069` : value;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** Building a date format costs milliseconds (locale data): only when {{date}} is used, once per language. */
function formatDate(now: Date, lang: string): string {
  try {
    let format = dateFormats.get(lang);
    if (!format) {
      format = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
      dateFormats.set(lang, format);
    }
    return format.format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

export function renderTemplate(template: { body: string; lang: string }, context: RenderContext = {}): RenderResult {
  const missing: string[] = [];
  const commenterName = cleanName(context.commenter?.name);
  // A Map, not an object: a variable named `constructor` or `__proto__` is simply missing.
  const values = new Map<string, string | undefined>([
    ['commenter.name', commenterName],
    ['commenter.firstName', cleanName(context.commenter?.firstName) || (commenterName ? firstNameOf(commenterName) : undefined)],
    ['agent.name', context.agent?.name?.trim()],
    ['brand.name', context.brand?.name?.trim()],
    ...Object.entries(context.fields ?? {}),
  ]);
  if (/\{\{\s*date\s*[|}]/.test(template.body)) values.set('date', formatDate(context.now ?? new Date(), template.lang));
  const text = template.body.replace(VARIABLE, (_whole, name: string, fallback: string | undefined) => {
    const raw = values.get(name);
    const value = typeof raw === 'string' ? raw.trim() : undefined;
    if (value) return isolateIfMixed(value, template.lang);
    if (fallback !== undefined) return fallback;
    if (!missing.includes(name)) missing.push(name);
    return context.keepMissing ? `{{${name}}}` : '';
  });
  return { text, missing };
}
