import { useSignals } from '@preact/signals-react/runtime';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { guidance, locale, t } from '@/utils/state/panel-store';

export function BrandTab() {
  useSignals();
  const kit = guidance.value?.pack.brandKit;
  if (!kit) return <p className="text-slate-500">{t('common.loading')}</p>;
  const percent = new Intl.NumberFormat(locale.value === 'ar' ? 'ar-EG' : 'en-GB', { style: 'percent' });
  const rules = kit.copyRules;
  const limits = Object.entries(rules.maxLength);
  return (
    <section className="space-y-3">
      <h2 className="m-0 text-base font-semibold">
        <Bidi>{kit.name}</Bidi>
      </h2>
      <div>
        <h3 className="m-0 mb-1 text-sm font-semibold text-slate-700">{t('brand.palette')}</h3>
        <ul className="m-0 grid list-none grid-cols-2 gap-2 p-0" data-testid="palette">
          {kit.colors.map((color) => (
            <li
              key={color.name}
              className="flex items-center gap-2 rounded-lg border border-slate-200 p-1.5"
              data-testid="swatch"
            >
              <span
                aria-hidden="true"
                className="size-9 shrink-0 rounded-md ring-1 ring-slate-300 ring-inset"
                style={{ backgroundColor: color.hex }}
              />
              <span className="min-w-0">
                <Bidi className="block truncate font-medium">{color.name}</Bidi>
                <Ltr className="block font-mono text-xs text-slate-600">{color.hex.toUpperCase()}</Ltr>
                {color.role && <span className="block text-xs text-slate-500">{t(`role.${color.role}`)}</span>}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <dl className="m-0 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-600">{t('brand.tolerance')}</dt>
        <dd className="m-0 font-medium">{kit.deltaETolerance}</dd>
        <dt className="text-slate-600">{t('brand.minShare')}</dt>
        <dd className="m-0 font-medium">{percent.format(kit.minOnPaletteShare)}</dd>
      </dl>
      <div>
        <h3 className="m-0 mb-1 text-sm font-semibold text-slate-700">{t('brand.copyRules')}</h3>
        <dl className="m-0 space-y-1">
          <dt className="text-slate-600">{t('brand.banned')}</dt>
          <dd className="m-0 flex flex-wrap gap-1">
            {rules.bannedPhrases.length === 0 && t('brand.none')}
            {rules.bannedPhrases.map((phrase) => (
              <Bidi key={phrase} className="rounded bg-red-50 px-1.5 text-red-800">
                {phrase}
              </Bidi>
            ))}
          </dd>
          <dt className="text-slate-600">{t('brand.hashtags')}</dt>
          <dd className="m-0 flex flex-wrap gap-1">
            {rules.requiredHashtags.length === 0 && t('brand.none')}
            {rules.requiredHashtags.map((tag) => (
              <Bidi key={tag} className="rounded bg-sky-50 px-1.5 text-sky-800">
                {tag}
              </Bidi>
            ))}
          </dd>
          {rules.requiredDisclaimer && (
            <>
              <dt className="text-slate-600">{t('brand.disclaimer')}</dt>
              <dd className="m-0" dir="auto">
                {rules.requiredDisclaimer}
              </dd>
            </>
          )}
          <dt className="text-slate-600">{t('brand.maxLength')}</dt>
          <dd className="m-0 flex flex-wrap gap-x-3">
            {limits.length === 0 && t('brand.none')}
            {limits.map(([platform, max]) => (
              <Ltr key={platform}>
                {platform}: {max}
              </Ltr>
            ))}
          </dd>
        </dl>
      </div>
    </section>
  );
}
