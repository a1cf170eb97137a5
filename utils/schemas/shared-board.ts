/**
 * The objects a shared board is made of in the team workspace's bucket (docs/team-workspace.md):
 * the board's metadata, one object per ad, one per comment, and the team's change feed. Parsed on
 * every read: a teammate's bucket is not trusted to hold what Dalil wrote.
 */
import { z } from 'zod/mini';
import { AdCaptureSchema } from './ad-capture';
import { IsoDateTimeSchema, TagSchema } from './common';

const PersonSchema = z.string().check(z.minLength(1), z.maxLength(100));
const Sha256Schema = z.string().check(z.regex(/^[0-9a-f]{64}$/));

/** `boards/<board id>/board.json`: replaced by compare-and-swap only. */
export const SharedBoardSchema = z.object({
  format: z.literal(1),
  id: z.string().check(z.regex(/^[0-9a-f-]{36}$/)),
  name: TagSchema,
  sharedBy: PersonSchema,
  sharedAt: IsoDateTimeSchema,
  updatedBy: PersonSchema,
  updatedAt: IsoDateTimeSchema,
});
export type SharedBoard = z.infer<typeof SharedBoardSchema>;

/** A note a teammate wrote at the same time as another, kept beside it rather than lost. */
export const NoteConflictSchema = z.object({
  by: PersonSchema,
  at: IsoDateTimeSchema,
  text: z.string().check(z.maxLength(5000)),
});
export type NoteConflict = z.infer<typeof NoteConflictSchema>;

/** An ad's media item as shared: the bytes at `media/<sha256>`, when this person had them. */
export const SharedMediaSchema = z.object({
  sha256: z.optional(Sha256Schema),
  contentType: z.optional(z.string().check(z.maxLength(100))),
  posterSha256: z.optional(Sha256Schema),
  posterContentType: z.optional(z.string().check(z.maxLength(100))),
});

/**
 * `boards/<board id>/ads/<ad id>.json`: the ad as captured (without this person's own boards and
 * local media ids), the board's tags and note on it, and who added it. Created create-only; a note or
 * tag edit is a compare-and-swap on it.
 */
export const SharedAdSchema = z.object({
  format: z.literal(1),
  boardId: z.string(),
  ad: z.omit(AdCaptureSchema, { boards: true, note: true }),
  media: z.array(SharedMediaSchema),
  note: z.optional(z.string().check(z.maxLength(5000))),
  noteBy: z.optional(PersonSchema),
  noteAt: z.optional(IsoDateTimeSchema),
  noteConflicts: z._default(z.array(NoteConflictSchema), []),
  addedBy: PersonSchema,
  addedAt: IsoDateTimeSchema,
  updatedBy: PersonSchema,
  updatedAt: IsoDateTimeSchema,
});
export type SharedAd = z.infer<typeof SharedAdSchema>;

/** `boards/<board id>/comments/<ad id>/<time>-<person>-<rand>.json`: create-only, never changed. */
export const SharedCommentSchema = z.object({
  format: z.literal(1),
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  boardId: z.string(),
  adId: z.string(),
  by: PersonSchema,
  at: IsoDateTimeSchema,
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
});
export type SharedComment = z.infer<typeof SharedCommentSchema>;

/** `boards/_changes/<time>-<rand>.json`: what a write touched, so teammates fetch only that. */
export const BoardChangeSchema = z.object({
  format: z.literal(1),
  kind: z.enum(['board', 'ad', 'comment']),
  boardId: z.string(),
  key: z.string().check(z.maxLength(1000)),
  by: PersonSchema,
});
export type BoardChange = z.infer<typeof BoardChangeSchema>;
