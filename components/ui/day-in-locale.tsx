import { useSignals } from '@preact/signals-react/runtime';
import { dateFormat } from '@/utils/i18n/locale';
import { locale } from '@/utils/state/panel-store';

/**
 * A `YYYY-MM-DD` day written in the interface's language, beside an `<input type="date">`: Chromium
 * draws that input (mm/dd/yyyy, Latin digits) in the browser's locale and ignores the page's `lang`,
 * so in Arabic it would be the only date the panel does not write in Arabic. Nothing when empty.
 */
export function DayInLocale({ day, testId }: { day: string; testId?: string }) {
  useSignals();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(date.getTime())) return null;
  return (
    <output className="text-xs text-slate-600" data-testid={testId}>
      {dateFormat(locale.value, { dateStyle: 'long' }).format(date)}
    </output>
  );
}
