import { z } from 'zod/mini';
import { BrandKitSchema } from './brand-kit';
import { IdSchema, IsoDateTimeSchema } from './common';
import { PlaybookSchema } from './playbook';
import { ProposalDecisionsSchema } from './proposal';
import { findShortcutConflicts } from './shortcut-conflicts';
import { TemplateSchema } from './template';
import { isDirectiveTag, parseBody, walkBody } from './template-body';

export const GUIDANCE_PACK_FORMAT = 'dalil.guidance-pack';
/** 2: typed fields, conditions, includes, {{cursor}} and per-platform variants. Format 1 packs are migrated on read. */
export const GUIDANCE_PACK_FORMAT_VERSION = 2;

/**
 * Format 1 → 2. Format 1 read every `{{…}}` as a value, so a tag format 2 reads as a directive (`{{cursor}}`,
 * `{{#…}}`, `{{/…}}`, `{{>…}}`, `{{else}}`) was a free fill-in field: it is renamed `{{v1:…}}` and stays one.
 * Nothing else changed meaning; the rest of a format 1 pack is read as it is.
 */
export function migratePackData(data: unknown): unknown {
  const pack = data as { formatVersion?: unknown; templates?: unknown } | null;
  if (typeof pack !== 'object' || pack === null || pack.formatVersion !== 1) return data;
  const templates = Array.isArray(pack.templates)
    ? pack.templates.map((t) => {
        const body = (t as { body?: unknown } | null)?.body;
        if (typeof body !== 'string' || !body.includes('{{')) return t;
        const migrated = body.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, inner: string) =>
          isDirectiveTag(inner) ? `{{v1:${inner}}}` : whole,
        );
        return migrated === body ? t : { ...(t as object), body: migrated };
      })
    : pack.templates;
  return { ...pack, formatVersion: GUIDANCE_PACK_FORMAT_VERSION, templates };
}

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
  return [...issues, ...includeIssues(pack.templates)];
}

/** `{{> id}}` names a template of the pack, and no template includes itself, directly or through others. */
function includeIssues(list: unknown): Issue[] {
  if (!Array.isArray(list)) return [];
  const index = new Map<string, number>();
  const includes: string[][] = list.map((item, i) => {
    const t = (item ?? {}) as { id?: unknown; body?: unknown; variants?: unknown };
    if (typeof t.id === 'string' && !index.has(t.id)) index.set(t.id, i);
    const bodies = [t.body, ...(typeof t.variants === 'object' && t.variants ? Object.values(t.variants) : [])];
    const ids: string[] = [];
    for (const body of bodies) {
      const parsed = typeof body === 'string' && body.includes('{{>') ? parseBody(body) : undefined;
      if (parsed?.ok) for (const node of walkBody(parsed.nodes)) if (node.kind === 'include') ids.push(node.id);
    }
    return ids;
  });
  const issues: Issue[] = [];
  includes.forEach((ids, i) => {
    for (const id of new Set(ids)) {
      if (!index.has(id))
        issues.push({
          path: ['templates', i, 'body'],
          message: `{{> ${id}}} includes a template that is not in the pack`,
          params: { dalil: 'include-unknown', value: id },
        });
    }
    // A cycle through this template: follow includes depth first, the chain of ids kept for the message.
    const chain = [i];
    const seen = new Set<number>();
    const visit = (at: number): number[] | undefined => {
      for (const id of includes[at]) {
        const next = index.get(id);
        if (next === undefined) continue;
        if (next === i) return [...chain, next];
        if (seen.has(next)) continue;
        seen.add(next);
        chain.push(next);
        const found = visit(next);
        if (found) return found;
        chain.pop();
      }
      return undefined;
    };
    const cycle = visit(i);
    if (cycle) {
      const ids = cycle.map((n) => (list[n] as { id: string }).id).join(' → ');
      issues.push({
        path: ['templates', i, 'body'],
        message: `Templates include each other in a circle: ${ids}`,
        params: { dalil: 'include-cycle', value: ids },
      });
    }
  });
  return issues;
}

const GuidancePackObjectSchema = z
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
    /** The manager's answers to agents' proposals (docs/guidance-pack-format.md#proposal-decisions). */
    proposalDecisions: z.optional(ProposalDecisionsSchema),
  })
  .check(
    z.superRefine(
      (pack, ctx) => {
        for (const issue of packConsistencyIssues(pack)) ctx.issues.push({ code: 'custom', input: pack, ...issue });
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    ),
  );
/** A pack of format 1 or 2, read as format 2. */
export const GuidancePackSchema = z.pipe(z.transform(migratePackData), GuidancePackObjectSchema);
export type GuidancePack = z.infer<typeof GuidancePackObjectSchema>;
/** What a pack file may contain before defaults are filled in (format 1 or 2). */
export type GuidancePackInput = Omit<z.input<typeof GuidancePackObjectSchema>, 'formatVersion'> & { formatVersion: 1 | 2 };
