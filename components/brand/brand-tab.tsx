import { useSignals } from '@preact/signals-react/runtime';
import { Bidi } from '@/components/ui/bidi';
import { platformLabel } from '@/utils/platforms/sites';
import type { CopyRules } from '@/utils/schemas/brand-kit';
import type { Platform } from '@/utils/schemas/common';
import { guidance, locale, t } from '@/utils/state/panel-store';
import { ImageChecks } from './image-checks';
import { KitEditor } from './kit-editor';

/** The Brand tab: palette checks (reports first), the brand kit editor, and the kit's copy rules. */
export function BrandTab() {
  useSignals();
  const kit = guidance.value?.pack.brandKit;
  if (!kit) return <p className="text-slate-500">{t('common.loading')}</p>;
  return (
    <div className="space-y-5">
      <ImageChecks />
      <KitEditor saved={kit} />
      <CopyRulesView rules={kit.copyRules} />
    </div>
  );
}

function CopyRulesView({ rules }: { rules: CopyRules }) {
  useSignals();
  const limits = Object.entries(rules.maxLength);
  return (
    <section>
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
            <span key={platform}>
              <Bidi>{platformLabel(platform as Platform, locale.value) ?? platform}</Bidi>: {max}
            </span>
          ))}
        </dd>
      </dl>
    </section>
  );
}
