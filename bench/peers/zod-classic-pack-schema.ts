/**
 * The peer for bench/pack-validation.bench.ts: Dalil's guidance-pack schema written with classic
 * zod (method chaining) instead of zod/mini. Same rules, same checks, so the two measure the
 * library and not the schema. Not used by the extension.
 */
import { z } from 'zod';
import { findShortcutConflicts } from '../../utils/templates/shortcuts';

const Id = z.string().regex(/^[a-z0-9][a-z0-9._:-]{0,79}$/);
const Lang = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);
const DateTime = z.iso.datetime({ offset: true });
const Tag = z.string().trim().min(1).max(40);
const Platform = z.enum(['facebook', 'instagram', 'x', 'linkedin', 'youtube', 'tiktok', 'generic']);

const Template = z.object({
  id: Id,
  title: z.string().trim().min(1).max(120),
  body: z.string().min(1).max(5000),
  lang: Lang,
  shortcut: z
    .string()
    .regex(/^;[\p{L}\p{M}\p{N}_-]{1,40}$/u)
    .optional(),
  tags: z.array(Tag).max(20).default([]),
  status: z.enum(['draft', 'approved', 'retired']),
  category: z.string().trim().min(1).max(80).optional(),
  platforms: z.array(Platform).optional(),
  pairId: Id.optional(),
  createdAt: DateTime.optional(),
  updatedAt: DateTime.optional(),
});

const BrandKit = z.object({
  name: z.string().trim().min(1).max(120),
  colors: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(60),
        hex: z.string().regex(/^#[0-9a-fA-F]{6}$/),
        role: z.enum(['primary', 'secondary', 'accent', 'neutral', 'background', 'text']).optional(),
      }),
    )
    .min(1)
    .max(64),
  deltaETolerance: z.number().gt(0).lte(50),
  minOnPaletteShare: z.number().gte(0).lte(1),
  copyRules: z
    .object({
      bannedPhrases: z.array(z.string().trim().min(1).max(200)).default([]),
      requiredHashtags: z.array(z.string().regex(/^#[\p{L}\p{M}\p{N}_]+$/u)).default([]),
      requiredDisclaimer: z.string().min(1).max(500).optional(),
      maxLength: z.partialRecord(Platform, z.int().positive()).default({}),
    })
    .default({ bannedPhrases: [], requiredHashtags: [], maxLength: {} }),
});

const Playbook = z.object({
  id: Id,
  title: z.string().trim().min(1).max(160),
  lang: Lang,
  body: z.string().min(1).max(20000),
  tags: z.array(Tag).default([]),
});

export const ClassicGuidancePackSchema = z
  .object({
    format: z.literal('dalil.guidance-pack'),
    formatVersion: z.literal(1),
    id: Id,
    name: z.string().trim().min(1).max(120),
    version: z.int().gte(1),
    publishedAt: DateTime,
    templates: z.array(Template).max(10000),
    brandKit: BrandKit,
    playbooks: z.array(Playbook).max(1000).default([]),
  })
  .superRefine((pack, ctx) => {
    const ids = new Set<string>();
    pack.templates.forEach((t, i) => {
      if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: ['templates', i, 'id'], message: 'Duplicate id' });
      ids.add(t.id);
    });
    for (const c of findShortcutConflicts(pack.templates.map((t) => t.shortcut))) {
      ctx.addIssue({ code: 'custom', path: ['templates', c.index, 'shortcut'], message: `Shortcut ${c.kind}` });
    }
  });
