/**
 * Agents propose, managers review: an agent's template becomes a proposal file (and a log entry, so the
 * team's webhook hears of it); a manager opens proposal files into a review queue and approves them into
 * the pack or declines them. The decisions ride in the pack, so each agent learns them when the pack updates.
 */
import { newActivityEntry } from '@/utils/activity/new-entry';
import type { DalilDatabase } from '@/utils/db/open';
import { decideQueuedProposal, enqueueProposals, readProposals, recordSentProposal } from '@/utils/db/proposal-repo';
import { validateGuidancePack } from '@/utils/guidance/parse-pack';
import type { ChangeBroadcast } from '@/utils/messaging/protocol';
import type { Handlers } from '@/utils/messaging/router';
import { newProposalId, proposalFileName, proposalStatus } from '@/utils/proposals/decisions';
import { parseProposalFile } from '@/utils/proposals/parse-proposal';
import { diffTemplates } from '@/utils/proposals/proposal-diff';
import type { ProposalImportOutcome, ProposalsView } from '@/utils/proposals/types';
import type { GuidancePack } from '@/utils/schemas/guidance-pack';
import { PROPOSAL_FORMAT, PROPOSAL_FORMAT_VERSION, type ProposalFile } from '@/utils/schemas/proposal';
import type { Role } from '@/utils/schemas/settings';
import type { ProposalExchangeView } from '@/utils/workspace/types';
import { managerOnlyRefusal, refusedAsProblems } from './refusals';

export interface ProposalDeps {
  db: () => Promise<DalilDatabase>;
  actorName: () => Promise<string>;
  role: () => Promise<Role>;
  pack: () => Promise<GuidancePack>;
  now: () => string;
  changed: (topics: ChangeBroadcast['topics']) => void;
  /** The team workspace's proposal exchange (workspace-proposals.ts): its state, and a run after a change. */
  exchange?: { view: () => Promise<ProposalExchangeView>; run: () => Promise<void> };
}

type ProposalMessages = 'panel.proposeTemplate' | 'panel.listProposals' | 'panel.importProposals' | 'panel.decideProposal';

