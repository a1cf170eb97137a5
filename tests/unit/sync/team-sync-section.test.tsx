import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { TeamSyncSection } from '../../../components/settings/team-sync-section';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import { settings, syncStatus } from '../../../utils/state/panel-store';
import { diffPacks } from '../../../utils/sync/pack-diff';
import type { SyncStatus } from '../../../utils/sync/types';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const idle: SyncStatus = { history: [], outbox: { queued: 0, overCap: false, cap: 5000 } };
const subscribed: SyncStatus = {
  ...idle,
  subscription: {
    url: 'http://127.0.0.1:8787/pack.json',
    autoApply: true,
    trustHost: true,
    refreshMinutes: 30,
    subscribedAt: '2026-11-26T10:00:00Z',
    failures: 0,
  },
};

let container: HTMLElement;
let root: Root;
/** Every message the section sent, in order, with the permission requests among them. */
let calls: string[];

beforeEach(() => {
  calls = [];
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('en');
  settings.value = { locale: 'en', agentName: '', role: 'manager' };
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => {
    calls.push(message.type);
    if (message.type === 'panel.subscribe') return { ok: true, data: subscribed };
    if (message.type === 'panel.applyPendingUpdate') return { ok: true, data: idle };
    return { ok: false, error: { code: 'failed', message: 'not in this test' } };
  }) as never);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
  syncStatus.value = null;
});

async function render(status: SyncStatus) {
  await act(async () => {
    syncStatus.value = status;
    root.render(<TeamSyncSection />);
  });
}

const byTestId = (id: string) => {
  const element = container.querySelector(`[data-testid="${id}"]`);
  if (!element) throw new Error(`no ${id}`);
  return element as HTMLElement;
};

