import { z } from 'zod/mini';
import { IdSchema, IsoDateTimeSchema } from './common';
import { TemplateSchema } from './template';

export const PROPOSAL_FORMAT = 'dalil.template-proposal';
export const PROPOSAL_FORMAT_VERSION = 1;
/** A proposal is one template and a note: 64 kB is far more than one needs, and refuses junk early. */
export const MAX_PROPOSAL_BYTES = 64 * 1024;

const NoteSchema = z.string().check(z.trim(), z.maxLength(1000));

/**
 * A `.dalil-proposal.json` file: an agent's template offered to the team, new or as a change to one
 * of the pack's templates. Strict: a proposal comes from another person's file, so a field Dalil does
 * not know is refused with its path rather than carried along.
 */
export const ProposalFileSchema = z.strictObject({
  format: z.literal(PROPOSAL_FORMAT),
  formatVersion: z.literal(PROPOSAL_FORMAT_VERSION),
  /** `p-` and a random UUID: also the key of the manager's decision in the pack. */
  id: IdSchema,
  createdAt: IsoDateTimeSchema,
  /** The agent's name from Settings; may be empty. */
  author: z.string().check(z.trim(), z.maxLength(120)),
  /** The pack the agent had in use, and its version: context for the manager, not a condition. */
  packId: z.optional(IdSchema),
  packVersion: z.optional(z.int().check(z.gte(1))),
  /** The pack template this changes; absent for a new template. */
  baseTemplateId: z.optional(IdSchema),
  template: TemplateSchema,
  note: z.optional(NoteSchema),
});
export type ProposalFile = z.infer<typeof ProposalFileSchema>;

export const ProposalDecisionKindSchema = z.enum(['approved', 'declined']);
export type ProposalDecisionKind = z.infer<typeof ProposalDecisionKindSchema>;

/** The manager's answer to one proposal, carried in the pack (`proposalDecisions`) so agents learn it. */
export const ProposalDecisionSchema = z.object({
  proposalId: IdSchema,
  decision: ProposalDecisionKindSchema,
  /** The pack template it became (approved); its id may differ from the proposed one after an edit. */
  templateId: z.optional(IdSchema),
  comment: z.optional(NoteSchema),
  decidedAt: IsoDateTimeSchema,
});
export type ProposalDecision = z.infer<typeof ProposalDecisionSchema>;

/** How many decisions a pack keeps (newest): enough for months of proposals, small beside the templates. */
export const MAX_PROPOSAL_DECISIONS = 1000;
export const ProposalDecisionsSchema = z.array(ProposalDecisionSchema).check(z.maxLength(MAX_PROPOSAL_DECISIONS));
