/**
 * Proposals as this browser keeps them (syncState `proposalsSent`, `proposalsQueue`) and a manager's
 * decision, written with the template it approves and the pack's `proposalDecisions` in one
 * transaction: the pack never holds an approved template without its decision, nor the reverse.
 */
import type { Problem } from '../guidance/problems';
import { withDecision } from '../proposals/decisions';
import type { QueuedProposal, SentProposal } from '../proposals/types';
import type { ActivityLogEntry } from '../schemas/activity-log';
import type { ProposalDecision, ProposalFile } from '../schemas/proposal';
import type { Template } from '../schemas/template';
import { shortcutClashes } from '../templates/shortcuts';
import { LOG_STORES, putLogEntries } from './activity-log-repo';
import { committed } from './commit';
import type { DalilDatabase } from './open';

/** An agent's last proposals kept for their status; a manager's queue (decided ones included). */
export const SENT_KEPT = 200;
export const QUEUE_KEPT = 500;

export async function readProposals(db: DalilDatabase): Promise<{ sent: SentProposal[]; queue: QueuedProposal[] }> {
  const tx = db.transaction('syncState');
  const [sent, queue] = await Promise.all([tx.store.get('proposalsSent'), tx.store.get('proposalsQueue')]);
  await tx.done;
  return { sent: (sent as SentProposal[] | undefined) ?? [], queue: (queue as QueuedProposal[] | undefined) ?? [] };
}

/** Keeps the agent's proposal with its log entry (which the outbox takes to the team's webhook). */
export async function recordSentProposal(db: DalilDatabase, sent: SentProposal, logEntry: ActivityLogEntry): Promise<void> {
  const tx = db.transaction([...LOG_STORES], 'readwrite');
  const state = tx.objectStore('syncState');
  const list = ((await state.get('proposalsSent')) as SentProposal[] | undefined) ?? [];
  await committed(
    tx,
    Promise.all([state.put([...list, sent].slice(-SENT_KEPT), 'proposalsSent'), putLogEntries(tx, [logEntry])]),
  );
}

/**
 * Adds proposals to the manager's queue; one already there (same id, or earlier in the same batch) is
 * left as it is and reported as a duplicate, by its place in `incoming`. Refuses them all when the queue would pass QUEUE_KEPT undecided proposals.
 */
export async function enqueueProposals(
  db: DalilDatabase,
  incoming: Array<{ proposal: ProposalFile; fileName?: string }>,
  receivedAt: string,
): Promise<{ ok: true; duplicate: boolean[] } | { ok: false; pending: number }> {
  const tx = db.transaction('syncState', 'readwrite');
  const queue = ((await tx.store.get('proposalsQueue')) as QueuedProposal[] | undefined) ?? [];
  const known = new Set(queue.map((q) => q.proposal.id));
  const added: QueuedProposal[] = [];
  const duplicate = incoming.map(({ proposal, fileName }) => {
    if (known.has(proposal.id)) return true;
    known.add(proposal.id);
    added.push({ proposal, receivedAt, ...(fileName ? { fileName } : {}) });
    return false;
  });
  const pending = queue.filter((q) => !q.decision).length + added.length;
  if (pending > QUEUE_KEPT) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return { ok: false, pending };
  }
  // Decided proposals make room first: their answers live on in the pack.
  const decided = queue.filter((q) => q.decision);
  const undecided = queue.filter((q) => !q.decision);
  const kept = [...decided.slice(Math.max(0, decided.length - (QUEUE_KEPT - pending))), ...undecided];
  kept.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  await committed(tx, tx.store.put([...kept, ...added], 'proposalsQueue'));
  return { ok: true, duplicate };
}

export type DecideResult = { ok: true; decision: ProposalDecision } | { ok: false; problems: Problem[] };

/**
 * Records the manager's decision on a queued proposal. Approving puts `template` in the pack
 * (approved, replacing the template of the same id) after checking its shortcut against the others.
 */
export async function decideQueuedProposal(
  db: DalilDatabase,
  input: { proposalId: string; decision: ProposalDecision['decision']; comment?: string; template?: Template; decidedAt: string },
  logEntry: (decision: ProposalDecision) => ActivityLogEntry,
): Promise<DecideResult> {
  const tx = db.transaction(['guidance', 'templates', ...LOG_STORES], 'readwrite');
  const state = tx.objectStore('syncState');
  const guidance = tx.objectStore('guidance');
  const templates = tx.objectStore('templates');
  const [queueValue, header] = await Promise.all([state.get('proposalsQueue'), guidance.get('active')]);
  const queue = (queueValue as QueuedProposal[] | undefined) ?? [];
  const index = queue.findIndex((q) => q.proposal.id === input.proposalId);
  const refuse = async (problems: Problem[]): Promise<DecideResult> => {
    tx.abort();
    await tx.done.catch(() => undefined);
    return { ok: false, problems };
  };
  if (index < 0) return refuse([{ path: 'proposalId', message: `No proposal "${input.proposalId}" in the review queue` }]);
  if (!header) return refuse([{ path: '$', message: 'There is no pack in use to approve into' }]);
  const decision: ProposalDecision = {
    proposalId: input.proposalId,
    decision: input.decision,
    decidedAt: input.decidedAt,
    ...(input.comment ? { comment: input.comment } : {}),
  };
  const writes: Promise<unknown>[] = [];
  if (input.decision === 'approved') {
    const template = {
      ...(input.template ?? queue[index].proposal.template),
      status: 'approved' as const,
      updatedAt: input.decidedAt,
    };
    const all = await templates.getAll();
    const problems = shortcutClashes(
      template.shortcut,
      all.filter((t) => t.id !== template.id),
    );
    if (problems.length > 0) return refuse(problems.map((p) => ({ ...p, path: `template.${p.path}` })));
    const existing = all.find((t) => t.id === template.id);
    const position = existing?.position ?? all.reduce((max, t) => Math.max(max, t.position + 1), 0);
    writes.push(templates.put({ ...template, createdAt: template.createdAt ?? input.decidedAt, position }));
    decision.templateId = template.id;
  }
  const nextQueue = queue.map((q, i) => (i === index ? { ...q, decision } : q));
  writes.push(
    guidance.put({ ...header, proposalDecisions: withDecision(header.proposalDecisions, decision) }, 'active'),
    state.put(nextQueue, 'proposalsQueue'),
    putLogEntries(tx, [logEntry(decision)]),
  );
  await committed(tx, Promise.all(writes));
  return { ok: true, decision };
}
