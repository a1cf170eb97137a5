import type { BackgroundDeps } from '../../../entrypoints/background/handlers';
import type { DalilDatabase } from '../../../utils/db/open';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

/**
 * The background's dependencies for handler tests: this database, the built-in pack, the agent
 * "Lina", and nothing outside (no content scripts, sites or platform health). `overrides` replaces
 * any of them (a broadcast collector, a role, a fake fetch for team sync…).
 */
export function backgroundTestDeps(
  db: DalilDatabase | Promise<DalilDatabase>,
  overrides: Partial<BackgroundDeps> = {},
): BackgroundDeps {
  return {
    db: async () => db,
    loadDefaultPackText: async () => DEFAULT_PACK_TEXT,
    actorName: async () => 'Lina',
    broadcast: () => undefined,
    contentScripts: { list: async () => [], put: async () => undefined },
    health: { list: async () => [], put: async () => undefined },
    sites: { list: async () => [], set: async () => ({ ok: true }) },
    guidanceChanged: () => undefined,
    ...overrides,
  };
}
