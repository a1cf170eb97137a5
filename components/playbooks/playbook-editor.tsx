import { useSignals } from '@preact/signals-react/runtime';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ProblemList } from '@/components/ui/problem-list';
import { type Problem, problemsFromZod } from '@/utils/guidance/problems';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import { type Playbook, PlaybookSchema } from '@/utils/schemas/playbook';
import { t } from '@/utils/state/panel-store';

const inputClass = 'w-full rounded-md border border-slate-300 px-2 py-1';

/** Tags as typed: separated by Latin or Arabic commas, blanks and repeats dropped. */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,،]/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
}

/** A new playbook's id: the pack's ids are lowercase ASCII, whatever the title's language. */
const newPlaybookId = () => `playbook.${crypto.randomUUID().slice(0, 8)}`;

export function PlaybookEditor({ initial, onDone }: { initial?: Playbook; onDone: () => void }) {
  useSignals();
  const id = useId();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [lang, setLang] = useState(initial?.lang ?? 'ar');
  const [tags, setTags] = useState((initial?.tags ?? []).join(', '));
  const [body, setBody] = useState(initial?.body ?? '');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saving, setSaving] = useState(false);
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
    setSaving(true);
    try {
      const result = await sendToBackground('panel.savePlaybook', { playbook: checked.data });
      if (result.ok) onDone();
      else setProblems(result.problems);
    } catch (error) {
      setProblems([problemOf(error)]);
    } finally {
      setSaving(false);
    }
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
      <h2 className="m-0 text-base font-semibold">{heading}</h2>
      <div className="space-y-0.5">
        <label htmlFor={`${id}-title`} className="block font-medium text-slate-700">
          {t('editor.title')}
        </label>
        <input
          id={`${id}-title`}
          dir="auto"
          className={inputClass}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="playbook-title"
          required
        />
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div className="space-y-0.5">
          <label htmlFor={`${id}-lang`} className="block font-medium text-slate-700">
            {t('editor.lang')}
          </label>
          <select id={`${id}-lang`} className={inputClass} value={lang} onChange={(e) => setLang(e.target.value)}>
            <option value="ar">{t('lang.ar')}</option>
            <option value="en">{t('lang.en')}</option>
            {lang !== 'ar' && lang !== 'en' && <option value={lang}>{lang}</option>}
          </select>
        </div>
        <div className="space-y-0.5">
          <label htmlFor={`${id}-tags`} className="block font-medium text-slate-700">
            {t('editor.tags')}
          </label>
          <input
            id={`${id}-tags`}
            dir="auto"
            className={inputClass}
            value={tags}
            onChange={(e) => setTags(e.target.value)}
            data-testid="playbook-tags"
          />
        </div>
      </div>
      <div className="space-y-0.5">
        <label htmlFor={`${id}-body`} className="block font-medium text-slate-700">
          {t('playbooks.editor.body')}
        </label>
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
        <div id={`${id}-body-hint`} className="text-xs text-slate-500">
          {t('playbooks.editor.bodyHint')}
        </div>
      </div>
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
