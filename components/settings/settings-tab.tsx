import { useSignals } from '@preact/signals-react/runtime';
import { useId, useState } from 'react';
import { Bidi, Ltr } from '@/components/ui/bidi';
import { Button } from '@/components/ui/button';
import { DropZone } from '@/components/ui/drop-zone';
import { FileButton } from '@/components/ui/file-button';
import { ProblemList } from '@/components/ui/problem-list';
import { downloadText } from '@/utils/export/download';
import { MAX_PACK_BYTES, parseGuidancePack } from '@/utils/guidance/parse-pack';
import type { Problem } from '@/utils/guidance/problems';
import { formatDateTime } from '@/utils/i18n/locale';
import type { MessageKey } from '@/utils/i18n/messages';
import { problemOf, sendToBackground } from '@/utils/messaging/client';
import type { UiLocale } from '@/utils/schemas/settings';
import {
  adapterHealth,
  contentScripts,
  enabledSites,
  guidance,
  locale,
  policy,
  settings,
  settingsProblem,
  t,
  updateSettings,
} from '@/utils/state/panel-store';
import { BackupSection } from './backup-section';
import { PolicyBadge, PolicyNotice, PolicySitesAwaiting, setByPolicy } from './policy';
import { TeamSyncSection } from './team-sync-section';
import { WorkspaceSection } from './workspace-section';

type ImportOutcome =
  | { kind: 'imported'; name: string; version: number; count: number }
  | { kind: 'rejected'; file: string; problems: Problem[] };

/** Reads, checks and applies a pack file. Checked here for an immediate answer, and again by the background. */
async function importPackFile(file: File): Promise<ImportOutcome> {
  const reject = (problems: Problem[]): ImportOutcome => ({ kind: 'rejected', file: file.name, problems });
  if (file.size > MAX_PACK_BYTES) {
    const size = (file.size / 1024 / 1024).toFixed(1);
    return reject([{ path: '$', code: 'too-large', params: { size, limit: '5' }, message: `The file is ${size} MB` }]);
  }
  const text = await file.text();
  const local = parseGuidancePack(text);
  if (!local.ok) return reject(local.problems);
  const result = await sendToBackground('panel.importPack', { text, fileName: file.name.slice(0, 255) });
  if (!result.ok) return reject(result.problems);
  const { pack } = result.snapshot;
  return { kind: 'imported', name: pack.name, version: pack.version, count: pack.templates.length };
}

