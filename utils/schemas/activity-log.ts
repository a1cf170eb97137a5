import { z } from 'zod/mini';
import { IsoDateTimeSchema, PlatformSchema } from './common';

export const ActivityKindSchema = z.enum([
  'template.inserted',
  'template.saved',
  'testimonial.saved',
  'palette.checked',
  'ad.saved',
  'pack.imported',
  'pack.updated',
  'pack.reset',
  'pack.restored',
  'sync.failed',
  'key.unpinned',
  'backup.restored',
  'proposal.sent',
  'proposal.decided',
]);
export type ActivityKind = z.infer<typeof ActivityKindSchema>;

/** One thing a person (or the sync) did; what the Log tab, exports and the team webhook carry. */
export const ActivityLogEntrySchema = z.object({
  /** Random UUID: also the idempotency key when the entry is delivered to a webhook. */
  id: z.uuid(),
  at: IsoDateTimeSchema,
  kind: ActivityKindSchema,
  /** Agent name from settings; empty when not set. */
  actor: z.string().check(z.maxLength(120)),
  platform: z.optional(PlatformSchema),
  pageUrl: z.optional(z.url()),
  /** Kind-specific facts: template id, technique, verdict, pack version… Plain JSON values only. */
  details: z._default(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])), {}),
});
export type ActivityLogEntry = z.infer<typeof ActivityLogEntrySchema>;
