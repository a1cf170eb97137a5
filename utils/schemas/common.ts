import { z } from 'zod/mini';

/** Stable identifiers: lowercase letters, digits, `-`, `_`, `.`, `:` — safe in URLs, file names and CSV. */
export const IdSchema = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9._:-]{0,79}$/, 'Use 1–80 lowercase letters, digits, ".", "_", ":" or "-"'));

/** BCP 47 language tag, e.g. `ar`, `en`, `ar-EG`, `en-GB`. */
export const LangSchema = z
  .string()
  .check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Use a BCP 47 language tag such as "ar", "en" or "ar-EG"'));

export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export const IsoDateSchema = z.iso.date();

export const TagSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));

/** The platforms Dalil works in; `generic` is any other text box the user enabled Dalil on. */
export const PlatformSchema = z.enum(['facebook', 'instagram', 'x', 'linkedin', 'youtube', 'tiktok', 'generic']);
export type Platform = z.infer<typeof PlatformSchema>;

export const HexColorSchema = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour as #RRGGBB'));