/** A free id for a new template whose proposed id the pack already uses for another template. */
function freeId(id: string, pack: GuidancePack): string {
  const taken = new Set(pack.templates.map((t) => t.id));
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) {
    const candidate = `${id.slice(0, 74)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function proposalHandlers(deps: ProposalDeps): Pick<Handlers, ProposalMessages> {
  async function requireManager(action: string): Promise<void> {
    if ((await deps.role()) !== 'manager') throw managerOnlyRefusal(action);
  }

  return {
    'panel.proposeTemplate': async ({ template, baseTemplateId, note }) => {
      const pack = await deps.pack();
      const base = baseTemplateId ? pack.templates.find((t) => t.id === baseTemplateId) : undefined;
      // A change keeps the id of the template it changes, so approving it replaces that one.
      const { createdAt: _, updatedAt: __, ...rest } = template;
      const proposal: ProposalFile = {
        format: PROPOSAL_FORMAT,
        formatVersion: PROPOSAL_FORMAT_VERSION,
        id: newProposalId(),
        createdAt: deps.now(),
        author: (await deps.actorName()).slice(0, 120),
        packId: pack.id,
        packVersion: pack.version,
        ...(base ? { baseTemplateId: base.id } : {}),
        template: { ...rest, ...(base ? { id: base.id } : {}), status: 'draft' },
        ...(note?.trim() ? { note: note.trim() } : {}),
      };
      const entry = newActivityEntry('proposal.sent', proposal.author, {
        proposalId: proposal.id,
        templateId: proposal.template.id,
        change: base ? 'edit' : 'new',
        packId: pack.id,
      });
      await recordSentProposal(await deps.db(), { proposal, sentAt: proposal.createdAt }, entry);
      deps.changed(['sync', 'log']);
      // Kept first, sent after: a failed upload is retried by the next run, the proposal is not lost.
      void deps.exchange?.run().catch(() => undefined);
      return {
        proposalId: proposal.id,
        fileName: proposalFileName(proposal.template.title, proposal.id),
        json: `${JSON.stringify(proposal, null, 2)}\n`,
      };
    },

    'panel.listProposals': async () => {
      const [pack, { sent, queue }, exchange] = await Promise.all([
        deps.pack(),
        readProposals(await deps.db()),
        deps.exchange?.view() ?? { connected: false as const },
      ]);
      const uploaded = new Set(exchange.connected ? exchange.uploaded : []);
      const view: ProposalsView = {
        sent: sent
          .map((s) => {
            const inPack = proposalStatus(s.proposal.id, pack.proposalDecisions);
            const answer = exchange.connected ? exchange.received.find((d) => d.proposalId === s.proposal.id) : undefined;
            const status =
              inPack.status === 'pending' && answer
                ? { status: answer.decision, decision: answer, via: 'workspace' as const }
                : { ...inPack, ...(inPack.decision ? { via: 'pack' as const } : {}) };
            return { ...s, ...status, ...(exchange.connected ? { inWorkspace: uploaded.has(s.proposal.id) } : {}) };
          })
          .reverse(),
        queue: queue
          .map((q) => {
            const base = q.proposal.baseTemplateId ? pack.templates.find((t) => t.id === q.proposal.baseTemplateId) : undefined;
            return { ...q, diff: diffTemplates(base, q.proposal.template), ...(base ? { base } : {}) };
          })
          .reverse(),
        exchange,
      };
      return view;
    },

    'panel.importProposals': async ({ files }) => {
      await requireManager('review proposals');
      const outcomes: ProposalImportOutcome[] = [];
      const accepted: Array<{ proposal: ProposalFile; fileName: string }> = [];
      for (const file of files) {
        const parsed = parseProposalFile(file.text);
        if (!parsed.ok) outcomes.push({ fileName: file.name, ok: false, problems: parsed.problems });
        else accepted.push({ proposal: parsed.proposal, fileName: file.name });
      }
      if (accepted.length > 0) {
        const queued = await enqueueProposals(await deps.db(), accepted, deps.now());
        if (!queued.ok)
          return {
            outcomes: accepted.map(({ fileName }) => ({
              fileName,
              ok: false as const,
              problems: [
                {
                  path: '$',
                  code: 'proposal-queue-full',
                  params: { count: String(queued.pending) },
                  message: `The review queue would hold ${queued.pending} undecided proposals; decide some first (at most 500).`,
                },
              ],
            })),
          };
        for (const [index, { proposal, fileName }] of accepted.entries())
          outcomes.push({
            fileName,
            ok: true,
            proposalId: proposal.id,
            title: proposal.template.title,
            duplicate: queued.duplicate[index],
          });
        deps.changed(['sync']);
      }
      return { outcomes };
    },

    'panel.decideProposal': ({ proposalId, decision, comment, template }) =>
      refusedAsProblems(async () => {
        await requireManager('approve or decline proposals');
        const db = await deps.db();
        const pack = await deps.pack(); // installs the default pack on a first run
        const queued = (await readProposals(db)).queue.find((q) => q.proposal.id === proposalId);
        let approved = template ?? queued?.proposal.template;
        // A new template whose id the pack already uses for another one gets a free id, never replaces it.
        const base = queued?.proposal.baseTemplateId;
        if (approved && (!base || approved.id !== base)) approved = { ...approved, id: freeId(approved.id, pack) };
        if (decision === 'approved' && approved) {
          // The pack with it must still be a valid pack: an include of a missing template, a condition on
          // an undeclared field… are refused here with their paths, not found later by every agent.
          const candidate = approved;
          const at = pack.templates.findIndex((t) => t.id === candidate.id);
          const templates = at < 0 ? [...pack.templates, candidate] : pack.templates.map((t, i) => (i === at ? candidate : t));
          const checked = validateGuidancePack({
            ...pack,
            templates: templates.map((t) => ({ ...t, status: t === candidate ? 'approved' : t.status })),
          });
          const index = at < 0 ? pack.templates.length : at;
          // Shortcut clashes are checked in the decision's own transaction, named on the proposal's shortcut.
          const found = checked.ok ? [] : checked.problems.filter((p) => !p.code?.startsWith('shortcut-'));
          if (found.length > 0) {
            const own = found.filter((p) => p.path.startsWith(`templates[${index}]`));
            return {
              ok: false,
              problems: (own.length > 0 ? own : found).map((p) => ({
                ...p,
                path: p.path.replace(`templates[${index}]`, 'template'),
              })),
            };
          }
        }
        const actor = await deps.actorName();
        const result = await decideQueuedProposal(
          db,
          { proposalId, decision, comment: comment?.trim() || undefined, template: approved, decidedAt: deps.now() },
          (d) =>
            newActivityEntry('proposal.decided', actor, {
              proposalId,
              decision,
              templateId: d.templateId ?? queued?.proposal.template.id ?? null,
              author: queued?.proposal.author ?? null,
              comment: d.comment ?? null,
            }),
        );
        if (result.ok) {
          deps.changed(['guidance', 'sync', 'log']);
          void deps.exchange?.run().catch(() => undefined); // the agent hears through the workspace too
        }
        return result;
      }),
  };
}
