/**
 * Fills a template's {{variables}}. Values are inserted literally: a `{{…}}` or `$&` inside a
 * commenter's name stays as typed and is never expanded again. Names from the page are cleaned first
 * (clean-text.ts): no bidi control in a name can reorder the reply around it.
 */
import type { Platform } from '../schemas/common';
import type { TemplateField } from '../schemas/template';
import { type BodyNode, parseBody, walkBody } from '../schemas/template-body';
import { cleanName } from '../text/clean-text';

/** What rendering needs of a template. */
export interface RenderableTemplate {
  body: string;
  lang: string;
  fields?: TemplateField[];
  variants?: Partial<Record<Platform, string>>;
}

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
  /** The composer's platform: its variant of the text is used. */
  platform?: Platform;
  /** Another template of the pack, for `{{> id}}` (cycles are refused on import; depth is capped too). */
  include?: (id: string) => RenderableTemplate | undefined;
}

export interface RenderResult {
  text: string;
  /** Fill-in fields with no value and no fallback: the picker asks for them before inserting. */
  missing: string[];
  /** Where `{{cursor}}` puts the caret after insert (UTF-16 offsets in `text`; end > start selects a placeholder). */
  cursor?: { start: number; end: number };
}

/** The variables a body uses, with their fallbacks (conditions and includes aside). */
export function variablesOf(body: string): Array<{ name: string; fallback?: string }> {
  const parsed = parseBody(body);
  if (!parsed.ok) return [];
  const values: Array<{ name: string; fallback?: string }> = [];
  for (const node of walkBody(parsed.nodes)) {
    if (node.kind === 'value') values.push({ name: node.name, fallback: node.fallback });
    else if (node.kind === 'if') values.push({ name: node.name });
  }
  return values;
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

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
/** Building a format costs milliseconds (locale data): only when a date or number is used, once per language. */
function cachedFormat<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let format = formats.get(key) as T | undefined;
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

function formatDate(now: Date, lang: string): string {
  try {
    return cachedFormat(`d:${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'long' })).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A date field's value (YYYY-MM-DD) in the reply's language and the field's calendar. */
export function formatFieldDate(value: string, lang: string, calendar: 'gregory' | 'hijri' | 'both' = 'gregory'): string {
  const date = new Date(`${value}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) return value;
  const write = (cal: string) => {
    try {
      const options = { dateStyle: 'long', timeZone: 'UTC', calendar: cal } as const;
      return cachedFormat(`c:${lang}:${cal}`, () => new Intl.DateTimeFormat(lang, options)).format(date);
    } catch {
      return value;
    }
  };
  if (calendar === 'gregory') return write('gregory');
  if (calendar === 'hijri') return write('islamic-umalqura');
  return `${write('gregory')} (${write('islamic-umalqura')})`;
}

/** Today as YYYY-MM-DD in the person's own time zone (a date field's "today"). */
export const todayValue = (now = new Date()) =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

const YES_NO: Record<string, [string, string]> = { ar: ['نعم', 'لا'], en: ['yes', 'no'] };

/** How a typed field's value reads in the reply. */
function formatFieldValue(field: TemplateField, value: string, lang: string): string {
  switch (field.type) {
    case 'choice':
      return field.options?.find((o) => o.value === value)?.label ?? value;
    case 'date':
      return formatFieldDate(value, lang, field.calendar);
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) return value;
      const written = cachedFormat(`n:${lang}`, () => new Intl.NumberFormat(lang)).format(n);
      return field.unit ? `${written} ${field.unit}` : written;
    }
    case 'toggle': {
      const [yes, no] = YES_NO[lang.slice(0, 2).toLowerCase()] ?? YES_NO.en;
      return value === 'true' ? yes : no;
    }
    default:
      return value;
  }
}

/** A field's starting value: its default ("today" for a date), or off for a toggle. */
export function defaultValue(field: TemplateField, now = new Date()): string {
  if (field.type === 'date' && field.default === 'today') return todayValue(now);
  if (field.type === 'toggle') return field.default === 'true' ? 'true' : 'false';
  return field.default ?? '';
}

/** The text a template inserts on a platform: its variant there, else its body. */
export const bodyFor = (template: RenderableTemplate, platform?: Platform): string =>
  (platform && template.variants?.[platform]) || template.body;

/**
 * The fields the picker's form asks for, in the order the text uses them: declared fields with their type,
 * and any other fill-in as free text. Fields of included templates are asked for too.
 */
