import { MAX_PROPOSAL_DECISIONS, type ProposalDecision, type ProposalDecisionKind } from '../schemas/proposal';

export type ProposalStatus = 'pending' | ProposalDecisionKind;

/** The pack's decisions with `decision` recorded: a proposal decided again keeps only its latest answer; the newest are kept. */
export function withDecision(decisions: readonly ProposalDecision[] | undefined, decision: ProposalDecision): ProposalDecision[] {
  const others = (decisions ?? []).filter((d) => d.proposalId !== decision.proposalId);
  return [...others, decision].slice(-MAX_PROPOSAL_DECISIONS);
}

/** A proposal's status as a pack tells it: pending until the pack carries the manager's answer. */
export function proposalStatus(
  proposalId: string,
  decisions: readonly ProposalDecision[] | undefined,
): { status: ProposalStatus; decision?: ProposalDecision } {
  const decision = decisions?.find((d) => d.proposalId === proposalId);
  return decision ? { status: decision.decision, decision } : { status: 'pending' };
}

/** A new proposal's id: `p-` and a random UUID (a valid pack id, unguessable, unique across agents). */
export const newProposalId = (): string => `p-${crypto.randomUUID()}`;

/** The file name a proposal is downloaded as: its title's safe characters, then the id. */
export function proposalFileName(title: string, id: string): string {
  const slug = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug ? `${slug}-` : ''}${id.slice(0, 10)}.dalil-proposal.json`;
}
