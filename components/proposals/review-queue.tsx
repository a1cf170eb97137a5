import { useSignals } from '@preact/signals-react/runtime';
import { useId, useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { DropZone } from '@/components/ui/drop-zone';
import { Field, inputClass } from '@/components/ui/field';
import { ProblemList } from '@/components/ui/problem-list';
import type { Problem } from '@/utils/guidance/problems';
import { formatDateTime } from '@/utils/i18n/locale';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import { tooLargeProblem } from '@/utils/proposals/parse-proposal';
import type { ProposalImportOutcome, ProposalsView } from '@/utils/proposals/types';
import { MAX_PROPOSAL_BYTES } from '@/utils/schemas/proposal';
import type { Template } from '@/utils/schemas/template';
import { locale, t } from '@/utils/state/panel-store';
import { ProposalChanges } from './proposal-diff-view';

type QueueItem = ProposalsView['queue'][number];

/** Proposal files among those chosen: a folder holds other files too, which are counted and left out. */
const isProposalFile = (file: File) => /\.json$/i.test(file.name);

/** Reads the chosen files: a file over the limit is refused here, unread. */
async function readProposalFiles(
  files: File[],
): Promise<{ sendable: Array<{ name: string; text: string }>; refused: ProposalImportOutcome[] }> {
  const sendable: Array<{ name: string; text: string }> = [];
  const refused: ProposalImportOutcome[] = [];
  for (const file of files) {
    const name = (file.webkitRelativePath || file.name).slice(-255);
    if (file.size > MAX_PROPOSAL_BYTES) {
      refused.push({ fileName: name, ok: false, problems: [tooLargeProblem(file.size)] });
    } else sendable.push({ name, text: await file.text() });
  }
  return { sendable, refused };
}

/** The manager's review queue: open proposal files (dropped, several, or a folder), then decide each. */
export function ReviewQueue({ queue, reload }: { queue: QueueItem[]; reload: () => Promise<void> }) {
  useSignals();
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const [outcomes, setOutcomes] = useState<ProposalImportOutcome[]>([]);
  const [skipped, setSkipped] = useState(0);
  const [problems, setProblems] = useState<Problem[]>([]);

  const open = async (chosen: File[]) => {
    setProblems([]);
    const proposals = chosen.filter(isProposalFile);
    setSkipped(chosen.length - proposals.length);
    if (proposals.length === 0) {
      setOutcomes([]);
      return;
    }
    try {
      const { sendable, refused } = await readProposalFiles(proposals);
      const answered =
        sendable.length > 0 ? (await sendToBackground('panel.importProposals', { files: sendable.slice(0, 500) })).outcomes : [];
      setOutcomes([...refused, ...answered]);
      await reload();
    } catch (error) {
      setProblems([problemOf(error)]);
    }
  };

  const input = (ref: React.RefObject<HTMLInputElement | null>, testId: string, directory: boolean) => (
    <input
      ref={ref}
      type="file"
      multiple
      accept={directory ? undefined : '.json,application/json'}
      className="hidden"
      data-testid={testId}
      {...(directory ? { webkitdirectory: '' } : {})}
      onChange={(e) => {
        const chosen = Array.from(e.target.files ?? []);
        e.target.value = '';
        void open(chosen);
      }}
    />
  );

  const pending = queue.filter((q) => !q.decision);
  const decided = queue.filter((q) => q.decision);
  return (
    <section className="space-y-2" data-testid="review-queue" aria-label={t('proposals.queueTitle')}>
      <h2 className="m-0 text-sm font-semibold">{t('proposals.queueTitle')}</h2>
      <DropZone onFiles={(list) => void open(Array.from(list))} testId="proposal-drop">
        <p className="m-0 mb-2 text-xs text-slate-600">{t('proposals.queueHint')}</p>
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => files.current?.click()}>{t('proposals.chooseFiles')}</Button>
          <Button onClick={() => folder.current?.click()}>{t('proposals.chooseFolder')}</Button>
        </div>
        {input(files, 'proposal-files', false)}
        {input(folder, 'proposal-folder', true)}
      </DropZone>
      {problems.length > 0 && <ProblemList problems={problems} />}
      {(outcomes.length > 0 || skipped > 0) && (
        <ul className="m-0 list-none space-y-1 p-0 text-sm" data-testid="proposal-import-outcomes" role="status">
          {outcomes.map((o) => (
            <li key={o.fileName} data-testid="proposal-import-outcome" data-ok={o.ok}>
              {o.ok ? (
                <Bidi>{t(o.duplicate ? 'proposals.duplicate' : 'proposals.added', { fileName: o.fileName })}</Bidi>
              ) : (
                <>
                  <Bidi className="text-red-800">{t('proposals.refused', { fileName: o.fileName })}</Bidi>
                  <ProblemList problems={o.problems} />
                </>
              )}
            </li>
          ))}
          {skipped > 0 && <li className="text-slate-500">{t('proposals.skipped', { count: skipped })}</li>}
        </ul>
      )}
      {queue.length === 0 && <p className="m-0 text-xs text-slate-500">{t('proposals.queueEmpty')}</p>}
      <ul className="m-0 list-none space-y-2 p-0">
        {[...pending, ...decided].map((item) => (
          <QueueEntry key={item.proposal.id} item={item} reload={reload} />
        ))}
      </ul>
    </section>
  );
}

