/** What the team sync blocks share: dates, the status update, host access, a titled block, a diff. */
import { useSignals } from '@preact/signals-react/runtime';
import type { ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { Bidi } from '@/components/ui/bidi';
import { problemText } from '@/components/ui/problem-list';
import { formatDateTime } from '@/utils/i18n/locale';
import { MessageError } from '@/utils/messaging/client';
import { locale, syncStatus, t } from '@/utils/state/panel-store';
import type { PackDiff, SyncStatus } from '@/utils/sync/types';
import { diffLines } from '../sync-diff-lines';

export const date = (iso: string) => formatDateTime(locale.value, iso);

/** The background answers most sync messages with the new status: show it without waiting for the broadcast. */
export async function update(status: Promise<SyncStatus>): Promise<void> {
  syncStatus.value = await status;
}

/** An action's error as the panel says it: the background's refusal to apply a pack the pinned key did not sign, in the UI language. */
export function syncErrorText(error: unknown): string {
  if (error instanceof MessageError && error.problems[0]?.code === 'unverified-pack') return t('sync.unverifiedPack');
  // Below the highest version the pinned key vouched for: said with both versions (problem.rolled-back).
  if (error instanceof MessageError && error.problems[0]?.code === 'rolled-back') return problemText(error.problems[0]);
  return error instanceof Error ? error.message : String(error);
}

/**
 * Asks for the host permission of `url`. Call it first in a click handler, before any other await:
 * browsers grant permissions only while handling the click. The pattern has no port, because
 * Firefox refuses match patterns with one (Chrome matches every port then).
 */
export async function requestHostAccess(url: string): Promise<boolean> {
  const { protocol, hostname } = new URL(url);
  try {
    return await browser.permissions.request({ origins: [`${protocol}//${hostname}/*`] });
  } catch {
    return false;
  }
}

export function Block({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) {
  return (
    <div className="space-y-2 rounded border border-slate-200 p-2" data-testid={testId}>
      <h3 className="m-0 text-sm font-semibold">{title}</h3>
      {hint && <p className="m-0 text-slate-500">{hint}</p>}
      {children}
    </div>
  );
}

export function DiffView({ diff }: { diff: PackDiff }) {
  useSignals();
  return (
    <ul className="m-0 list-none space-y-1 p-0" data-testid="sync-diff">
      {diffLines(diff).map((line, index) => (
        <li key={`${line.key}-${index}`}>
          {t(line.key, line.params)}
          {line.names.map((name, nameIndex) => (
            <Bidi key={nameIndex} className="ms-1 inline-block rounded bg-slate-100 px-1">
              {name}
            </Bidi>
          ))}
        </li>
      ))}
    </ul>
  );
}
