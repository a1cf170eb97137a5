import { z } from 'zod/mini';

export const UiLocaleSchema = z.enum(['auto', 'ar', 'en']);
export type UiLocale = z.infer<typeof UiLocaleSchema>;

/**
 * Manager: edits the team's templates, brand kit and playbooks and publishes the pack.
 * Agent: a subscribed pack is read-only; their own drafts are kept apart.
 */
export const RoleSchema = z.enum(['manager', 'agent']);
export type Role = z.infer<typeof RoleSchema>;

/** Version 2 of the small settings kept in browser.storage.local (version 2 added `role`). */
export const SettingsSchema = z.object({
  locale: z._default(UiLocaleSchema, 'auto'),
  agentName: z._default(z.string().check(z.maxLength(120)), ''),
  role: z._default(RoleSchema, 'manager'),
  /**
   * A typed shortcut inserts its template's pair in the comment's language, when it has one. On unless
   * set to false (missing in settings written before it existed).
   */
  replyInCommentLanguage: z.optional(z.boolean()),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { locale: 'auto', agentName: '', role: 'manager' };
