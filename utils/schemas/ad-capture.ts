import { z } from 'zod/mini';
import { IdSchema, IsoDateSchema, IsoDateTimeSchema, TagSchema } from './common';

export const AdLibrarySchema = z.enum(['meta', 'tiktok', 'google', 'linkedin']);

/**
 * Links taken from a page we do not control: http(s) only, so a `javascript:` or `data:` value can never reach an
 * `href` or `src` in Dalil's UI.
 */
export const WebUrlSchema = z.url({ protocol: /^https?$/ });

export const AdMediaSchema = z.object({
  kind: z.enum(['image', 'video']),
  url: WebUrlSchema,
  posterUrl: z.optional(WebUrlSchema),
  /** Key of the blob saved in IndexedDB at capture time (library links expire). */
  blobId: z.optional(z.string()),
  /** The poster's saved bytes, for videos. */
  posterBlobId: z.optional(z.string()),
});

/** One ad from an ad library. Fields the card did not show are absent, never guessed. */
export const AdCaptureSchema = z.object({
  id: IdSchema,
  library: AdLibrarySchema,
  libraryAdId: z.string().check(z.minLength(1)),
  advertiserName: z.optional(z.string()),
  advertiserId: z.optional(z.string()),
  advertiserUrl: z.optional(WebUrlSchema),
  startedAt: z.optional(IsoDateSchema),
  endedAt: z.optional(IsoDateSchema),
  active: z.optional(z.boolean()),
  platforms: z.optional(z.array(z.string())),
  text: z.optional(z.string()),
  headline: z.optional(z.string()),
  cta: z.optional(z.string()),
  landingUrl: z.optional(WebUrlSchema),
  media: z._default(z.array(AdMediaSchema), []),
  variantCount: z.optional(z.int().check(z.gte(1))),
  /** The ad's own page in the library (detail view), to open it again later. */
  detailUrl: z.optional(WebUrlSchema),
  /** The format as the card names it, e.g. LinkedIn's "Single Image Ad", Google's "Video". */
  format: z.optional(z.string()),
  pageUrl: z.url(),
  capturedAt: IsoDateTimeSchema,
  /** Parts the adapter expected but did not find on the card. */
  missing: z.optional(z.array(z.string())),
  tags: z._default(z.array(TagSchema), []),
  boards: z._default(z.array(TagSchema), []),
  note: z.optional(z.string().check(z.maxLength(5000))),
});
export type AdCapture = z.infer<typeof AdCaptureSchema>;
