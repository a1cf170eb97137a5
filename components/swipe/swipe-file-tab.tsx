import { useSignals } from '@preact/signals-react/runtime';
import { t } from '@/utils/state/panel-store';

export function SwipeFileTab() {
  useSignals();
  return <p className="rounded-lg border border-dashed border-slate-300 p-4 text-slate-600">{t('swipe.empty')}</p>;
}
