/**
 * The structured parts of a template in the side panel's editor (pack format 2): its typed fill-in fields
 * (name, type, label, menu choices, required) and its text per platform. What is typed here is checked by
 * the template's schema on save, like the rest of the template; a menu's choices are one per line,
 * `value = label`.
 */
import { useSignals } from '@preact/signals-react/runtime';
import { useId } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { PLATFORM_SITES, platformLabel } from '@/utils/platforms/sites';
import type { Platform } from '@/utils/schemas/common';
import type { TemplateField } from '@/utils/schemas/template';
import { locale, t } from '@/utils/state/panel-store';

const FIELD_TYPES: TemplateField['type'][] = ['choice', 'text', 'date', 'number', 'toggle'];

/** A menu's choices as typed: one per line, `value = label` (the label is optional). */
export const choicesText = (field: TemplateField) =>
  (field.options ?? []).map((o) => (o.label ? `${o.value} = ${o.label}` : o.value)).join('\n');

export function parseChoices(text: string): TemplateField['options'] {
  const options = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf('=');
      const value = (at === -1 ? line : line.slice(0, at)).trim();
      const label = at === -1 ? '' : line.slice(at + 1).trim();
      return label ? { value, label } : { value };
    });
  return options.length > 0 ? options : undefined;
}

/** A field as edited: its choices kept as typed until saved. */
export type EditedField = TemplateField & { choices?: string };

export const toEditedFields = (fields: TemplateField[] = []): EditedField[] =>
  fields.map((f) => (f.type === 'choice' ? { ...f, choices: choicesText(f) } : { ...f }));

export function fromEditedFields(fields: EditedField[]): TemplateField[] | undefined {
  const out = fields.map(({ choices, ...field }) => {
    const label = field.label?.trim();
    const options = field.type === 'choice' ? parseChoices(choices ?? '') : undefined;
    return { ...field, name: field.name.trim(), label: label || undefined, options, required: field.required || undefined };
  });
  return out.length > 0 ? out : undefined;
}

export function FieldsEditor({ fields, onChange }: { fields: EditedField[]; onChange: (fields: EditedField[]) => void }) {
  useSignals();
  const id = useId();
  const change = (index: number, patch: Partial<EditedField>) =>
    onChange(fields.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-2" data-testid="editor-fields">
      <legend className="px-1 text-sm font-medium">{t('editor.fields')}</legend>
      {fields.length === 0 && <p className="m-0 text-xs text-slate-600">{t('editor.fieldsNone')}</p>}
      {fields.map((field, index) => {
        const at = `${id}-${index}`;
        return (
          <div key={index} className="space-y-1 rounded bg-slate-50 p-2" data-testid="editor-field">
            <div className="grid grid-cols-2 gap-2">
              <label className="block text-xs" htmlFor={`${at}-name`}>
                {t('editor.fieldName')}
                <input
                  id={`${at}-name`}
                  dir="ltr"
                  className={inputClass}
                  value={field.name}
                  onChange={(e) => change(index, { name: e.target.value })}
                  required
                />
              </label>
              <label className="block text-xs" htmlFor={`${at}-type`}>
                {t('editor.fieldType')}
                <select
                  id={`${at}-type`}
                  className={inputClass}
                  value={field.type}
                  onChange={(e) => change(index, { type: e.target.value as TemplateField['type'] })}
                >
                  {FIELD_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`editor.fieldType.${type}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label className="block text-xs" htmlFor={`${at}-label`}>
              {t('editor.fieldLabel')}
              <input
                id={`${at}-label`}
                dir="auto"
                className={inputClass}
                value={field.label ?? ''}
                onChange={(e) => change(index, { label: e.target.value })}
              />
            </label>
            {field.type === 'choice' && (
              <label className="block text-xs" htmlFor={`${at}-choices`}>
                {t('editor.fieldChoices')}
                <textarea
                  id={`${at}-choices`}
                  dir="auto"
                  rows={3}
                  className={inputClass}
                  value={field.choices ?? ''}
                  onChange={(e) => change(index, { choices: e.target.value })}
                />
              </label>
            )}
            <div className="flex items-center gap-2 text-xs">
              <label className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={field.required === true}
                  onChange={(e) => change(index, { required: e.target.checked })}
                />
                {t('editor.fieldRequired')}
              </label>
              <Button
                className="ms-auto"
                aria-label={t('editor.fieldRemove', { name: field.name || '…' })}
                onClick={() => onChange(fields.filter((_, i) => i !== index))}
              >
                {t('editor.remove')}
              </Button>
            </div>
          </div>
        );
      })}
      <Button onClick={() => onChange([...fields, { name: '', type: 'choice', choices: '' }])}>{t('editor.fieldAdd')}</Button>
    </fieldset>
  );
}

export type Variants = Partial<Record<Platform, string>>;

export function VariantsEditor({ variants, onChange }: { variants: Variants; onChange: (variants: Variants) => void }) {
  useSignals();
  const id = useId();
  const shown = PLATFORM_SITES.filter((site) => variants[site.platform] !== undefined);
  const free = PLATFORM_SITES.filter((site) => variants[site.platform] === undefined);
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-2" data-testid="editor-variants">
      <legend className="px-1 text-sm font-medium">{t('editor.variants')}</legend>
      {shown.length === 0 && <p className="m-0 text-xs text-slate-600">{t('editor.variantsNone')}</p>}
      {shown.map(({ platform }) => (
        <div key={platform} className="space-y-1">
          <label className="block text-xs" htmlFor={`${id}-${platform}`}>
            {t('editor.variant', { platform: platformLabel(platform, locale.value) ?? platform })}
          </label>
          <textarea
            id={`${id}-${platform}`}
            dir="auto"
            rows={3}
            className={inputClass}
            value={variants[platform]}
            onChange={(e) => onChange({ ...variants, [platform]: e.target.value })}
          />
          <Button
            aria-label={t('editor.variantRemove', { platform: platformLabel(platform, locale.value) ?? platform })}
            onClick={() => {
              const { [platform]: _, ...rest } = variants;
              onChange(rest);
            }}
          >
            {t('editor.remove')}
          </Button>
        </div>
      ))}
      {free.length > 0 && (
        <label className="block text-xs" htmlFor={`${id}-add`}>
          {t('editor.variantAdd')}
          <select
            id={`${id}-add`}
            className={inputClass}
            value=""
            onChange={(e) => {
              if (e.target.value) onChange({ ...variants, [e.target.value]: '' });
            }}
          >
            <option value="">…</option>
            {free.map(({ platform }) => (
              <option key={platform} value={platform}>
                {platformLabel(platform, locale.value) ?? platform}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}
