import { useSignals } from '@preact/signals-react/runtime';
import { useId } from 'react';
import { hashtagsFromText, phrasesFromText, withMaxLength } from '@/utils/brand/kit-edit';
import { PLATFORM_SITES, platformLabel } from '@/utils/platforms/sites';
import type { BrandKit } from '@/utils/schemas/brand-kit';
import { locale, t } from '@/utils/state/panel-store';

const PLATFORMS = PLATFORM_SITES.map((site) => site.platform);
const field = 'w-full rounded border border-slate-300 px-1.5 py-0.5';

/** The brand's copy rules, edited in the same draft as the palette and saved with it. */
export function CopyRulesEditor({ draft, edit }: { draft: BrandKit; edit: (kit: BrandKit) => void }) {
  useSignals();
  const id = useId();
  const rules = draft.copyRules;
  const setRules = (patch: Partial<BrandKit['copyRules']>) => edit({ ...draft, copyRules: { ...rules, ...patch } });
  return (
    <fieldset className="m-0 space-y-2 rounded border border-slate-200 p-2" data-testid="copy-rules-editor">
      <legend className="px-1 text-sm font-semibold">{t('brand.copyRules')}</legend>
      <label htmlFor={`${id}-banned`} className="block text-xs text-slate-600">
        {t('brand.edit.bannedHint')}
      </label>
      <textarea
        id={`${id}-banned`}
        dir="auto"
        rows={4}
        className={field}
        defaultValue={rules.bannedPhrases.join('\n')}
        onBlur={(e) => setRules({ bannedPhrases: phrasesFromText(e.target.value) })}
      />
      <label htmlFor={`${id}-tags`} className="block text-xs text-slate-600">
        {t('brand.hashtags')}
      </label>
      <input
        id={`${id}-tags`}
        dir="auto"
        className={field}
        defaultValue={rules.requiredHashtags.join(' ')}
        onBlur={(e) => setRules({ requiredHashtags: hashtagsFromText(e.target.value) })}
      />
      <label htmlFor={`${id}-disclaimer`} className="block text-xs text-slate-600">
        {t('brand.disclaimer')}
      </label>
      <input
        id={`${id}-disclaimer`}
        dir="auto"
        className={field}
        defaultValue={rules.requiredDisclaimer ?? ''}
        onBlur={(e) => setRules({ requiredDisclaimer: e.target.value.trim() || undefined })}
      />
      <div className="grid grid-cols-3 gap-1.5">
        {PLATFORMS.map((platform) => (
          <label key={platform} className="text-xs text-slate-600">
            <bdi>{platformLabel(platform, locale.value)}</bdi>
            <input
              type="number"
              min={1}
              className={field}
              aria-label={t('a11y.maxLength', { platform: platformLabel(platform, locale.value) ?? platform })}
              defaultValue={rules.maxLength[platform] ?? ''}
              onBlur={(e) => edit(withMaxLength(draft, platform, e.target.value))}
            />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
