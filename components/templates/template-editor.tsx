import { useSignals } from '@preact/signals-react/runtime';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { useFocusOnOpen } from '@/components/ui/focus-return';
import { LanguageField } from '@/components/ui/language-field';
import { ProblemList, problemText } from '@/components/ui/problem-list';
import { useAction } from '@/components/ui/use-action';
import { type Problem, problemsFromZod } from '@/utils/guidance/problems';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import type { TemplateSummary } from '@/utils/messaging/protocol';
import { ShortcutSchema, type Template, TemplateSchema, type TemplateStatus } from '@/utils/schemas/template';
import { t } from '@/utils/state/panel-store';
import { splitTags } from '@/utils/tags';
import { shortcutClashes } from '@/utils/templates/shortcuts';
import { BodyPreview } from './body-preview';
import {
  type EditedField,
  FieldsEditor,
  fromEditedFields,
  toEditedFields,
  type Variants,
  VariantsEditor,
} from './structured-parts';

/** Problems with a shortcut as typed: its form, and clashes with every other template's shortcut. */
function shortcutProblems(shortcut: string, others: readonly TemplateSummary[]): Problem[] {
  if (shortcut === '') return [];
  const form = ShortcutSchema.safeParse(shortcut);
  if (!form.success) return problemsFromZod(form.error).map((p) => ({ ...p, path: 'shortcut' }));
  return shortcutClashes(shortcut, others);
}

export function TemplateEditor({
  initial,
  others,
  onDone,
  personal = false,
}: {
  initial?: Template;
  /** The other templates, whose shortcuts this one's must not clash with (their text is not needed). */
  others: TemplateSummary[];
  onDone: () => void;
  /** An agent's own draft: saved apart from the team's pack, always as a draft. */
  personal?: boolean;
}) {
  useSignals();
  const id = useId();
  const heading = useFocusOnOpen<HTMLHeadingElement>();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [lang, setLang] = useState(initial?.lang ?? 'ar');
  const [shortcut, setShortcut] = useState(initial?.shortcut ?? '');
  const [tags, setTags] = useState((initial?.tags ?? []).join(', '));
  const [category, setCategory] = useState(initial?.category ?? '');
  const [status, setStatus] = useState<TemplateStatus>(initial?.status ?? 'draft');
  const [fields, setFields] = useState<EditedField[]>(() => toEditedFields(initial?.fields));
  const [variants, setVariants] = useState<Variants>(initial?.variants ?? {});
  const [problems, setProblems] = useState<Problem[]>([]);
  const { busy: saving, run } = useAction({ onError: (error) => setProblems([problemOf(error)]) });

  const liveShortcutProblems = shortcutProblems(shortcut.trim(), others);

  const variantsGiven = Object.fromEntries(Object.entries(variants).filter(([, text]) => text?.trim())) as Variants;

  async function save() {
    const candidate = {
      ...initial,
      id: initial?.id ?? `t-${crypto.randomUUID().slice(0, 8)}`,
      title,
      body,
      lang,
      shortcut: shortcut.trim() || undefined,
      tags: splitTags(tags),
      category: category.trim() || undefined,
      status,
      fields: fromEditedFields(fields),
      // A platform whose text was left empty uses the main text.
      variants: Object.keys(variantsGiven).length > 0 ? variantsGiven : undefined,
    };
    const checked = TemplateSchema.safeParse(candidate);
    if (!checked.success) return setProblems(problemsFromZod(checked.error));
    await run(async () => {
      const result = await sendToBackground(personal ? 'panel.savePersonalTemplate' : 'panel.saveTemplate', {
        template: checked.data,
      });
      if (result.ok) onDone();
      else setProblems(result.problems);
    });
  }

  return (
    <form
      className="space-y-2"
      aria-label={t(initial ? 'editor.editTitle' : 'editor.newTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 ref={heading} tabIndex={-1} className="m-0 text-base font-semibold outline-none">
        {t(initial ? 'editor.editTitle' : 'editor.newTitle')}
      </h2>
      <Field label={t('editor.title')} htmlFor={`${id}-title`}>
        <input
          id={`${id}-title`}
          dir="auto"
          className={inputClass}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
        />
      </Field>
      <Field label={t('editor.body')} htmlFor={`${id}-body`} hint={t('editor.bodyHint')}>
        <textarea
          id={`${id}-body`}
          dir="auto"
          rows={5}
          className={inputClass}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          required
        />
      </Field>
      {body.includes('{{') && (
        <BodyPreview
          candidate={{
            ...(initial as Template),
            id: initial?.id ?? 'new',
            title: title || '…',
            body,
            lang,
            status,
            tags: [],
            fields: fromEditedFields(fields),
            variants: variantsGiven,
          }}
        />
      )}
      <div className="grid grid-cols-2 gap-2">
        <LanguageField id={`${id}-lang`} lang={lang} onChange={setLang} />
        {!personal && (
          <Field label={t('editor.status')} htmlFor={`${id}-status`}>
            <select
              id={`${id}-status`}
              className={inputClass}
              value={status}
              onChange={(e) => setStatus(e.target.value as TemplateStatus)}
            >
              <option value="draft">{t('status.draft')}</option>
              <option value="approved">{t('status.approved')}</option>
              <option value="retired">{t('status.retired')}</option>
            </select>
          </Field>
        )}
      </div>
      <Field
        label={t('editor.shortcut')}
        htmlFor={`${id}-shortcut`}
        hint={
          <span data-testid="shortcut-status" aria-live="polite">
            {shortcut.trim() === '' ? (
              t('editor.shortcutHint')
            ) : liveShortcutProblems.length > 0 ? (
              <span className="text-red-700">{liveShortcutProblems.map(problemText).join(' ')}</span>
            ) : (
              <span className="text-emerald-700">{t('editor.shortcutOk')}</span>
            )}
            {personal && <span className="block text-slate-500">{t('editor.shortcutPersonal')}</span>}
          </span>
        }
      >
        <input
          id={`${id}-shortcut`}
          dir="auto"
          className={inputClass}
          value={shortcut}
          aria-invalid={liveShortcutProblems.length > 0}
          onChange={(e) => setShortcut(e.target.value)}
          placeholder=";thanks"
        />
      </Field>
      <div className="grid grid-cols-2 gap-2">
        <Field label={t('editor.category')} htmlFor={`${id}-category`}>
          <input
            id={`${id}-category`}
            dir="auto"
            className={inputClass}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
          />
        </Field>
        <Field label={t('editor.tags')} htmlFor={`${id}-tags`}>
          <input id={`${id}-tags`} dir="auto" className={inputClass} value={tags} onChange={(e) => setTags(e.target.value)} />
        </Field>
      </div>
      <FieldsEditor fields={fields} onChange={setFields} />
      <VariantsEditor variants={variants} onChange={setVariants} />
      {problems.length > 0 && <ProblemList problems={problems} />}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={saving || liveShortcutProblems.length > 0}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
