import { t } from '@/utils/state/panel-store';
import { Field, inputClass } from './field';

/** The language of a template or playbook: Arabic or English, or the one an imported pack gave it. */
export function LanguageField({ id, lang, onChange }: { id: string; lang: string; onChange: (lang: string) => void }) {
  return (
    <Field label={t('editor.lang')} htmlFor={id}>
      <select id={id} className={inputClass} value={lang} onChange={(e) => onChange(e.target.value)}>
        <option value="ar">{t('lang.ar')}</option>
        <option value="en">{t('lang.en')}</option>
        {lang !== 'ar' && lang !== 'en' && <option value={lang}>{lang}</option>}
      </select>
    </Field>
  );
}
