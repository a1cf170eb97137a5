/** Settings as an agent under a policy sees them: what the organisation set is marked and cannot be changed; problems are listed. */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { SettingsTab } from '../../../components/settings/settings-tab';
import { withoutBidiControls } from '../../../utils/i18n/locale';
import { checkPolicy } from '../../../utils/policy/schema';
import { EMPTY_POLICY } from '../../../utils/policy/state';
import { policy, settings, syncStatus } from '../../../utils/state/panel-store';
import { generateSigningKey } from '../../../utils/sync/signing';
import type { SyncStatus } from '../../../utils/sync/types';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const PACK_URL = 'https://packs.acme.example/care.json';
const WEBHOOK = 'https://collector.acme.example/dalil';

let container: HTMLElement;
let root: Root;
let sent: Array<{ type: string; payload: unknown }>;

beforeEach(() => {
  sent = [];
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string; payload: unknown }) => {
    sent.push(message);
    return { ok: false, error: { code: 'failed', message: 'not in this test' } };
  }) as never);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
  syncStatus.value = null;
  policy.value = EMPTY_POLICY;
});

async function renderUnder(raw: Record<string, unknown>, uiLanguage: 'ar' | 'en') {
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue(uiLanguage);
  const checked = await checkPolicy(raw);
  const key = checked.values.managerPublicKey;
  const status: SyncStatus = {
    history: [],
    outbox: { queued: 0, overCap: false, cap: 5000 },
    subscription: { url: PACK_URL, autoApply: true, refreshMinutes: 30, subscribedAt: '2026-11-26T10:00:00Z', failures: 0 },
    webhook: { url: WEBHOOK, enabledAt: '2026-11-26T10:00:00Z', delivered: 0 },
    ...(key
      ? {
          pinned: {
            algorithm: 'Ed25519',
            publicKeyText: key,
            fingerprint: 'abcd ef01 2345 6789',
            pinnedAt: '2026-11-26T10:00:00Z',
          },
        }
      : {}),
  };
  await act(async () => {
    policy.value = { ...checked, readAt: '2026-11-26T10:00:00Z', sitesAwaitingAccess: ['https://support.acme.example'] };
    settings.value = { locale: 'auto', agentName: 'Sara', role: 'agent' };
    syncStatus.value = status;
    root.render(<SettingsTab />);
  });
}

const byTestId = (id: string) => {
  const element = container.querySelector(`[data-testid="${id}"]`);
  if (!element) throw new Error(`no ${id}`);
  return element as HTMLElement;
};
const badgeNear = (element: HTMLElement) => element.closest('div, p, label, li')?.querySelector('[data-testid="policy-badge"]');

describe('Settings under the organisation’s policy', () => {
  it('marks and disables each value it set, offers no way round them, and lists the ignored values', async () => {
    const manager = await generateSigningKey();
    await renderUnder(
      {
        teamPackUrl: PACK_URL,
        managerPublicKey: manager.publicKeyText,
        role: 'agent',
        agentName: 'Sara',
        webhookUrl: WEBHOOK,
        refreshMinutes: 2,
        extraSites: ['https://support.acme.example'],
        Language: 'ar',
      },
      'en',
    );
    const role = byTestId('sync-role') as HTMLSelectElement;
    expect(role.disabled).toBe(true);
    expect(container.querySelector(`label[for="${role.id}"] [data-testid="policy-badge"]`)?.textContent).toMatch(
      /Set by your organisation/,
    );
    expect((byTestId('settings-agent-name') as HTMLInputElement).disabled).toBe(true);
    expect((byTestId('settings-agent-name') as HTMLInputElement).value).toBe('Sara');
    expect((byTestId('settings-language') as HTMLSelectElement).disabled).toBe(false); // the misspelt key set nothing
    expect(badgeNear(byTestId('sync-following'))).toBeTruthy();
    expect(container.querySelector('[data-testid="sync-unsubscribe"]')).toBeNull();
    expect(container.querySelector('[data-testid="sync-unpin"]')).toBeNull();
    expect(container.querySelector('[data-testid="sync-pin-input"]')).toBeNull();
    expect((byTestId('sync-webhook-input') as HTMLInputElement).disabled).toBe(true);
    // The interval was ignored: it stays the person's to change.
    expect(container.querySelector('[data-testid="sync-settings-change"]')).not.toBeNull();
    expect(byTestId('policy-sites-awaiting').textContent).toContain('https://support.acme.example');

    const problems = [...container.querySelectorAll('[data-testid="policy-problem"]')];
    expect(problems.map((p) => p.getAttribute('data-key'))).toEqual(['refreshMinutes', 'Language']);
    const [refresh, misspelt] = problems.map((p) => withoutBidiControls(p.textContent ?? ''));
    expect(refresh).toMatch(/^refreshMinutes was ignored: a whole number of minutes from 5 to 1440\.Given: 2 · Too small/);
    expect(misspelt).toMatch(/not one of Dalil’s settings/);
    // Rendering changes nothing (the workspace section only reads its status).
    expect(sent.filter((m) => m.type !== 'panel.workspaceStatus')).toEqual([]);
  });

  it('says it in Arabic', async () => {
    await renderUnder({ role: 'agent', language: 'ar', refreshMinutes: 'ثلاثون' }, 'ar');
    await act(async () => {
      settings.value = { ...settings.value, locale: 'ar' };
    });
    expect(byTestId('policy-notice').textContent).toContain('إعدادات تديرها مؤسستك');
    expect(container.querySelector('[data-testid="policy-badge"]')?.textContent).toContain('تحدّده مؤسستك');
    expect((byTestId('settings-language') as HTMLSelectElement).disabled).toBe(true);
    expect(byTestId('policy-problem').textContent).toMatch(/لم يُطبَّق، والمتوقَّع: .*عدد صحيح من الدقائق/);
  });
});
