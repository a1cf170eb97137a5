import { useSignals } from '@preact/signals-react/runtime';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useFocusOnOpen } from '@/components/ui/focus-return';
import { LanguageField } from '@/components/ui/language-field';
import { ProblemList } from '@/components/ui/problem-list';
import { useAction } from '@/components/ui/use-action';
import { type Problem, problemsFromZod } from '@/utils/guidance/problems';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import { type Playbook, PlaybookSchema } from '@/utils/schemas/playbook';
import { t } from '@/utils/state/panel-store';
import { splitTags } from '@/utils/tags';

/** A new playbook's id: the pack's ids are lowercase ASCII, whatever the title's language. */
const newPlaybookId = () => `playbook.${crypto.randomUUID().slice(0, 8)}`;

export function PlaybookEditor({ initial, onDone }: { initial?: Playbook; onDone: () => void }) {
  const headingRef = useFocusOnOpen<HTMLHeadingElement>();
  useSignals();
  const id = useId();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [lang, setLang] = useState(initial?.lang ?? 'ar');
  const [tags, setTags] = useState((initial?.tags ?? []).join(', '));
  const [body, setBody] = useState(initial?.body ?? '');
  const [problems, setProblems] = useState<Problem[]>([]);
  const { busy: saving, run } = useAction({ onError: (error) => setProblems([problemOf(error)]) });
  const heading = t(initial ? 'playbooks.editor.editTitle' : 'playbooks.editor.newTitle');

  async function save() {
    const checked = PlaybookSchema.safeParse({
      id: initial?.id ?? newPlaybookId(),
      title,
      lang,
      body,
      tags: splitTags(tags),
    });
    if (!checked.success) return setProblems(problemsFromZod(checked.error));
    setProblems([]);
    await run(async () => {
      const result = await sendToBackground('panel.savePlaybook', { playbook: checked.data });
      if (result.ok) onDone();
      else setProblems(result.problems);
    });
  }

  return (
    <form
      className="space-y-2"
      aria-label={heading}
      data-testid="playbook-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 ref={headingRef} tabIndex={-1} className="m-0 text-base font-semibold outline-none">
        {heading}
      </h2>
      <Field label={t('editor.title')} htmlFor={`${id}-title`}>
        <input
          id={`${id}-title`}
          dir="auto"
          className={inputClass}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="playbook-title"
          required
        />
      </Field>
      <div className="grid grid-cols-2 gap-2">
        <LanguageField id={`${id}-lang`} lang={lang} onChange={setLang} />
        <Field label={t('editor.tags')} htmlFor={`${id}-tags`}>
          <input
            id={`${id}-tags`}
            dir="auto"
            className={inputClass}
            value={tags}
            onChange={(e) => setTags(e.target.value)}
            data-testid="playbook-tags"
          />
        </Field>
      </div>
      <Field label={t('playbooks.editor.body')} htmlFor={`${id}-body`} hint={t('playbooks.editor.bodyHint')}>
        <textarea
          id={`${id}-body`}
          dir="auto"
          rows={10}
          className={inputClass}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-describedby={`${id}-body-hint`}
          data-testid="playbook-body"
          required
        />
      </Field>
      {problems.length > 0 && <ProblemList problems={problems} />}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={saving} data-testid="playbook-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