export function SettingsTab() {
  useSignals();
  const id = useId();
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const [busy, setBusy] = useState(false);
  const snapshot = guidance.value;
  const languageSet = setByPolicy('language');
  const nameSet = setByPolicy('agentName');
  const policySites = policy.value.values.extraSites ?? [];

  async function handleFile(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome(await importPackFile(file));
    } catch (error) {
      setOutcome({
        kind: 'rejected',
        file: file.name,
        problems: [problemOf(error)],
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="space-y-4">
      <PolicyNotice />
      <div className="grid grid-cols-1 gap-2">
        <label htmlFor={`${id}-locale`} className="font-medium text-slate-700">
          {t('settings.language')}
          {languageSet && <PolicyBadge />}
        </label>
        <select
          id={`${id}-locale`}
          data-testid="settings-language"
          className="rounded-md border border-slate-300 px-2 py-1 disabled:bg-slate-100"
          disabled={languageSet}
          value={settings.value.locale}
          onChange={(e) => void updateSettings({ locale: e.target.value as UiLocale })}
        >
          <option value="auto">{t('settings.language.auto')}</option>
          <option value="ar" lang="ar">
            العربية
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
        <label htmlFor={`${id}-agent`} className="font-medium text-slate-700">
          {t('settings.agentName')}
          {nameSet && <PolicyBadge />}
        </label>
        <input
          id={`${id}-agent`}
          // A name the organisation sets (or changes) is shown at once: a new element with the new value.
          key={nameSet ? `policy:${settings.value.agentName}` : 'own'}
          data-testid="settings-agent-name"
          dir="auto"
          maxLength={120}
          className="rounded-md border border-slate-300 px-2 py-1 disabled:bg-slate-100"
          disabled={nameSet}
          defaultValue={settings.value.agentName}
          onBlur={(e) => void updateSettings({ agentName: e.target.value.trim() })}
        />
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            data-testid="settings-reply-language"
            className="mt-1"
            aria-describedby={`${id}-reply-language-hint`}
            checked={settings.value.replyInCommentLanguage !== false}
            onChange={(e) => void updateSettings({ replyInCommentLanguage: e.target.checked })}
          />
          <span className="font-medium text-slate-700">{t('settings.replyInCommentLanguage')}</span>
        </label>
        <p id={`${id}-reply-language-hint`} className="m-0 ms-6 text-xs text-slate-500">
          {t('settings.replyInCommentLanguage.hint')}
        </p>
        {settingsProblem.value && <p className="text-amber-800">{settingsProblem.value}</p>}
      </div>

      <div className="space-y-2">
        <h2 className="m-0 text-base font-semibold">{t('settings.pack')}</h2>
        {snapshot && (
          <p className="m-0" data-testid="pack-info">
            <Bidi className="font-medium">{snapshot.pack.name}</Bidi> — {t('pack.version', { version: snapshot.pack.version })} ·{' '}
            {snapshot.source.kind === 'file'
              ? t('settings.packSource.file', { file: snapshot.source.fileName ?? '' })
              : t(snapshot.source.kind === 'url' ? 'settings.packSource.url' : 'settings.packSource.default')}{' '}
            · {t('settings.packApplied', { date: formatDateTime(locale.value, snapshot.source.appliedAt) })}
          </p>
        )}
        {snapshot?.readOnly && (
          <p className="m-0 rounded bg-sky-50 p-2 text-sky-900" data-testid="pack-read-only">
            {t('settings.readOnlyPack')}
          </p>
        )}
        <DropZone
          onFiles={(files) => void handleFile(files[0])}
          className="flex flex-wrap items-center gap-2"
          testId="pack-drop-zone"
        >
          <FileButton
            variant="primary"
            disabled={busy || snapshot?.readOnly}
            accept=".json,application/json"
            testId="pack-file-input"
            onFiles={(files) => void handleFile(files[0])}
          >
            {t('settings.import')}
          </FileButton>
          <span className="text-slate-500">{t('settings.importDrop')}</span>
        </DropZone>
        <div role="status" aria-live="polite" data-testid="import-outcome">
          {outcome?.kind === 'imported' && (
            <p className="m-0 rounded bg-emerald-50 p-2 text-emerald-900">
              {t('settings.imported', { name: outcome.name, version: outcome.version, count: outcome.count })}
            </p>
          )}
          {outcome?.kind === 'rejected' && (
            <div className="rounded border border-red-200 p-2">
              <p className="m-0 font-medium text-red-900">
                {t('settings.importRejected', { file: outcome.file, count: outcome.problems.length })}
              </p>
              <ProblemList problems={outcome.problems} />
            </div>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            onClick={async () => {
              const { fileName, json } = await sendToBackground('panel.exportPack', {});
              downloadText(fileName, json, 'application/json');
            }}
          >
            {t('settings.export')}
          </Button>
          <Button
            variant="danger"
            disabled={snapshot?.readOnly}
            onClick={async () => {
              if (window.confirm(t('settings.resetConfirm'))) await sendToBackground('panel.resetToDefaultPack', {});
            }}
          >
            {t('settings.reset')}
          </Button>
        </div>
      </div>

      <TeamSyncSection />

      <WorkspaceSection />

      {adapterHealth.value.length > 0 && (
        <div role="alert" className="rounded border border-amber-300 bg-amber-50 p-2" data-testid="adapter-health">
          <h2 className="m-0 mb-1 text-sm font-semibold text-amber-900">{t('health.title')}</h2>
          <ul className="m-0 list-none space-y-1 p-0 text-amber-900">
            {adapterHealth.value.map((h) => (
              <li key={`${h.platform}-${h.problem}`}>
                {t(`health.${h.problem}` as MessageKey, { platform: h.platform })} <Ltr className="text-xs">{h.url}</Ltr>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div>
        <h2 className="m-0 mb-1 text-base font-semibold">{t('settings.sites')}</h2>
        {enabledSites.value.length === 0 ? (
          policy.value.sitesAwaitingAccess.length === 0 && <p className="m-0 text-slate-500">{t('settings.noSites')}</p>
        ) : (
          <ul className="m-0 list-none space-y-1 p-0" data-testid="enabled-sites">
            {enabledSites.value.map((origin) => (
              <li key={origin} className="flex items-center gap-2">
                <Ltr>{origin}</Ltr>
                {policySites.includes(origin) ? (
                  <PolicyBadge />
                ) : (
                  <Button
                    variant="ghost"
                    onClick={() => void sendToBackground('panel.setSiteEnabled', { origin, enabled: false })}
                  >
                    {t('settings.siteOff')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        <PolicySitesAwaiting />
      </div>

      <div>
        <h2 className="m-0 mb-1 text-base font-semibold">{t('settings.pages')}</h2>
        {contentScripts.value.length === 0 ? (
          <p className="m-0 text-slate-500">{t('settings.noPages')}</p>
        ) : (
          <ul className="m-0 list-none space-y-1 p-0" data-testid="content-scripts">
            {contentScripts.value.map((status) => (
              <li key={status.tabId} className="truncate">
                <span className="font-medium">{status.platform}</span> <Ltr className="text-xs text-slate-600">{status.url}</Ltr>
              </li>
            ))}
          </ul>
        )}
      </div>
      <BackupSection />
    </section>
  );
}
