/**
 * The picker's form for a template's fill-in fields, keyboard first: Tab moves between fields, the arrows
 * move within a menu (a radio group), Space flips a toggle, Enter inserts (handled by the picker).
 */
import type { RefObject } from 'react';
import type { MessageKey } from '@/utils/i18n/messages';
import type { TemplateField } from '@/utils/schemas/template';
import { defaultValue, formatFieldDate } from '@/utils/templates/render';

interface Props {
  fields: TemplateField[];
  values: Record<string, string>;
  lang: string;
  onChange: (name: string, value: string) => void;
  firstField: RefObject<HTMLElement | null>;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

export function FieldForm({ fields, values, lang, onChange, firstField, t }: Props) {
  const currentValue = (field: TemplateField) => values[field.name] ?? defaultValue(field);
  return (
    <fieldset className="mt-2 space-y-1.5 border-0 p-0" data-testid="picker-fields">
      <legend className="text-xs font-semibold text-slate-600">{t('picker.fields')}</legend>
      {fields.map((field, index) => {
        const ref = index === 0 ? (firstField as RefObject<never>) : undefined;
        const label = (
          <span className="shrink-0" dir="auto">
            {field.label ?? <code dir="ltr">{field.name}</code>}
            {field.required && <span className="ms-1 text-red-700">({t('picker.field.required')})</span>}
          </span>
        );
        const value = currentValue(field);
        if (field.type === 'choice') {
          return (
            <div
              key={field.name}
              role="radiogroup"
              aria-required={field.required}
              aria-labelledby={`field-${field.name}`}
              className="flex flex-wrap items-center gap-x-2 text-xs"
              data-field={field.name}
            >
              <span id={`field-${field.name}`}>{label}</span>
              {field.options?.map((option, i) => (
                <label key={option.value} className="flex items-center gap-0.5">
                  <input
                    ref={i === 0 ? ref : undefined}
                    type="radio"
                    name={`field-${field.name}`}
                    value={option.value}
                    checked={value === option.value}
                    // Tab lands on the chosen option, or the first when none is chosen yet.
                    tabIndex={value === option.value || (!value && i === 0) ? 0 : -1}
                    onChange={() => onChange(field.name, option.value)}
                  />
                  <span dir="auto">{option.label ?? option.value}</span>
                </label>
              ))}
            </div>
          );
        }
        if (field.type === 'toggle') {
          return (
            <label key={field.name} className="flex items-center gap-2 text-xs" data-field={field.name}>
              {label}
              <input
                ref={ref}
                type="checkbox"
                checked={value === 'true'}
                onChange={(e) => onChange(field.name, e.target.checked ? 'true' : 'false')}
              />
              <span>{t(value === 'true' ? 'picker.field.yes' : 'picker.field.no')}</span>
            </label>
          );
        }
        return (
          <label key={field.name} className="flex items-center gap-2 text-xs" data-field={field.name}>
            {label}
            <input
              ref={ref}
              type={field.type === 'date' ? 'date' : field.type === 'number' ? 'number' : 'text'}
              dir={field.type === 'text' ? 'auto' : 'ltr'}
              required={field.required}
              value={value}
              onChange={(e) => onChange(field.name, e.target.value)}
              className="min-w-0 flex-1 rounded border border-slate-300 px-1"
            />
            {field.type === 'number' && field.unit && <span dir="auto">{field.unit}</span>}
            {field.type === 'date' && value && (
              // The date as the reply will say it: the template's language and calendar.
              <span dir="auto" className="text-slate-600" data-testid="picker-date-as-written">
                {formatFieldDate(value, lang, field.calendar)}
              </span>
            )}
          </label>
        );
      })}
    </fieldset>
  );
}
