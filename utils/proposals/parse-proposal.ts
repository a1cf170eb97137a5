import { type Problem, problemsFromZod } from '../guidance/problems';
import { MAX_PROPOSAL_BYTES, type ProposalFile, ProposalFileSchema } from '../schemas/proposal';

/** A file over the limit: refused unread (the panel checks a chosen file's size before reading it). */
export function tooLargeProblem(bytes: number): Problem {
  const size = String(Math.ceil(bytes / 1024));
  const limit = String(MAX_PROPOSAL_BYTES / 1024);
  return {
    path: '$',
    code: 'proposal-too-large',
    params: { size, limit },
    message: `The file is ${size} kB; a proposal may be at most ${limit} kB`,
  };
}

export type ProposalParseResult = { ok: true; proposal: ProposalFile } | { ok: false; problems: Problem[] };

/**
 * Reads a `.dalil-proposal.json` file's text: another person's file, so the size is checked before
 * anything is parsed and every problem is returned with its JSON path; nothing is kept from a bad file.
 */
export function parseProposalFile(text: string): ProposalParseResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_PROPOSAL_BYTES) return { ok: false, problems: [tooLargeProblem(bytes)] };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const where = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: '$', code: 'invalid-json', params: { where }, message: `Not valid JSON: ${where}` }] };
  }
  const result = ProposalFileSchema.safeParse(data);
  return result.success ? { ok: true, proposal: result.data } : { ok: false, problems: problemsFromZod(result.error, 50) };
}
