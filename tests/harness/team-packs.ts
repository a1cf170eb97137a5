/** The team packs the sync and policy tests publish: the starter pack plus a greeting that names its version. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GuidancePack } from '../../utils/schemas/guidance-pack';

export const defaultPack: GuidancePack = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/guidance/default-pack.json'), 'utf8'),
);

/**
 * The team's pack at `version`: the starter pack plus `;teamhello`, whose text names the version. It is
 * the team's own pack (`acme-team`), not the built-in one, so its versions never race the version the
 * built-in pack ships with.
 */
export function teamPack(
  version: number,
  { greeting = 'the team says hi', ...extra }: Partial<GuidancePack> & { greeting?: string } = {},
): GuidancePack {
  return {
    ...structuredClone(defaultPack),
    id: 'acme-team',
    name: 'Acme team pack',
    version,
    publishedAt: '2026-11-26T09:00:00.000Z',
    templates: [
      ...structuredClone(defaultPack.templates),
      {
        id: 'team-hello',
        title: 'Team greeting',
        body: `Hello {{commenter.firstName|there}}, ${greeting} (v${version})`,
        lang: 'en',
        shortcut: ';teamhello',
        tags: [],
        status: 'approved',
      },
    ],
    ...extra,
  };
}
