import { z } from 'zod/mini';
import { IdSchema, IsoDateTimeSchema, LangSchema, PlatformSchema, TagSchema } from './common';
import { type BodyNode, parseBody, walkBody } from './template-body';

/**
 * `;` then letters (any script, Arabic included), digits, `_` or `-`.
 * \p{L} and \p{M} keep Arabic letters with their marks; \p{N} takes Arabic-Indic digits too.
 */
export const SHORTCUT_PATTERN = /^;[\p{L}\p{M}\p{N}_-]{1,40}$/u;
export const ShortcutSchema = z
  .string()
  .check(
    z.regex(SHORTCUT_PATTERN, 'A shortcut is ";" followed by letters, digits, "_" or "-" (no spaces), e.g. ";thanks" or ";شكرا"'),
  );

export const TemplateStatusSchema = z.enum(['draft', 'approved', 'retired']);
export type TemplateStatus = z.infer<typeof TemplateStatusSchema>;

/** A fill-in field's name as written in the body: `{{refundMethod}}`, `{{#if refundMethod = card}}`. */
export const FieldNameSchema = z
  .string()
  .check(
    z.regex(/^[A-Za-z][A-Za-z0-9_.]{0,39}$/, 'Use 1–40 letters, digits, "_" or "." starting with a letter, e.g. "refundMethod"'),
  );

export const FieldTypeSchema = z.enum(['text', 'choice', 'date', 'number', 'toggle']);
export type FieldType = z.infer<typeof FieldTypeSchema>;

const LabelSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(80));

/** A typed fill-in field (pack format 2). A `{{name}}` the body uses without declaring it is a free text field. */
export const TemplateFieldSchema = z.object({
  name: FieldNameSchema,
  type: FieldTypeSchema,
  /** What the picker's form calls it, in the template's language; the name when missing. */
  label: z.optional(LabelSchema),
  /** The picker asks for it before inserting: a typed shortcut opens the form. */
  required: z.optional(z.boolean()),
  /** choice: the menu, 2–20 entries; `value` is what conditions compare, `label` what is inserted. */
  options: z.optional(
    z
      .array(
        z.object({
          value: z.string().check(z.regex(/^[\p{L}\p{N}_.-]{1,40}$/u, 'Use 1–40 letters, digits, "_", "." or "-"')),
          label: z.optional(LabelSchema),
        }),
      )
      .check(z.minLength(2), z.maxLength(20)),
  ),
  /** number: the unit written after it, e.g. "SAR", "days". */
  unit: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
  /** date: the calendar it is written in: Gregorian (default), Hijri (Umm al-Qura), or both. */
  calendar: z.optional(z.enum(['gregory', 'hijri', 'both'])),
  /** The value before the person changes it: a choice's value, "today" or YYYY-MM-DD, a number, "true"/"false". */
  default: z.optional(z.string().check(z.maxLength(200))),
});
export type TemplateField = z.infer<typeof TemplateFieldSchema>;

const BodySchema = z.string().check(z.minLength(1), z.maxLength(5000));

type Issue = { path: (string | number)[]; message: string; params: Record<string, unknown> };

/** A condition on a field the template does not declare, or a comparison its type cannot make. */
function conditionIssues(nodes: BodyNode[], fields: Map<string, TemplateField>, path: (string | number)[]): Issue[] {
  const issues: Issue[] = [];
  for (const node of walkBody(nodes)) {
    if (node.kind !== 'if') continue;
    const field = fields.get(node.name);
    const options = field?.options?.map((o) => o.value).join(', ') ?? '';
    const issue = (dalil: string, message: string) =>
      issues.push({ path, message, params: { dalil, value: node.name, choice: node.value ?? '', options } });
    if (!field) issue('condition-unknown-field', `{{#if ${node.name}}}: no field "${node.name}" in this template's fields`);
    else if (node.op && field.type === 'toggle')
      issue(
        'condition-toggle',
        `{{#if ${node.name}}} is a yes/no toggle: write {{#if ${node.name}}} without "=" ("{{else}}" for no)`,
      );
    else if (node.op && field.type === 'choice' && !field.options?.some((o) => o.value === node.value))
      issue(
        'condition-unknown-choice',
        `{{#if ${node.name} ${node.op} ${node.value}}}: "${node.value}" is not one of ${options}`,
      );
  }
  return issues;
}

/** Checks inside one template: its bodies parse, conditions name its fields, fields are well formed. */
function templateIssues(template: {
  body: string;
  variants?: Partial<Record<string, string>>;
  fields?: TemplateField[];
}): Issue[] {
  const issues: Issue[] = [];
  const fields = new Map<string, TemplateField>();
  (template.fields ?? []).forEach((field, index) => {
    if (fields.has(field.name))
      issues.push({
        path: ['fields', index, 'name'],
        message: `Two fields are named "${field.name}"`,
        params: { dalil: 'duplicate-field', value: field.name },
      });
    fields.set(field.name, field);
    if (field.type === 'choice' && !field.options)
      issues.push({
        path: ['fields', index, 'options'],
        message: 'A menu (choice) needs its options',
        params: { dalil: 'choice-without-options' },
      });
    const values = (field.options ?? []).map((o) => o.value);
    values.forEach((value, i) => {
      if (values.indexOf(value) !== i)
        issues.push({
          path: ['fields', index, 'options', i, 'value'],
          message: `Option "${value}" is listed twice`,
          params: { dalil: 'duplicate-option', value },
        });
    });
  });
  const bodies: Array<[string, (string | number)[]]> = [
    [template.body, ['body']],
    ...Object.entries(template.variants ?? {}).map(([platform, body]): [string, (string | number)[]] => [
      body ?? '',
      ['variants', platform],
    ]),
  ];
  for (const [body, path] of bodies) {
    const parsed = parseBody(body);
    if (!parsed.ok) issues.push({ path, message: parsed.error.message, params: parsed.error.params });
    else issues.push(...conditionIssues(parsed.nodes, fields, path));
  }
  return issues;
}

export const TemplateSchema = z
  .object({
    id: IdSchema,
    title: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
    /** Plain text with `{{variables}}`; line breaks are kept when inserted. */
    body: BodySchema,
    lang: LangSchema,
    shortcut: z.optional(ShortcutSchema),
    tags: z._default(z.array(TagSchema).check(z.maxLength(20)), []),
    status: TemplateStatusSchema,
    /** One level of grouping, `::` for nesting (e.g. `care::delivery`). */
    category: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
    /** Empty or missing: usable on every platform. */
    platforms: z.optional(z.array(PlatformSchema)),
    /** Templates that say the same thing in other languages share a `pairId`. */
    pairId: z.optional(IdSchema),
    /** Typed fill-in fields the body uses (pack format 2). */
    fields: z.optional(z.array(TemplateFieldSchema).check(z.maxLength(20))),
    /** The text to insert on one platform instead of `body`: shorter for X, longer for Facebook (pack format 2). */
    variants: z.optional(z.partialRecord(PlatformSchema, BodySchema)),
    createdAt: z.optional(IsoDateTimeSchema),
    updatedAt: z.optional(IsoDateTimeSchema),
  })
  .check(
    z.superRefine((template, ctx) => {
      for (const issue of templateIssues(template)) ctx.issues.push({ code: 'custom', input: template, ...issue });
    }),
  );
export type Template = z.infer<typeof TemplateSchema>;
