/**
 * Proposals through the team workspace, with no server: an agent's proposal is a create-only object
 * under their own name (`proposals/<agent>/<id>.json`), a manager's answer is an object under the
 * agent's name (`decisions/<agent>/<id>.json`). The bucket policy lets only the agent's key write their
 * prefix, so the path, not the file's `author` field, says who proposed. The approved template itself
 * still reaches agents in the next published pack; the decision object only tells them sooner.
 */
import type { Problem } from '../guidance/problems';
import { parseProposalFile, tooLargeProblem } from '../proposals/parse-proposal';
import { MAX_PROPOSAL_BYTES, type ProposalDecision, ProposalDecisionSchema, type ProposalFile } from '../schemas/proposal';
import { DECISIONS_PREFIX, decisionKey, PROPOSALS_PREFIX, proposalKey, proposalKeyAuthor, segment } from './layout';
import type { S3Client, S3Failure } from './s3-client';

export type ExchangeFailure = S3Failure & { key?: string };

/** Sends this person's proposals the bucket does not have yet; returns the ids it now has. */
export async function uploadProposals(
  client: S3Client,
  person: string,
  proposals: readonly ProposalFile[],
  uploaded: ReadonlySet<string>,
): Promise<{ uploaded: string[]; failure?: ExchangeFailure }> {
  const done: string[] = [];
  for (const proposal of proposals) {
    if (uploaded.has(proposal.id)) continue;
    const key = proposalKey(person, proposal.id);
    const put = await client.put(key, `${JSON.stringify(proposal, null, 2)}\n`, {
      contentType: 'application/json',
      createOnly: true,
    });
    // Already there: an earlier run sent it and stopped before noting it. Same id, same proposal.
    if (put.ok || put.kind === 'conflict') done.push(proposal.id);
    else return { uploaded: done, failure: { ...put, key } };
  }
  return { uploaded: done };
}

/** Every key under a prefix, page by page. */
async function listAll(client: S3Client, prefix: string): Promise<{ keys: string[] } | { failure: ExchangeFailure }> {
  const keys: string[] = [];
  let after: string | undefined;
  do {
    const page = await client.list(prefix, { after });
    if (!page.ok) return { failure: page };
    keys.push(...page.objects.map((o) => o.key));
    after = page.next;
  } while (after);
  return { keys };
}

/** An object's text; one over the proposal size limit is not read (anyone on the team can write a big one). */
async function readText(
  client: S3Client,
  key: string,
): Promise<{ text: string } | { tooLarge: number } | { failure: ExchangeFailure }> {
  const got = await client.get(key);
  if (!got.ok) return { failure: { ...got, key } };
  const declared = Number(got.body?.headers.get('content-length'));
  if (declared > MAX_PROPOSAL_BYTES) {
    await got.body?.body?.cancel();
    return { tooLarge: declared };
  }
  return { text: (await got.body?.text()) ?? '' };
}

export interface IncomingProposal {
  key: string;
  /** The agent whose prefix holds it: the author the bucket vouches for. */
  author: string;
  proposal: ProposalFile;
}

/**
 * A manager's read of the proposals not taken yet: every proposal object whose key is not in `seen`.
 * A file that is not a valid proposal is reported with its problems (and counted as seen: it will not
 * become valid by being read again; an agent who fixes it sends a new id).
 */
export async function fetchNewProposals(
  client: S3Client,
  seen: ReadonlySet<string>,
): Promise<{ incoming: IncomingProposal[]; refused: Array<{ key: string; problems: Problem[] }>; failure?: ExchangeFailure }> {
  const listed = await listAll(client, PROPOSALS_PREFIX);
  if ('failure' in listed) return { incoming: [], refused: [], failure: listed.failure };
  const incoming: IncomingProposal[] = [];
  const refused: Array<{ key: string; problems: Problem[] }> = [];
  for (const key of listed.keys) {
    const author = proposalKeyAuthor(key);
    if (seen.has(key) || !author) continue;
    const read = await readText(client, key);
    if ('failure' in read) return { incoming, refused, failure: read.failure };
    if ('tooLarge' in read) {
      refused.push({ key, problems: [tooLargeProblem(read.tooLarge)] });
      continue;
    }
    const parsed = parseProposalFile(read.text);
    if (!parsed.ok) refused.push({ key, problems: parsed.problems });
    // The file's own `author` is whatever the agent typed; the prefix is who could write it.
    else incoming.push({ key, author, proposal: { ...parsed.proposal, author } });
  }
  return { incoming, refused };
}

/** A manager's decision written where the agent reads it; replaces an earlier answer to the same proposal. */
export async function putDecision(
  client: S3Client,
  agent: string,
  decision: ProposalDecision,
): Promise<{ ok: true } | { ok: false; failure: ExchangeFailure }> {
  const key = decisionKey(agent, decision.proposalId);
  const put = await client.put(key, `${JSON.stringify(decision)}\n`, { contentType: 'application/json' });
  return put.ok ? { ok: true } : { ok: false, failure: { ...put, key } };
}

/** An agent's read of the manager's answers to the proposals it is still waiting on. */
export async function fetchDecisions(
  client: S3Client,
  person: string,
  waitingOn: ReadonlySet<string>,
): Promise<{ decisions: ProposalDecision[]; failure?: ExchangeFailure }> {
  if (waitingOn.size === 0) return { decisions: [] };
  const listed = await listAll(client, `${DECISIONS_PREFIX}${segment(person)}/`);
  if ('failure' in listed) return { decisions: [], failure: listed.failure };
  const decisions: ProposalDecision[] = [];
  for (const key of listed.keys) {
    const id = key.slice(key.lastIndexOf('/') + 1).replace(/\.json$/, '');
    if (!waitingOn.has(id)) continue;
    const read = await readText(client, key);
    if ('failure' in read) return { decisions, failure: read.failure };
    if ('tooLarge' in read) continue;
    try {
      const decision = ProposalDecisionSchema.safeParse(JSON.parse(read.text));
      if (decision.success && decision.data.proposalId === id) decisions.push(decision.data);
    } catch {
      // Not JSON: not an answer. The pack still brings the real one.
    }
  }
  return { decisions };
}

/** The agent a queued proposal is answered under: the prefix it came from, else the name in the file. */
export function decisionAgent(queued: { fileName?: string; proposal: ProposalFile }): string {
  return (queued.fileName && proposalKeyAuthor(queued.fileName)) ?? segment(queued.proposal.author);
}
