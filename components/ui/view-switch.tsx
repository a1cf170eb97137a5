import { useSignals } from '@preact/signals-react/runtime';
import type { MessageKey } from '@/utils/i18n/messages';
import { t } from '@/utils/state/panel-store';

/**
 * A tab's views as a row of pressed/unpressed buttons (Templates · Playbooks…, Saved ads · Followed):
 * one view shows at a time, and `testId` names the row for tests.
 */
export function ViewSwitch<View extends string>({
  views,
  labels,
  legend,
  value,
  onChange,
  testId,
}: {
  views: readonly View[];
  labels: Record<View, MessageKey>;
  legend: MessageKey;
  value: View;
  onChange: (view: View) => void;
  testId: string;
}) {
  useSignals();
  return (
    <fieldset className="m-0 inline-flex rounded-md border border-slate-300 p-0.5 text-xs" data-testid={testId}>
      <legend className="sr-only">{t(legend)}</legend>
      {views.map((v) => (
        <button
          key={v}
          type="button"
          aria-pressed={value === v}
          onClick={() => onChange(v)}
          className={`rounded px-2 py-0.5 ${value === v ? 'bg-brand-600 text-white' : 'text-slate-700'}`}
        >
          {t(labels[v])}
        </button>
      ))}
    </fieldset>
  );
}
