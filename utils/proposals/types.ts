import type { ProposalDecision, ProposalFile } from '../schemas/proposal';
import type { Template } from '../schemas/template';
import type { ProposalStatus } from './decisions';
import type { TemplateDiff } from './proposal-diff';

/** A proposal this browser made (an agent's), kept to show its status when the pack answers. */
export interface SentProposal {
  proposal: ProposalFile;
  sentAt: string;
}

/** A proposal a manager opened into the review queue; `decision` once approved or declined here. */
export interface QueuedProposal {
  proposal: ProposalFile;
  fileName?: string;
  receivedAt: string;
  decision?: ProposalDecision;
}

/**
 * What the panel shows: the agent's sent proposals with their status, the manager's queue with diffs,
 * and the team workspace's exchange when one is connected. A status comes from the pack in use (`via`
 * 'pack'), or sooner from the manager's answer in the workspace ('workspace': the pack has yet to bring it).
 */
export interface ProposalsView {
  sent: Array<
    SentProposal & { status: ProposalStatus; decision?: ProposalDecision; via?: 'pack' | 'workspace'; inWorkspace?: boolean }
  >;
  queue: Array<QueuedProposal & { diff: TemplateDiff; base?: Template }>;
  exchange: import('../workspace/types').ProposalExchangeView;
}

/** One file opened into the queue: added, already there, or refused with its problems. */
export type ProposalImportOutcome =
  | { fileName: string; ok: true; proposalId: string; title: string; duplicate: boolean }
  | { fileName: string; ok: false; problems: import('../guidance/problems').Problem[] };
