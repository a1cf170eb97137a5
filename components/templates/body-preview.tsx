/**
 * The template editor's live preview: the body as it will read, with the template's menus and toggles
 * chosen here (each condition's text follows), and the body's problems (an unclosed {{#if}}, a condition
 * on a field the template does not have) as they are typed, before saving.
 */
import { useState } from 'react';
import { problemText } from '@/components/ui/problem-list';
import { problemsFromZod } from '@/utils/guidance/problems';
import { type Template, TemplateSchema } from '@/utils/schemas/template';
import { t } from '@/utils/state/panel-store';
import { renderTemplate } from '@/utils/templates/render';
import { TemplateBody } from './template-body';

export function BodyPreview({ candidate }: { candidate: Template }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const checked = TemplateSchema.safeParse(candidate);
  const bodyProblems = checked.success
    ? []
    : problemsFromZod(checked.error).filter((p) => p.path === 'body' || p.path.startsWith('fields'));
  const preview = renderTemplate(candidate, {
    fields: values,
    keepMissing: true,
  });
  const choosable = (candidate.fields ?? []).filter((f) => f.type === 'choice' || f.type === 'toggle');
  return (
    <div className="rounded border border-slate-200 bg-slate-50 p-2 text-xs" data-testid="editor-preview">
      <div className="mb-1 flex flex-wrap items-center gap-2 font-semibold text-slate-600">
        {t('editor.preview')}
        {choosable.map((field) => (
          <select
            key={field.name}
            aria-label={field.label ?? field.name}
            className="rounded border border-slate-300 font-normal"
            value={values[field.name] ?? ''}
            onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
          >
            <option value="">{field.label ?? field.name}</option>
            {(field.type === 'toggle'
              ? [
                  { value: 'true', label: t('picker.field.yes') },
                  { value: 'false', label: t('picker.field.no') },
                ]
              : (field.options ?? [])
            ).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label ?? o.value}
              </option>
            ))}
          </select>
        ))}
      </div>
      <TemplateBody body={preview.text} className="m-0 text-slate-800" />
      {bodyProblems.length > 0 && (
        <ul className="m-0 mt-1 list-none p-0 text-red-800" data-testid="editor-body-problems">
          {bodyProblems.map((p) => (
            <li key={`${p.path}-${p.message}`} dir="auto">
              {problemText(p)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
