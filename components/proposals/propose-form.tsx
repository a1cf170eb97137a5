import { useSignals } from '@preact/signals-react/runtime';
import { useEffect, useId, useState } from 'react';
import { Bidi } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { ProblemList } from '@/components/ui/problem-list';
import { downloadText } from '@/utils/export/download';
import type { Problem } from '@/utils/guidance/problems';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import type { Template } from '@/utils/schemas/template';
import { guidance, t } from '@/utils/state/panel-store';

/** The pack template a draft reworks: the one it was copied from (`my-<id>`), else none. */
function baseOf(draft: Template, pack: ReadonlyArray<{ id: string }>): string {
  const copied = draft.id.startsWith('my-') ? draft.id.slice(3) : draft.id;
  return pack.some((x) => x.id === copied) ? copied : '';
}

/** An agent's draft made into a proposal: through the team workspace or as a file (and a log entry the team's webhook gets). */
export function ProposeForm({ draft, onClose }: { draft: Template; onClose: () => void }) {
  useSignals();
  const id = useId();
  const pack = guidance.value?.pack.templates ?? [];
  const [base, setBase] = useState(() => baseOf(draft, pack));
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  // With a team workspace the proposal goes through it; without one, as a file the agent sends.
  const [workspace, setWorkspace] = useState(false);
  useEffect(() => {
    sendToBackground('panel.workspaceStatus', {})
      .then((status) => setWorkspace(status.connected))
      .catch(() => setWorkspace(false));
  }, []);

  const propose = async () => {
    setProblems([]);
    try {
      const file = await sendToBackground('panel.proposeTemplate', {
        template: draft,
        ...(base ? { baseTemplateId: base } : {}),
        ...(note.trim() ? { note } : {}),
      });
      if (!workspace) downloadText(file.fileName, file.json, 'application/json');
      setDone(file.fileName);
    } catch (error) {
      setProblems([problemOf(error)]);
    }
  };

  return (
    <section className="mt-1 space-y-2 rounded border border-sky-200 bg-sky-50 p-2" data-testid="propose-form">
      <h3 className="m-0 text-sm font-semibold">{t('proposals.proposeTitle', { title: draft.title })}</h3>
      <Field label={t('proposals.changes')} htmlFor={`${id}-base`}>
        <select
          id={`${id}-base`}
          className={inputClass}
          value={base}
          onChange={(e) => setBase(e.target.value)}
          data-testid="propose-base"
        >
          <option value="">{t('proposals.changes.new')}</option>
          {pack.map((x) => (
            <option key={x.id} value={x.id}>
              {t('proposals.changes.edit', { title: x.title })}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('proposals.note')} htmlFor={`${id}-note`}>
        <textarea
          id={`${id}-note`}
          dir="auto"
          maxLength={1000}
          rows={2}
          className={inputClass}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="propose-note"
        />
      </Field>
      {problems.length > 0 && <ProblemList problems={problems} />}
      {done ? (
        <p className="m-0 text-emerald-800" role="status" data-testid="propose-done">
          <Bidi>{workspace ? t('proposals.sentToWorkspace') : t('proposals.sentDone', { fileName: done })}</Bidi>
        </p>
      ) : null}
      <div className="flex gap-2">
        {!done && (
          <Button variant="primary" onClick={() => void propose()} data-testid="propose-download">
            {t(workspace ? 'proposals.sendToWorkspace' : 'proposals.download')}
          </Button>
        )}
        <Button onClick={onClose}>{t(done ? 'proposals.close' : 'common.cancel')}</Button>
      </div>
    </section>
  );
}
