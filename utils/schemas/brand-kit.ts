import { z } from 'zod/mini';
import { HexColorSchema, PlatformSchema } from './common';

export const BrandColorSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  hex: HexColorSchema,
  role: z.optional(z.enum(['primary', 'secondary', 'accent', 'neutral', 'background', 'text'])),
});
export type BrandColor = z.infer<typeof BrandColorSchema>;

export const CopyRulesSchema = z.object({
  /** Phrases that must not appear; matched Arabic-aware (diacritics, hamza forms folded). */
  bannedPhrases: z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))), []),
  /** Hashtags every post must carry, with the `#`. */
  requiredHashtags: z._default(
    z.array(z.string().check(z.regex(/^#[\p{L}\p{M}\p{N}_]+$/u, 'A hashtag is "#" followed by letters, digits or "_"'))),
    [],
  ),
  /** A disclaimer that must appear verbatim, if any. */
  requiredDisclaimer: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
  /** Maximum characters per platform. */
  maxLength: z._default(z.partialRecord(PlatformSchema, z.int().check(z.positive())), {}),
});
export type CopyRules = z.infer<typeof CopyRulesSchema>;

export const BrandKitSchema = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
    colors: z.array(BrandColorSchema).check(z.minLength(1), z.maxLength(64)),
    /** Largest ΔE2000 at which an image colour still counts as the brand colour (3 ≈ "same colour"). */
    deltaETolerance: z.number().check(z.gt(0), z.lte(50)),
    /** Smallest share (0–1) of an image's opaque area that must be on palette for a pass. */
    minOnPaletteShare: z.number().check(z.gte(0), z.lte(1)),
    copyRules: z._default(CopyRulesSchema, { bannedPhrases: [], requiredHashtags: [], maxLength: {} }),
  })
  .check(
    z.superRefine((kit, ctx) => {
      const seen = new Map<string, number>();
      kit.colors.forEach((color, index) => {
        const key = color.name.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined) {
          ctx.issues.push({
            code: 'custom',
            input: color.name,
            path: ['colors', index, 'name'],
            message: `Colour name "${color.name}" is already used by colors[${first}]`,
            params: { dalil: 'duplicate-color-name', value: color.name, other: `colors[${first}]` },
          });
        } else seen.set(key, index);
      });
    }),
  );
export type BrandKit = z.infer<typeof BrandKitSchema>;
