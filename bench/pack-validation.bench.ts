/**
 * Validating the default guidance pack ×1000: Dalil's zod/mini schema against the same schema in
 * classic zod. Also the size each adds to a bundle — the background and side panel load it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod/mini';
import { GuidancePackSchema } from '../utils/schemas/guidance-pack';
import { ClassicGuidancePackSchema } from './peers/zod-classic-pack-schema';
import type { Benchmark } from './run';

// An extension page's CSP forbids eval, so zod never JIT-compiles its parsers there: measure the same way.
z.config({ jitless: true });

const pack = JSON.parse(readFileSync(resolve(import.meta.dirname, '../public/guidance/default-pack.json'), 'utf8'));
const REPEAT = 1000;

function validateMany(schema: { safeParse(x: unknown): { success: boolean } }) {
  return () => {
    for (let i = 0; i < REPEAT; i++) if (!schema.safeParse(pack).success) throw new Error('default pack invalid');
  };
}

export const benchmark: Benchmark = {
  name: 'validate the default pack ×1000',
  unit: 'ms per 1000 validations',
  ours: { label: 'zod/mini (Dalil)', run: validateMany(GuidancePackSchema) },
  peer: { label: 'zod classic', run: validateMany(ClassicGuidancePackSchema) },
  bundle: {
    ours: "export { GuidancePackSchema } from './utils/schemas/guidance-pack';",
    peer: "export { ClassicGuidancePackSchema } from './bench/peers/zod-classic-pack-schema';",
  },
};
