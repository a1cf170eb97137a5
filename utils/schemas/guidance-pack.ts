import { z } from 'zod/mini';
import { BrandKitSchema } from './brand-kit';
import { IdSchema, IsoDateTimeSchema } from './common';
import { PlaybookSchema } from './playbook';
import { findShortcutConflicts } from './shortcut-conflicts';
import { TemplateSchema } from './template';

export const GUIDANCE_PACK_FORMAT = 'dalil.guidance-pack';
export const GUIDANCE_PACK_FORMAT_VERSION = 1;

type Issue = { path: (string | number)[]; message: string; params: Record<string, unknown> };

/** Reads `list[i][field]` from data that may not have passed the schema yet. */
const stringsAt = (list: unknown, field: string): Array<string | undefined> =>
  Array.isArray(list)
    ? list.map((item) => {
        const value = (item as Record<string, unknown> | null)?.[field];
        return typeof value === 'string' ? value : undefined;
      })
    : [];

function duplicateIds(ids: Array<string | undefined>, listName: string): Issue[] {
  const firstIndex = new Map<string, number>();
  const issues: Issue[] = [];
  ids.forEach((id, index) => {
    if (id === undefined) return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else
      issues.push({
        path: [listName, index, 'id'],
        message: `Duplicate id "${id}" (also ${listName}[${first}])`,
        params: { dalil: 'duplicate-id', value: id, other: `${listName}[${first}]` },
      });
  });
  return issues;
}

/**
 * Cross-item checks. They run even when other fields already failed (`when`), reading the raw
 * value defensively, so one import attempt lists every problem in the file, not just the first kind.
 */
function packConsistencyIssues(raw: unknown): Issue[] {
  const pack = (raw ?? {}) as { templates?: unknown; playbooks?: unknown };
  const issues = [
    ...duplicateIds(stringsAt(pack.templates, 'id'), 'templates'),
    ...duplicateIds(stringsAt(pack.playbooks, 'id'), 'playbooks'),
  ];
  const shortcuts = stringsAt(pack.templates, 'shortcut');
  for (const c of findShortcutConflicts(shortcuts)) {
    const mine = shortcuts[c.index];
    const other = shortcuts[c.otherIndex];
    issues.push({
      path: ['templates', c.index, 'shortcut'],
      message:
        c.kind === 'equal'
          ? `Shortcut "${mine}" is also used by templates[${c.otherIndex}]`
          : `Shortcut "${mine}" starts with "${other}" of templates[${c.otherIndex}]: typing it would expand that one first`,
      params: { dalil: `shortcut-${c.kind}`, value: mine, otherValue: other, other: `templates[${c.otherIndex}]` },
    });
  }
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
    z.superRefine(
      (pack, ctx) => {
        for (const issue of packConsistencyIssues(pack)) ctx.issues.push({ code: 'custom', input: pack, ...issue });
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    ),
  );
export type GuidancePack = z.infer<typeof GuidancePackSchema>;
/** What a pack file may contain before defaults are filled in. */
export type GuidancePackInput = z.input<typeof GuidancePackSchema>;
