import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BackupSection } from '../../../components/settings/backup-section';
import { DEFAULT_SETTINGS } from '../../../utils/schemas/settings';
import { settings } from '../../../utils/state/panel-store';

const send = vi.hoisted(() => vi.fn());
const download = vi.hoisted(() => vi.fn());
vi.mock('../../../utils/messaging/client', async (original) => ({
  ...(await original<typeof import('../../../utils/messaging/client')>()),
  sendToBackground: send,
}));
vi.mock('../../../utils/export/download', () => ({ downloadText: download }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement;
beforeEach(() => {
  send.mockReset();
  download.mockReset();
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-GB');
  settings.value = { ...DEFAULT_SETTINGS, locale: 'en' };
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root?.render(createElement(BackupSection)));
});
afterEach(() => {
  act(() => root?.unmount());
  host.remove();
  settings.value = DEFAULT_SETTINGS;
  vi.restoreAllMocks();
});

/** window.confirm, answered as the person would. */
function answer(yes: boolean) {
  const confirm = vi.fn((_message?: string) => yes);
  Object.defineProperty(window, 'confirm', { value: confirm, configurable: true, writable: true });
  return confirm;
}

const byTestId = (id: string) => host.querySelector(`[data-testid="${id}"]`) as HTMLElement;
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));

async function chooseFile(file: File) {
  const input = byTestId('backup-restore-input') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => void input.dispatchEvent(new Event('change', { bubbles: true })));
  await settle();
}

describe('the backup section', () => {
  it('backs up with the private key only when ticked, warning first, and downloads the zip', async () => {
    send.mockResolvedValue({ ok: true, fileName: 'dalil-backup-2026-11-26-1000.zip', base64: btoa('PK\x03\x04'), bytes: 4 });
    expect(host.textContent).not.toMatch(/sign packs as your team/);
    act(() => byTestId('backup-include-key').click());
    expect(host.textContent).toMatch(/sign packs as your team/);
    await act(async () => byTestId('backup-create').click());
    await settle();
    expect(send).toHaveBeenCalledWith('panel.createBackup', { includePrivateKey: true });
    expect(download).toHaveBeenCalledWith(
      'dalil-backup-2026-11-26-1000.zip',
      new Uint8Array([0x50, 0x4b, 3, 4]),
      'application/zip',
    );
    expect(byTestId('backup-outcome').textContent).toMatch(/Saved .*dalil-backup-2026-11-26-1000\.zip/);
  });

  it('asks before replacing everything, and does nothing when the person says no', async () => {
    const confirm = answer(false);
    await chooseFile(new File(['PK'], 'old.zip'));
    expect(confirm.mock.calls[0][0]).toMatch(/will be replaced/);
    expect(send).not.toHaveBeenCalled();
  });

  it('shows the counts restored', async () => {
    answer(true);
    send.mockResolvedValue({
      ok: true,
      counts: { templates: 20, adCaptures: 2, media: 2, testimonials: 1, activityLog: 3, sitesNeedingPermission: 1 },
    });
    await chooseFile(new File(['PK\x03\x04'], 'backup.zip'));
    expect(send).toHaveBeenCalledWith('panel.restoreBackup', { base64: btoa('PK\x03\x04'), fileName: 'backup.zip' });
    const text = byTestId('backup-outcome').textContent ?? '';
    expect(text).toMatch(/20 templates, 2 saved ads, 2 media files, 1 testimonial, 3 log entries\./);
    expect(text).toMatch(/1 site where Dalil was turned on needs it again/);
  });

  it('says a refused file’s problems in Arabic too, and that nothing changed', async () => {
    settings.value = { ...DEFAULT_SETTINGS, locale: 'ar' };
    answer(true);
    send.mockResolvedValue({
      ok: false,
      problems: [{ path: 'dalil-backup.json', code: 'backup-swipe-export', message: 'This zip is a swipe-file export' }],
    });
    await chooseFile(new File(['PK'], 'swipe.zip'));
    const text = byTestId('backup-outcome').textContent ?? '';
    expect(text).toMatch(/لم يتغيّر شيء/);
    expect(text).toMatch(/تصدير لملف الإعلانات/);
  });
});