async function type(element: HTMLElement, value: string) {
  const prototype = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const click = (element: HTMLElement) => act(async () => element.click());

describe('TeamSyncSection', () => {
  it('asks for the host permission before subscribing, and subscribes anyway when refused', async () => {
    const request = vi.spyOn(browser.permissions, 'request').mockImplementation((async () => {
      calls.push('permissions.request');
      return false;
    }) as never);
    await render(idle);
    await type(byTestId('sync-url-input'), 'http://127.0.0.1:8787/pack.json');
    await click(byTestId('sync-subscribe'));
    // No port: Firefox refuses match patterns with one, Chrome then matches every port.
    expect(request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    expect(calls).toEqual(['permissions.request', 'panel.subscribe']);
    // By default: checked every 30 minutes, new versions applied automatically.
    const sent = vi
      .mocked(browser.runtime.sendMessage)
      .mock.calls.map(([m]) => m as unknown as { type: string; payload?: unknown });
    expect(sent.find((m) => m.type === 'panel.subscribe')?.payload).toEqual({
      url: 'http://127.0.0.1:8787/pack.json',
      autoApply: true,
      refreshMinutes: 30,
      // Not trusted without a key unless the person ticks it: updates then wait for a manual apply.
      trustHost: false,
    });
    expect(container.textContent).toContain('Access to \u2068http://127.0.0.1:8787\u2069 was not granted');
    expect(byTestId('sync-status').textContent).toContain('Not checked yet.');
  });

  it('shows why the last check failed, translated, and when it tries again', async () => {
    settings.value = { ...settings.value, locale: 'ar' };
    const subscription = subscribed.subscription as NonNullable<SyncStatus['subscription']>;
    await render({
      ...subscribed,
      subscription: {
        ...subscription,
        lastCheckedAt: '2026-11-26T10:30:00Z',
        lastOutcome: { kind: 'failed', code: 'bad-signature', message: 'Signed by key ab12…', at: '2026-11-26T10:30:00Z' },
        failures: 2,
        nextRetryAt: '2026-11-26T10:32:00Z',
      },
    });
    const status = byTestId('sync-status');
    expect(status.dataset.outcome).toBe('failed');
    expect(status.textContent).toContain('توقيع الحزمة لا يطابق المفتاح المثبّت');
    expect(status.textContent).toContain('المحاولة التالية');
  });

  it('shows a pending update with its changes and applies it', async () => {
    const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
    if (!parsed.ok) throw new Error('default pack');
    const next = structuredClone(parsed.pack);
    next.version = 2;
    next.templates[0].status = 'retired';
    const diff = diffPacks(parsed.pack, next);
    await render({
      ...subscribed,
      pending: { diff, fetchedAt: '2026-11-26T10:30:00Z', url: 'http://127.0.0.1/p.json', version: 2, name: next.name },
    });
    expect(byTestId('sync-pending').textContent).toContain('Templates retired (1):Thanks for praise');
    await click(byTestId('sync-apply'));
    expect(calls).toEqual(['panel.applyPendingUpdate']);
    expect(container.querySelector('[data-testid="sync-pending"]')).toBeNull();
  });

  it('offers earlier packs back to a manager, and tells an agent following the team URL who restores them', async () => {
    const history: SyncStatus['history'] = [
      {
        id: 'h1',
        packId: 'acme',
        name: 'Acme care',
        version: 3,
        templates: 20,
        source: { kind: 'url', url: 'http://127.0.0.1/p.json', appliedAt: '2026-11-25T09:00:00Z' },
        archivedAt: '2026-11-26T09:00:00Z',
      },
    ];
    const restoreButtons = () =>
      [...byTestId('sync-history').querySelectorAll('button')].filter((b) => b.textContent === 'Restore').length;
    await render({ ...subscribed, history });
    expect(restoreButtons()).toBe(1);

    await act(async () => {
      settings.value = { ...settings.value, role: 'agent' };
    });
    await render({ ...subscribed, history });
    expect(restoreButtons()).toBe(0);
    expect(byTestId('sync-history').textContent).toContain('your manager restores an earlier version by publishing it');
    expect(byTestId('sync-history').textContent).toContain('Acme care');

    // An agent without a team URL keeps their own earlier imports in their hands.
    await render({ ...idle, history });
    expect(restoreButtons()).toBe(1);
  });

  it('changes how a followed pack is refreshed without subscribing again', async () => {
    await render(subscribed);
    expect(byTestId('sync-settings').textContent).toContain('Checked every 30 minutes, new versions apply automatically');
    await click(byTestId('sync-settings-change'));
    const form = byTestId('sync-settings-form');
    await click(form.querySelector('input[type="checkbox"]') as HTMLElement);
    await type(form.querySelector('input[type="number"]') as HTMLElement, '90');
    await click(byTestId('sync-settings-save'));
    const sent = vi
      .mocked(browser.runtime.sendMessage)
      .mock.calls.map(([m]) => m as unknown as { type: string; payload?: unknown });
    expect(sent.find((m) => m.type === 'panel.subscribe')).toMatchObject({
      payload: { url: 'http://127.0.0.1:8787/pack.json', autoApply: false, refreshMinutes: 90 },
    });
    expect(container.querySelector('[data-testid="sync-settings-form"]')).toBeNull();
  });

  it('explains a bad pasted key in the reader’s language and does not send it', async () => {
    settings.value = { ...settings.value, role: 'agent' };
    await render(idle);
    await type(byTestId('sync-pin-input'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5');
    await click(byTestId('sync-pin-save'));
    await vi.waitFor(() => expect(byTestId('sync-pin-problem').textContent).toContain('This is not a Dalil key'));
    expect(calls).toEqual([]);
    expect(container.querySelector('[data-testid="sync-publish"]')).toBeNull();
  });

  it('warns when the webhook queue is over its cap and offers to retry', async () => {
    await render({
      ...idle,
      webhook: { url: 'https://hooks.example.com/dalil', enabledAt: '2026-11-26T09:00:00Z', delivered: 12 },
      outbox: { queued: 6001, overCap: true, cap: 5000, nextAttemptAt: '2026-11-26T10:40:00Z' },
    });
    const outbox = byTestId('sync-outbox-status');
    expect(outbox.textContent).toContain('Delivered: 12');
    expect(outbox.textContent).toContain('Waiting: 6,001');
    expect(byTestId('sync-outbox-overcap').textContent).toContain('More than 5,000 entries are waiting');
    expect(byTestId('sync-flush')).toBeTruthy();
  });
});
