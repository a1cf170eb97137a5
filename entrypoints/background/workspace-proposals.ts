/**
 * Proposals through the team workspace, in the background: each run sends this person's proposals the
 * bucket lacks, takes new proposal objects into a manager's review queue and sends the manager's
 * decisions back, and reads the answers to an agent's proposals. Every step is idempotent (create-only
 * proposals, queue keyed by proposal id, decisions replaced whole), so a worker stopped mid-run loses
 * nothing: the next run does what is left. Runs: after proposing or deciding, from the panel's
 * "Fetch now", and with the workspace's alarm.
 */
import type { DalilDatabase } from '@/utils/db/open';
import { enqueueProposals, readProposals, SENT_KEPT } from '@/utils/db/proposal-repo';
import type { WorkspaceStore } from '@/utils/db/workspace-db';
import type { ChangeBroadcast } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';
import { proposalStatus } from '@/utils/proposals/decisions';
import type { GuidancePack } from '@/utils/schemas/guidance-pack';
import type { Role } from '@/utils/schemas/settings';
import {
  decisionAgent,
  type ExchangeFailure,
  fetchDecisions,
  fetchNewProposals,
  putDecision,
  uploadProposals,
} from '@/utils/workspace/proposal-exchange';
import { s3Client } from '@/utils/workspace/s3-client';
import type { ProposalExchangeMark, ProposalExchangeView } from '@/utils/workspace/types';
import { coalescedRuns } from './coalesced-runs';
import { Refusal } from './refusals';

export interface WorkspaceProposalsDeps {
  db: () => Promise<DalilDatabase>;
  store: WorkspaceStore;
  role: () => Promise<Role>;
  pack: () => Promise<GuidancePack>;
  now?: () => Date;
  changed: (topics: ChangeBroadcast['topics']) => void;
  fetch?: typeof fetch;
}

/** Files in the bucket's proposals/ that are not proposals: the last few, shown to the manager. */
const REFUSED_KEPT = 20;

export function createWorkspaceProposals(deps: WorkspaceProposalsDeps) {
  const now = deps.now ?? (() => new Date());

  async function runOnce(): Promise<void> {
    const connection = await deps.store.connection();
    if (!connection) return;
    const client = s3Client(connection, deps.fetch);
    const db = await deps.db();
    const mark: ProposalExchangeMark = await deps.store.proposalsMark();
    let failure: ExchangeFailure | { kind: 'queue-full'; detail: string } | undefined;
    let changed = false;
    const { sent } = await readProposals(db);

    // Out: this person's proposals. Ids the sent list no longer keeps are forgotten here too.
    const out = await uploadProposals(
      client,
      connection.person,
      sent.map((s) => s.proposal),
      new Set(mark.uploaded),
    );
    const kept = new Set(sent.map((s) => s.proposal.id));
    mark.uploaded = [...mark.uploaded.filter((id) => kept.has(id)), ...out.uploaded];
    if (out.uploaded.length > 0) changed = true;
    failure ??= out.failure;

    if ((await deps.role()) === 'manager') {
      // In: proposal objects not taken yet, with the author the bucket vouches for.
      const fetched = await fetchNewProposals(client, new Set(mark.seenKeys));
      failure ??= fetched.failure;
      if (fetched.incoming.length > 0) {
        const queued = await enqueueProposals(
          db,
          fetched.incoming.map(({ proposal, key }) => ({ proposal, fileName: key })),
          now().toISOString(),
        );
        if (queued.ok) {
          mark.seenKeys.push(...fetched.incoming.map((i) => i.key));
          changed = true;
        } else
          failure ??= {
            kind: 'queue-full',
            detail: `The review queue would hold ${queued.pending} undecided proposals; decide some first (at most 500).`,
          };
      }
      if (fetched.refused.length > 0) {
        mark.seenKeys.push(...fetched.refused.map((r) => r.key));
        mark.refused = [...(mark.refused ?? []), ...fetched.refused].slice(-REFUSED_KEPT);
        changed = true;
      }
      // Out: decisions the agents have not been sent (a proposal decided again goes again).
      const { queue } = await readProposals(db);
      for (const item of queue) {
        const decision = item.decision;
        if (!decision || mark.decisionsOut[item.proposal.id] === decision.decidedAt) continue;
        const put = await putDecision(client, decisionAgent(item), decision);
        if (!put.ok) {
          failure ??= put.failure;
          break;
        }
        mark.decisionsOut[item.proposal.id] = decision.decidedAt;
      }
    }

    // In: answers to this person's proposals that neither the pack nor an earlier run has given.
    const pack = await deps.pack();
    const answered = new Set(mark.received.map((d) => d.proposalId));
    const waiting = new Set(
      sent
        .map((s) => s.proposal.id)
        .filter((id) => !answered.has(id) && proposalStatus(id, pack.proposalDecisions).status === 'pending'),
    );
    const answers = await fetchDecisions(client, connection.person, waiting);
    failure ??= answers.failure;
    if (answers.decisions.length > 0) {
      mark.received = [...mark.received, ...answers.decisions].slice(-SENT_KEPT);
      changed = true;
    }

    const at = now().toISOString();
    const { lastError: _, ...rest } = mark;
    const detail = failure && ('detail' in failure ? failure.detail : failure.kind);
    await deps.store.setProposalsMark({
      ...rest,
      lastRunAt: at,
      ...(failure ? { lastError: { kind: failure.kind, ...(detail ? { detail } : {}), at } } : {}),
    });
    if (changed || failure || mark.lastError) deps.changed(['sync']);
  }

  /** One run at a time; a call during a run makes one more run after it. */
  const run = coalescedRuns(runOnce);

  /** What the proposals screen shows of the exchange (nothing when no workspace is connected). */
  async function view(): Promise<ProposalExchangeView> {
    if (!(await deps.store.connection())) return { connected: false };
    const mark = await deps.store.proposalsMark();
    return {
      connected: true,
      uploaded: mark.uploaded,
      received: mark.received,
      refused: mark.refused ?? [],
      ...(mark.lastRunAt ? { lastRunAt: mark.lastRunAt } : {}),
      ...(mark.lastError ? { lastError: mark.lastError } : {}),
    };
  }

  const handlers: Pick<Handlers, 'panel.exchangeProposalsNow'> = {
    async 'panel.exchangeProposalsNow'() {
      if (!(await deps.store.connection())) throw new Refusal('workspace-not-connected', 'No team workspace is connected.');
      await run();
      return view();
    },
  };

  return { run, view, handlers };
}

export type WorkspaceProposals = ReturnType<typeof createWorkspaceProposals>;
