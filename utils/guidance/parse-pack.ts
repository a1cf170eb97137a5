import { type GuidancePack, GuidancePackSchema } from '../schemas/guidance-pack';
import { type Problem, problemsFromZod } from './problems';

/** A pack file larger than this is refused before it is parsed (the default pack is ~30 kB). */
export const MAX_PACK_BYTES = 5 * 1024 * 1024;

export type PackParseResult = { ok: true; pack: GuidancePack } | { ok: false; problems: Problem[] };

/** Where in the text a JSON.parse error points, as "line L, column C", when the engine says. */
function jsonErrorLocation(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

/**
 * Reads a guidance pack from the text of a file or a response. The pack is taken whole or not at
 * all: every problem found is returned, with its JSON path, and nothing is applied.
 */
export function parseGuidancePack(text: string): PackParseResult {
  // UTF-16 length is a lower bound of the UTF-8 size; good enough to refuse junk before parsing it.
  if (text.length > MAX_PACK_BYTES) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      problems: [
        {
          path: '$',
          code: 'too-large',
          params: { size: mb, limit: '5' },
          message: `The file is ${mb} MB; a pack may be at most 5 MB`,
        },
      ],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const where = jsonErrorLocation(text, error);
    return { ok: false, problems: [{ path: '$', code: 'invalid-json', params: { where }, message: `Not valid JSON: ${where}` }] };
  }
  return validateGuidancePack(data);
}

export function validateGuidancePack(data: unknown): PackParseResult {
  const result = GuidancePackSchema.safeParse(data);
  return result.success ? { ok: true, pack: result.data } : { ok: false, problems: problemsFromZod(result.error) };
}
