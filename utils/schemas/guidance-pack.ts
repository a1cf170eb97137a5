import { z } from 'zod/mini';
import { findShortcutConflicts } from '../templates/shortcuts';
import { BrandKitSchema } from './brand-kit';
import { IdSchema, IsoDateTimeSchema } from './common';
import { PlaybookSchema } from './playbook';
import { TemplateSchema } from './template';

export const GUIDANCE_PACK_FORMAT = 'dalil.guidance-pack';
export const GUIDANCE_PACK_FORMAT_VERSION = 1;

type Issue = { path: (string | number)[]; message: string; params: Record<string, unknown> };

function duplicateIds(items: { id: string }[], listName: string): Issue[] {
  const firstIndex = new Map<string, number>();
  const issues: Issue[] = [];
  items.forEach((item, index) => {
    const first = firstIndex.get(item.id);
    if (first === undefined) firstIndex.set(item.id, index);
    else
      issues.push({
        path: [listName, index, 'id'],
        message: `Duplicate id "${item.id}" (also ${listName}[${first}])`,
        params: { dalil: 'duplicate-id', value: item.id, other: `${listName}[${first}]` },
      });
  });
  return issues;
}

export const GuidancePackSchema = z
  .object({
    format: z.literal(GUIDANCE_PACK_FORMAT),
    formatVersion: z.literal(GUIDANCE_PACK_FORMAT_VERSION),
    id: IdSchema,
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
    /** Bumped by the manager on every publish; agents apply only newer versions. */
    version: z.int().check(z.gte(1)),
    publishedAt: IsoDateTimeSchema,
    templates: z.array(TemplateSchema).check(z.maxLength(10000)),
    brandKit: BrandKitSchema,
    playbooks: z._default(z.array(PlaybookSchema).check(z.maxLength(1000)), []),
  })
  .check(
    z.superRefine((pack, ctx) => {
      const issues = [...duplicateIds(pack.templates, 'templates'), ...duplicateIds(pack.playbooks, 'playbooks')];
      for (const c of findShortcutConflicts(pack.templates.map((t) => t.shortcut))) {
        const mine = pack.templates[c.index].shortcut;
        const other = pack.templates[c.otherIndex].shortcut;
        issues.push({
          path: ['templates', c.index, 'shortcut'],
          message:
            c.kind === 'equal'
              ? `Shortcut "${mine}" is also used by templates[${c.otherIndex}]`
              : `Shortcut "${mine}" starts with "${other}" of templates[${c.otherIndex}]: typing it would expand that one first`,
          params: { dalil: `shortcut-${c.kind}`, value: mine, otherValue: other, other: `templates[${c.otherIndex}]` },
        });
      }
      for (const issue of issues) ctx.issues.push({ code: 'custom', input: pack, ...issue });
    }),
  );
export type GuidancePack = z.infer<typeof GuidancePackSchema>;
/** What a pack file may contain before defaults are filled in. */
export type GuidancePackInput = z.input<typeof GuidancePackSchema>;
