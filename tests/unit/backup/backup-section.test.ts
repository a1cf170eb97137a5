import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BackupSection } from '../../../components/settings/backup-section';
import { DEFAULT_SETTINGS } from '../../../utils/schemas/settings';
import { settings } from '../../../utils/state/panel-store';

// The transfer over Ports is tested against the real background in backup-streaming.test.ts; here, the screen.
const download = vi.hoisted(() => vi.fn());
const open = vi.hoisted(() => vi.fn());
const confirm = vi.hoisted(() => vi.fn());
const cancel = vi.hoisted(() => vi.fn());
vi.mock('../../../utils/backup/backup-transfer', () => ({ downloadBackup: download, openRestore: open }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement;
beforeEach(() => {
  for (const mock of [download, open, confirm, cancel]) mock.mockReset();
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

const byTestId = (id: string) => host.querySelector(`[data-testid="${id}"]`) as HTMLElement;
const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));

async function chooseFile(file: File) {
  const input = byTestId('backup-restore-input') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => void input.dispatchEvent(new Event('change', { bubbles: true })));
  await settle();
}

describe('the backup section', () => {
  it('backs up with the private key only when ticked, warning first, showing progress and the file saved', async () => {
    let progressed: (p: { done: number; total: number }) => void = () => undefined;
    let finish: (made: { fileName: string; bytes: number }) => void = () => undefined;
    download.mockImplementation((_key, options) => {
      progressed = options.onProgress;
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    expect(host.textContent).not.toMatch(/sign packs as your team/);
    act(() => byTestId('backup-include-key').click());
    expect(host.textContent).toMatch(/sign packs as your team/);
    await act(async () => byTestId('backup-create').click());
    expect(download).toHaveBeenCalledWith(true, expect.objectContaining({ signal: expect.any(AbortSignal) }));
    act(() => progressed({ done: 50 * 1024 * 1024, total: 200 * 1024 * 1024 }));
    expect(byTestId('backup-progress').textContent).toMatch(/Backing up: 50 of 200 MB of media written\./);
    await act(async () => finish({ fileName: 'dalil-backup-2026-11-26-1000.zip', bytes: 4 }));
    await settle();
    expect(byTestId('backup-progress')).toBeNull();
    expect(byTestId('backup-outcome').textContent).toMatch(/Saved .*dalil-backup-2026-11-26-1000\.zip/);
  });

  it('Stop ends a backup being made: the transfer is aborted and the person told no file was saved', async () => {
    download.mockImplementation(
      (_key, options: { signal: AbortSignal }) =>
        new Promise((_resolve, reject) => options.signal.addEventListener('abort', () => reject(options.signal.reason))),
    );
    await act(async () => byTestId('backup-create').click());
    await act(async () => byTestId('backup-progress-stop').click());
    await settle();
    expect(byTestId('backup-outcome').textContent).toMatch(/The backup was stopped: no file was saved\./);
    expect((byTestId('backup-create') as HTMLButtonElement).disabled).toBe(false);
  });

  const preview = {
    createdAt: '2026-11-26T10:00:00.000Z',
    appVersion: '1.2.3',
    pack: { before: { name: 'Mine', version: 2 }, after: { name: 'Theirs', version: 9 } },
    teamUrl: { before: 'https://packs.acme.example/pack.json', after: 'https://evil.example/pack.json' },
    webhookUrl: { refused: { url: 'http://collector.example/hook', reason: 'Use an https:// address' } },
    pin: { before: 'aaaa bbbb cccc dddd', backup: 'eeee ffff 0000 1111' },
    role: { before: 'agent', after: 'manager' },
    counts: { templates: 20, adCaptures: 2, media: 2, testimonials: 1, activityLog: 3 },
    signingKey: false,
  };

  const session = () => ({ ok: true, session: { preview, confirm, cancel } });

  it('shows what a restore changes before anything is written, and cancelling drops it', async () => {
    open.mockResolvedValueOnce(session());
    const file = new File(['PK\x03\x04'], 'theirs.zip');
    await chooseFile(file);
    expect(open).toHaveBeenCalledWith(file, expect.objectContaining({ signal: expect.any(AbortSignal) }));
    expect(byTestId('backup-preview-team-url').dataset.changed).toBe('true');
    expect(byTestId('backup-preview-team-url').querySelector('bdi[dir="ltr"]')?.textContent).toBe(
      'https://packs.acme.example/pack.json',
    );
    expect(byTestId('backup-preview-webhook-refused').textContent).toMatch(/http:\/\/collector\.example\/hook.*https:\/\//);
    expect(byTestId('backup-preview-role').dataset.changed).toBe('true');
    expect(byTestId('backup-preview-pin').textContent).toMatch(/aaaa bbbb cccc dddd.*eeee ffff 0000 1111/);
    expect((byTestId('backup-use-pin') as HTMLInputElement).checked).toBe(false);
    await act(async () => byTestId('backup-cancel').click());
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(confirm).not.toHaveBeenCalled();
    expect(byTestId('backup-preview')).toBeNull();
    expect(byTestId('backup-outcome').textContent).toMatch(/not restored\. Nothing was changed/);
  });

  it('restores on confirmation, keeping this browser’s pinned key unless ticked, and shows the counts', async () => {
    open.mockResolvedValueOnce(session());
    await chooseFile(new File(['PK\x03\x04'], 'backup.zip'));
    confirm.mockResolvedValueOnce({
      ok: true,
      counts: { templates: 20, adCaptures: 2, media: 2, testimonials: 1, activityLog: 3, sitesNeedingPermission: 1 },
    });
    await act(async () => byTestId('backup-confirm').click());
    await settle();
    expect(confirm).toHaveBeenLastCalledWith({ fileName: 'backup.zip', usePinnedKey: false });
    const text = byTestId('backup-outcome').textContent ?? '';
    expect(text).toMatch(/20 templates, 2 saved ads, 2 media files, 1 testimonial, 3 log entries\./);
    expect(text).toMatch(/1 site where Dalil was turned on needs it again/);

    open.mockResolvedValueOnce(session());
    await chooseFile(new File(['PK\x03\x04'], 'backup.zip'));
    act(() => byTestId('backup-use-pin').click());
    confirm.mockResolvedValueOnce({ ok: true, counts: {} });
    await act(async () => byTestId('backup-confirm').click());
    await settle();
    expect(confirm).toHaveBeenLastCalledWith(expect.objectContaining({ usePinnedKey: true }));
  });

  it('says a refused file’s problems in Arabic too, and that nothing changed', async () => {
    settings.value = { ...DEFAULT_SETTINGS, locale: 'ar' };
    open.mockResolvedValue({
      ok: false,
      problems: [{ path: 'dalil-backup.json', code: 'backup-swipe-export', message: 'This zip is a swipe-file export' }],
    });
    await chooseFile(new File(['PK'], 'swipe.zip'));
    const text = byTestId('backup-outcome').textContent ?? '';
    expect(text).toMatch(/لم يتغيّر شيء/);
    expect(text).toMatch(/تصدير لملف الإعلانات/);
  });
});
