import { z } from 'zod/mini';
import { IdSchema, IsoDateSchema, IsoDateTimeSchema, TagSchema } from './common';

export const AdLibrarySchema = z.enum(['meta', 'tiktok', 'google', 'linkedin']);

export const AdMediaSchema = z.object({
  kind: z.enum(['image', 'video']),
  url: z.url(),
  posterUrl: z.optional(z.url()),
  /** Key of the blob saved in IndexedDB at capture time (library links expire). */
  blobId: z.optional(z.string()),
});

/** One ad from an ad library. Fields the card did not show are absent, never guessed. */
export const AdCaptureSchema = z.object({
  id: IdSchema,
  library: AdLibrarySchema,
  libraryAdId: z.string().check(z.minLength(1)),
  advertiserName: z.optional(z.string()),
  advertiserId: z.optional(z.string()),
  advertiserUrl: z.optional(z.url()),
  startedAt: z.optional(IsoDateSchema),
  endedAt: z.optional(IsoDateSchema),
  active: z.optional(z.boolean()),
  platforms: z.optional(z.array(z.string())),
  text: z.optional(z.string()),
  headline: z.optional(z.string()),
  cta: z.optional(z.string()),
  landingUrl: z.optional(z.url()),
  media: z._default(z.array(AdMediaSchema), []),
  variantCount: z.optional(z.int().check(z.gte(1))),
  pageUrl: z.url(),
  capturedAt: IsoDateTimeSchema,
  /** Parts the adapter expected but did not find on the card. */
  missing: z.optional(z.array(z.string())),
  tags: z._default(z.array(TagSchema), []),
  boards: z._default(z.array(TagSchema), []),
  note: z.optional(z.string().check(z.maxLength(5000))),
});
export type AdCapture = z.infer<typeof AdCaptureSchema>;
