import { z } from 'zod/mini';
import { AD_LIMITS } from './ad-limits';
import { IdSchema, IsoDateSchema, IsoDateTimeSchema, TagSchema } from './common';

export { AD_LIMITS };

export const AdLibrarySchema = z.enum(['meta', 'tiktok', 'google', 'linkedin']);

const limited = (max: number) => z.string().check(z.maxLength(max));

/**
 * Links taken from a page we do not control: http(s) only, so a `javascript:` or `data:` value can never reach an
 * `href` or `src` in Dalil's UI.
 */
export const WebUrlSchema = z.url({ protocol: /^https?$/ }).check(z.maxLength(AD_LIMITS.url));

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
  libraryAdId: z.string().check(z.minLength(1), z.maxLength(AD_LIMITS.libraryAdId)),
  advertiserName: z.optional(limited(AD_LIMITS.advertiserName)),
  advertiserId: z.optional(limited(AD_LIMITS.advertiserId)),
  advertiserUrl: z.optional(WebUrlSchema),
  startedAt: z.optional(IsoDateSchema),
  endedAt: z.optional(IsoDateSchema),
  active: z.optional(z.boolean()),
  platforms: z.optional(z.array(limited(AD_LIMITS.platform)).check(z.maxLength(AD_LIMITS.platforms))),
  text: z.optional(limited(AD_LIMITS.text)),
  headline: z.optional(limited(AD_LIMITS.headline)),
  cta: z.optional(limited(AD_LIMITS.cta)),
  landingUrl: z.optional(WebUrlSchema),
  media: z._default(z.array(AdMediaSchema).check(z.maxLength(AD_LIMITS.media)), []),
  variantCount: z.optional(z.int().check(z.gte(1))),
  /** The ad's own page in the library (detail view), to open it again later. */
  detailUrl: z.optional(WebUrlSchema),
  /** The format as the card names it, e.g. LinkedIn's "Single Image Ad", Google's "Video". */
  format: z.optional(limited(AD_LIMITS.format)),
  pageUrl: WebUrlSchema,
  capturedAt: IsoDateTimeSchema,
  /** Parts the adapter expected but did not find on the card. */
  missing: z.optional(z.array(limited(AD_LIMITS.missingPart)).check(z.maxLength(AD_LIMITS.missing))),
  tags: z._default(z.array(TagSchema), []),
  boards: z._default(z.array(TagSchema), []),
  note: z.optional(z.string().check(z.maxLength(5000))),
});
export type AdCapture = z.infer<typeof AdCaptureSchema>;
