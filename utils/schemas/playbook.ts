import { z } from 'zod/mini';
import { IdSchema, LangSchema, TagSchema } from './common';

export const PlaybookSchema = z.object({
  id: IdSchema,
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(160)),
  lang: LangSchema,
  /** Plain text; blank lines separate paragraphs, lines starting with "- " are list items. */
  body: z.string().check(z.minLength(1), z.maxLength(20000)),
  tags: z._default(z.array(TagSchema), []),
});
export type Playbook = z.infer<typeof PlaybookSchema>;
