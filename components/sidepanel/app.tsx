import { useSignalEffect } from '@preact/signals-react';
import { useSignals } from '@preact/signals-react/runtime';
import { useRef, useState } from 'react';
import { BrandTab } from '@/components/brand/brand-tab';
import { LogTab } from '@/components/log/log-tab';
import { SettingsTab } from '@/components/settings/settings-tab';
import { SwipeFileTab } from '@/components/swipe/swipe-file-tab';
import { TemplatesTab } from '@/components/templates/templates-tab';
import { Bidi } from '@/components/ui/bidi';
import { setValidatorLanguage } from '@/utils/guidance/validator-language';
import type { MessageKey } from '@/utils/i18n/messages';
import { translate } from '@/utils/i18n/panel-text';
import { direction, guidance, loadError, locale, requestedTab, t } from '@/utils/state/panel-store';
import { tabAfterKey } from './tab-keys';

const TABS = [
  { id: 'templates', label: 'tab.templates', Panel: TemplatesTab },
  { id: 'brand', label: 'tab.brand', Panel: BrandTab },
  { id: 'swipe', label: 'tab.swipe', Panel: SwipeFileTab },
  { id: 'log', label: 'tab.log', Panel: LogTab },
  { id: 'settings', label: 'tab.settings', Panel: SettingsTab },
] as const satisfies ReadonlyArray<{ id: string; label: MessageKey; Panel: () => React.ReactNode }>;
type TabId = (typeof TABS)[number]['id'];

export function App() {
  useSignals();
  const [tab, setTab] = useState<TabId>('templates');
  const tabButtons = useRef<Array<HTMLButtonElement | null>>([]);
  // A palette report opened from a page (context menu, composer badge) shows in the Brand tab.
  useSignalEffect(() => {
    if (!requestedTab.value) return;
    setTab(requestedTab.value);
    requestedTab.value = null;
  });

  // The whole document follows the UI language: RTL layout for Arabic, not just translated strings.
  useSignalEffect(() => {
    document.documentElement.lang = locale.value;
    document.documentElement.dir = direction.value;
    document.title = translate(locale.value, 'app.name');
    setValidatorLanguage(locale.value);
  });

  const pack = guidance.value?.pack;
  const current = TABS.find((x) => x.id === tab) ?? TABS[0];
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-baseline gap-2 border-b border-slate-200 px-3 pt-2 pb-1">
        <h1 className="m-0 text-base font-bold text-brand-700">{t('app.name')}</h1>
        {pack && (
          <span className="truncate text-xs text-slate-500" data-testid="pack-summary">
            <Bidi>{pack.name}</Bidi> · {t('pack.version', { version: pack.version })}
          </span>
        )}
      </header>
      <main className="flex flex-1 flex-col">
        <div
          role="tablist"
          aria-label={t('app.name')}
          className="flex gap-1 overflow-x-auto border-b border-slate-200 px-2"
          onKeyDown={(event) => {
            const next = tabAfterKey(event.key, TABS.indexOf(current), TABS.length, direction.value === 'rtl');
            if (next === undefined) return;
            event.preventDefault();
            setTab(TABS[next].id);
            tabButtons.current[next]?.focus();
          }}
        >
          {TABS.map(({ id, label }, index) => (
            <button
              key={id}
              ref={(button) => {
                tabButtons.current[index] = button;
              }}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={current.id === id}
              aria-controls={`panel-${id}`}
              // One tab stop for the row (the chosen tab); the arrow keys move within it.
              tabIndex={current.id === id ? 0 : -1}
              onClick={() => setTab(id)}
              className={`border-b-2 px-2 py-1.5 whitespace-nowrap ${
                current.id === id
                  ? 'border-brand-600 font-semibold text-brand-700'
                  : 'border-transparent text-slate-600 hover:text-slate-900'
              }`}
            >
              {t(label)}
            </button>
          ))}
        </div>
        {loadError.value && (
          <p role="alert" className="m-2 rounded bg-red-50 p-2 text-red-800">
            {t('common.error', { message: loadError.value })}
          </p>
        )}
        {guidance.value && guidance.value.storedProblems.length > 0 && (
          <p role="alert" className="m-2 rounded bg-amber-50 p-2 text-amber-900">
            {t('pack.storedProblems', { count: guidance.value.storedProblems.length })}
          </p>
        )}
        <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`} className="flex-1 p-3">
          <current.Panel />
        </div>
      </main>
    </div>
  );
}
