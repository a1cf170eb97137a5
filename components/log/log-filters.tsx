import { useSignals } from '@preact/signals-react/runtime';
import { Button } from '@/components/ui/button';
import { DayInLocale } from '@/components/ui/day-in-locale';
import type { MessageKey } from '@/utils/i18n/messages';
import { platformLabel } from '@/utils/platforms/sites';
import { ActivityKindSchema } from '@/utils/schemas/activity-log';
import { PlatformSchema } from '@/utils/schemas/common';
import { guidance, locale, t } from '@/utils/state/panel-store';
import { type LogFilters, NO_FILTERS, type RangeChoice, type RangePreset } from './log-model';

const field = 'rounded border border-slate-300 px-1 py-0.5 text-xs';
const PRESETS: RangePreset[] = ['today', '7d', '30d', 'custom'];

/** Today, 7 days, 30 days, or two dates (the second one included). */
export function RangePicker({ value, onChange }: { value: RangeChoice; onChange: (next: RangeChoice) => void }) {
  useSignals();
  return (
    <fieldset className="m-0 flex flex-wrap items-center gap-1.5 border-0 p-0" data-testid="log-range">
      <legend className="sr-only">{t('logtab.range')}</legend>
      {PRESETS.map((preset) => (
        <Button
          key={preset}
          variant={value.preset === preset ? 'primary' : 'secondary'}
          aria-pressed={value.preset === preset}
          data-preset={preset}
          className="px-2 py-0.5 text-xs"
          onClick={() => onChange({ ...value, preset })}
        >
          {t(`logtab.range.${preset}` as MessageKey)}
        </Button>
      ))}
      {value.preset === 'custom' && (
        <span className="flex flex-wrap items-center gap-1 text-xs">
          <label className="flex items-center gap-1">
            {t('logtab.from')}
            <input
              type="date"
              className={field}
              value={value.fromDay}
              onChange={(e) => onChange({ ...value, fromDay: e.target.value })}
              data-testid="log-range-from"
            />
          </label>
          <DayInLocale day={value.fromDay} testId="log-range-from-day" />
          <label className="flex items-center gap-1">
            {t('logtab.to')}
            <input
              type="date"
              className={field}
              value={value.toDay}
              onChange={(e) => onChange({ ...value, toDay: e.target.value })}
              data-testid="log-range-to"
            />
          </label>
          <DayInLocale day={value.toDay} testId="log-range-to-day" />
        </span>
      )}
    </fieldset>
  );
}

/** The list's filters: kind, platform, agent, template and free text. */
export function FilterBar({ value, onChange }: { value: LogFilters; onChange: (next: LogFilters) => void }) {
  useSignals();
  const set = (patch: Partial<LogFilters>) => onChange({ ...value, ...patch });
  const templates = guidance.value?.pack.templates ?? [];
  const active = Object.values(value).some(Boolean);
  return (
    <fieldset className="m-0 flex flex-wrap items-center gap-1.5 border-0 p-0 text-xs">
      <legend className="sr-only">{t('logtab.filters')}</legend>
      <select
        aria-label={t('logtab.kind')}
        className={field}
        value={value.kind}
        onChange={(e) => set({ kind: e.target.value as LogFilters['kind'] })}
        data-testid="log-kind-filter"
      >
        <option value="">{t('logtab.kind.all')}</option>
        {ActivityKindSchema.options.map((kind) => (
          <option key={kind} value={kind}>
            {t(`log.kind.${kind}` as MessageKey)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('logtab.platform')}
        className={field}
        value={value.platform}
        onChange={(e) => set({ platform: e.target.value as LogFilters['platform'] })}
        data-testid="log-platform-filter"
      >
        <option value="">{t('logtab.platform.all')}</option>
        {PlatformSchema.options.map((platform) => (
          <option key={platform} value={platform}>
            {platformLabel(platform, locale.value) ?? t('logtab.platform.generic')}
          </option>
        ))}
      </select>
      <select
        aria-label={t('logtab.template')}
        className={`${field} max-w-[12rem]`}
        value={value.templateId}
        onChange={(e) => set({ templateId: e.target.value })}
        data-testid="log-template-filter"
      >
        <option value="">{t('logtab.template.all')}</option>
        {templates.map((template) => (
          <option key={template.id} value={template.id} dir="auto">
            {template.title}
          </option>
        ))}
        {value.templateId && !templates.some((tpl) => tpl.id === value.templateId) && (
          <option value={value.templateId}>{value.templateId}</option>
        )}
      </select>
      <input
        type="search"
        dir="auto"
        aria-label={t('logtab.actor')}
        placeholder={t('logtab.actor')}
        className={`${field} w-28`}
        value={value.actor}
        maxLength={120}
        onChange={(e) => set({ actor: e.target.value })}
        data-testid="log-actor-filter"
      />
      <input
        type="search"
        dir="auto"
        aria-label={t('logtab.text')}
        placeholder={t('logtab.text')}
        className={`${field} min-w-0 flex-1`}
        value={value.text}
        maxLength={200}
        onChange={(e) => set({ text: e.target.value })}
        data-testid="log-text-filter"
      />
      {active && (
        <Button variant="ghost" className="px-1.5 py-0.5 text-xs" onClick={() => onChange(NO_FILTERS)}>
          {t('logtab.clear')}
        </Button>
      )}
    </fieldset>
  );
}
