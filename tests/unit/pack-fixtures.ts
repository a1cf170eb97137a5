import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GuidancePackInput } from '../../utils/schemas/guidance-pack';

export const DEFAULT_PACK_TEXT = readFileSync(resolve(import.meta.dirname, '../../public/guidance/default-pack.json'), 'utf8');

export const defaultPackData = (): GuidancePackInput => JSON.parse(DEFAULT_PACK_TEXT);

/** A small valid pack, different from the default one. */
export function smallPack(overrides: Partial<GuidancePackInput> = {}): GuidancePackInput {
  return {
    format: 'dalil.guidance-pack',
    formatVersion: 1,
    id: 'acme-care',
    name: 'Acme care team',
    version: 3,
    publishedAt: '2026-11-20T09:00:00Z',
    templates: [
      {
        id: 'hi-ar',
        title: 'تحية',
        body: 'أهلًا {{commenter.firstName|عزيزنا}}',
        lang: 'ar',
        shortcut: ';اهلا',
        status: 'approved',
      },
      {
        id: 'hi-en',
        title: 'Hello',
        body: 'Hello {{commenter.firstName|there}}',
        lang: 'en',
        shortcut: ';hello',
        status: 'approved',
      },
    ],
    brandKit: { name: 'Acme', colors: [{ name: 'Acme Red', hex: '#D62828' }], deltaETolerance: 3, minOnPaletteShare: 0.7 },
    playbooks: [],
    ...overrides,
  };
}