/** One proposal: who, what it changes (or "new"), then comment, edit, approve or decline. */
function QueueEntry({ item, reload }: { item: QueueItem; reload: () => Promise<void> }) {
  useSignals();
  const id = useId();
  const { proposal, diff, decision } = item;
  const [comment, setComment] = useState('');
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Template>(proposal.template);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);

  const decide = async (kind: 'approved' | 'declined') => {
    setProblems([]);
    setBusy(true);
    try {
      const result = await sendToBackground('panel.decideProposal', {
        proposalId: proposal.id,
        decision: kind,
        ...(comment.trim() ? { comment } : {}),
        ...(kind === 'approved' && editing ? { template: draft } : {}),
      });
      if (!result.ok) setProblems(result.problems);
      else await reload();
    } catch (error) {
      setProblems([problemOf(error)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li
      className="space-y-1 rounded-lg border border-slate-200 p-2"
      data-testid="queued-proposal"
      data-proposal-id={proposal.id}
      data-decision={decision?.decision ?? 'pending'}
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <Bidi className="font-semibold">{proposal.template.title}</Bidi>
        {proposal.template.shortcut && (
          <code className="rounded bg-slate-100 px-1 text-xs" dir="auto">
            {proposal.template.shortcut}
          </code>
        )}
        <Badge tone="blue">
          <Ltr>{proposal.template.lang}</Ltr>
        </Badge>
        <Badge tone={diff.kind === 'new' ? 'green' : 'amber'}>
          <span data-testid="proposal-kind">{t(diff.kind === 'new' ? 'proposals.new' : 'proposals.edits')}</span>
        </Badge>
      </div>
      <p className="m-0 text-xs text-slate-500">
        {item.fileName?.startsWith('proposals/') && (
          <span className="me-1" title={t('proposals.viaWorkspaceHint')} data-testid="proposal-via-workspace">
            <Badge tone="blue">{t('proposals.viaWorkspace')}</Badge>
          </span>
        )}
        {t('proposals.from', {
          author: proposal.author || t('proposals.anonymous'),
          date: formatDateTime(locale.value, proposal.createdAt),
        })}
      </p>
      {proposal.note && (
        <p className="m-0 text-sm">
          <span className="me-1 text-slate-500">{t('proposals.agentNote')}</span>
          <Bidi>{proposal.note}</Bidi>
        </p>
      )}
      {diff.kind === 'new' ? (
        <p className="m-0 rounded bg-slate-50 p-1 whitespace-pre-wrap" dir="auto" data-testid="proposal-body">
          {proposal.template.body}
        </p>
      ) : (
        <ProposalChanges changes={diff.changes} />
      )}
      {decision ? (
        <p className="m-0 text-sm text-slate-700" data-testid="proposal-decided">
          {t(`proposals.decided.${decision.decision}`)}
          {decision.comment && (
            <>
              {' '}
              <Bidi>{decision.comment}</Bidi>
            </>
          )}
        </p>
      ) : (
        <>
          {editing && (
            <div className="space-y-1 rounded border border-slate-200 p-2" data-testid="proposal-editor">
              <Field label={t('proposals.editTitle')} htmlFor={`${id}-title`}>
                <input
                  id={`${id}-title`}
                  dir="auto"
                  className={inputClass}
                  value={draft.title}
                  maxLength={120}
                  onChange={(e) => setDraft({ ...draft, title: e.target.value })}
                  data-testid="proposal-edit-title"
                />
              </Field>
              <Field label={t('proposals.editShortcut')} htmlFor={`${id}-shortcut`}>
                <input
                  id={`${id}-shortcut`}
                  dir="auto"
                  className={inputClass}
                  value={draft.shortcut ?? ''}
                  onChange={(e) => setDraft({ ...draft, shortcut: e.target.value.trim() || undefined })}
                  data-testid="proposal-edit-shortcut"
                />
              </Field>
              <Field label={t('proposals.editBody')} htmlFor={`${id}-body`}>
                <textarea
                  id={`${id}-body`}
                  dir="auto"
                  rows={4}
                  className={inputClass}
                  value={draft.body}
                  maxLength={5000}
                  onChange={(e) => setDraft({ ...draft, body: e.target.value })}
                  data-testid="proposal-edit-body"
                />
              </Field>
            </div>
          )}
          <Field label={t('proposals.comment')} htmlFor={`${id}-comment`}>
            <textarea
              id={`${id}-comment`}
              dir="auto"
              rows={2}
              maxLength={1000}
              className={inputClass}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="proposal-comment"
            />
          </Field>
          {problems.length > 0 && <ProblemList problems={problems} />}
          <div className="flex flex-wrap gap-2">
            <Button variant="primary" disabled={busy} onClick={() => void decide('approved')} data-testid="proposal-approve">
              {t('proposals.approve')}
            </Button>
            {!editing && (
              <Button disabled={busy} onClick={() => setEditing(true)} data-testid="proposal-edit">
                {t('proposals.edit')}
              </Button>
            )}
            <Button variant="danger" disabled={busy} onClick={() => void decide('declined')} data-testid="proposal-decline">
              {t('proposals.decline')}
            </Button>
          </div>
        </>
      )}
    </li>
  );
}
