import { z } from 'zod/mini';
import { IdSchema, IsoDateTimeSchema, LangSchema, PlatformSchema, TagSchema } from './common';

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

export const TemplateSchema = z.object({
  id: IdSchema,
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  /** Plain text with `{{variables}}`; line breaks are kept when inserted. */
  body: z.string().check(z.minLength(1), z.maxLength(5000)),
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
  createdAt: z.optional(IsoDateTimeSchema),
  updatedAt: z.optional(IsoDateTimeSchema),
});
export type Template = z.infer<typeof TemplateSchema>;