export function formFields(
  template: RenderableTemplate,
  context: Pick<RenderContext, 'platform' | 'include'> = {},
): TemplateField[] {
  const declared = declaredFields(template, context);
  const known = new Set<string>(KNOWN_VARIABLES);
  const out = new Map<string, TemplateField>();
  const visit = (body: string, depth: number) => {
    const parsed = parseBody(body);
    if (!parsed.ok || depth > MAX_DEPTH) return;
    for (const node of walkBody(parsed.nodes)) {
      if (node.kind === 'include') {
        const inner = context.include?.(node.id);
        if (inner) visit(bodyFor(inner, context.platform), depth + 1);
      } else if ((node.kind === 'value' || node.kind === 'if') && !known.has(node.name) && !out.has(node.name)) {
        out.set(node.name, declared.get(node.name) ?? { name: node.name, type: 'text' });
      }
    }
  };
  visit(bodyFor(template, context.platform), 0);
  return [...out.values()];
}

/** A field must be filled before inserting: declared required, or a free fill-in with no fallback. */
export function needsForm(template: RenderableTemplate, context: Pick<RenderContext, 'platform' | 'include'> = {}): boolean {
  return renderTemplate(template, { ...context, fields: {} }).missing.length > 0;
}

const MAX_DEPTH = 8;

function declaredFields(template: RenderableTemplate, context: Pick<RenderContext, 'platform' | 'include'>) {
  const fields = new Map<string, TemplateField>();
  const add = (t: RenderableTemplate, depth: number) => {
    for (const field of t.fields ?? []) if (!fields.has(field.name)) fields.set(field.name, field);
    if (depth > MAX_DEPTH || !context.include) return;
    const parsed = parseBody(bodyFor(t, context.platform));
    if (!parsed.ok) return;
    for (const node of walkBody(parsed.nodes)) {
      const inner = node.kind === 'include' ? context.include(node.id) : undefined;
      if (inner) add(inner, depth + 1);
    }
  };
  add(template, 0);
  return fields;
}

export function renderTemplate(template: RenderableTemplate, context: RenderContext = {}): RenderResult {
  const lang = template.lang;
  const missing: string[] = [];
  const commenterName = cleanName(context.commenter?.name);
  const fields = declaredFields(template, context);
  const now = context.now ?? new Date();
  // A Map, not an object: a variable named `constructor` or `__proto__` is simply missing.
  const values = new Map<string, string | undefined>([
    ['commenter.name', commenterName],
    ['commenter.firstName', cleanName(context.commenter?.firstName) || (commenterName ? firstNameOf(commenterName) : undefined)],
    ['agent.name', context.agent?.name?.trim()],
    ['brand.name', context.brand?.name?.trim()],
  ]);
  const given = new Map(Object.entries(context.fields ?? {}));
  /** A field's raw value: typed by the person, else its default. */
  const rawValue = (name: string): string | undefined => {
    const typed = given.get(name);
    if (typed !== undefined) return typed;
    const field = fields.get(name);
    return field ? defaultValue(field, now) : values.get(name);
  };
  let text = '';
  let cursor: RenderResult['cursor'];
  const emit = (nodes: BodyNode[], depth: number) => {
    for (const node of nodes) {
      if (node.kind === 'text') text += node.text;
      else if (node.kind === 'cursor') {
        if (cursor) continue;
        cursor = { start: text.length, end: text.length + node.placeholder.length };
        text += node.placeholder;
      } else if (node.kind === 'include') {
        const inner = depth < MAX_DEPTH ? context.include?.(node.id) : undefined;
        const parsed = inner ? parseBody(bodyFor(inner, context.platform)) : undefined;
        if (parsed?.ok) emit(parsed.nodes, depth + 1);
      } else if (node.kind === 'if') {
        const value = (rawValue(node.name) ?? '').trim();
        const field = fields.get(node.name);
        if (field?.required && !value && !missing.includes(node.name)) missing.push(node.name);
        const holds =
          node.op === '=' ? value === node.value : node.op === '!=' ? value !== node.value : value !== '' && value !== 'false';
        emit(holds ? node.whenTrue : node.whenFalse, depth);
      } else {
        const field = fields.get(node.name);
        const raw = node.name === 'date' && !field ? formatDate(now, lang) : rawValue(node.name);
        const value = typeof raw === 'string' ? raw.trim() : undefined;
        if (value) {
          text += isolateIfMixed(field ? formatFieldValue(field, value, lang) : value, lang);
        } else if (node.fallback !== undefined) text += node.fallback;
        else {
          // Declared and optional: left out quietly. Required, or a free fill-in: asked for.
          if ((!field || field.required) && !missing.includes(node.name)) missing.push(node.name);
          if (context.keepMissing) text += `{{${node.name}}}`;
        }
      }
    }
  };
  const parsed = parseBody(bodyFor(template, context.platform));
  // A body that does not parse (a personal draft being typed) is shown as written.
  if (!parsed.ok) return { text: bodyFor(template, context.platform), missing };
  emit(parsed.nodes, 0);
  return cursor ? { text, missing, cursor } : { text, missing };
}
