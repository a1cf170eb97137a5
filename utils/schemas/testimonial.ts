import { z } from 'zod/mini';
import { IsoDateTimeSchema, PlatformSchema } from './common';

/** A customer's kind words, saved from a comment for the content team. */
export const TestimonialSchema = z.object({
  id: z.uuid(),
  author: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(10000)),
  permalink: z.optional(z.url({ protocol: /^https?$/ })),
  platform: PlatformSchema,
  pageUrl: z.optional(z.url({ protocol: /^https?$/ })),
  savedAt: IsoDateTimeSchema,
  savedBy: z.string().check(z.maxLength(120)),
});
export type Testimonial = z.infer<typeof TestimonialSchema>;
