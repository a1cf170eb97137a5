import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityLogEntry } from '../../utils/schemas/activity-log';
import type { SyncStatus } from '../../utils/sync/types';
import { saveScreenshot } from '../harness/artifacts';
import { type ExtensionBrowser, launchWithExtension, panelMessage, visibleText } from '../harness/browser';
import { startTeamServer, type TeamServer } from '../harness/team-server';

let browser: ExtensionBrowser;
let server: TeamServer;
beforeAll(async () => {
  server = await startTeamServer();
  browser = await launchWithExtension({ allowOrigins: [server.origin] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What the Brand tab sends after checking a local file: one palette-check log entry each. */
async function checkFiles(panel: import('playwright-core').Page, count: number, label: string) {
  for (let i = 0; i < count; i++) {
    await panelMessage(panel, 'panel.logPaletteCheck', {
      origin: 'file',
      label: `${label}-${i}.png`,
      verdict: i % 3 === 0 ? 'fail' : 'pass',
      onPaletteShare: 0.5 + (i % 5) / 10,
      swatches: 4,
    });
  }
}

const status = (panel: import('playwright-core').Page) => panelMessage<SyncStatus>(panel, 'panel.syncStatus', {});

describe('the team webhook', () => {
  it('delivers every entry once through a failing endpoint, two worker stops and a browser restart', async () => {
    // The endpoint fails every other request, half the time asking for a pause with Retry-After.
    server.webhookAnswer = (n) => (n % 2 === 0 ? { status: 503, retryAfter: n % 4 === 0 ? '1' : undefined } : { status: 200 });
    let panel = await browser.openSidePanel({ locale: 'en' });
    const before = new Set((await panelMessage<ActivityLogEntry[]>(panel, 'panel.listLog', { limit: 1000 })).map((e) => e.id));

    await panel.getByRole('tab', { name: 'Settings' }).click();
    await panel.getByTestId('sync-webhook-input').fill(server.url('/webhook'));
    await panel.getByTestId('sync-webhook-save').click();
    await expect.poll(async () => (await status(panel)).webhook?.url).toBe(server.url('/webhook'));

    await checkFiles(panel, 30, 'first');

    // First stop: while a delivery is in flight (the endpoint holds its answer for 3 s).
    server.webhookAnswer = () => ({ status: 200, delayMs: 3_000 });
    await checkFiles(panel, 5, 'held');
    await expect.poll(() => server.webhookInFlight, { timeout: 15_000 }).toBeGreaterThan(0);
    // The batch on its way when the worker stops: the only entries that may reach the collector twice.
    const cutOff = new Set(server.webhookInFlightKeys);
    await browser.stopServiceWorker();

    // The endpoint fails again; the worker wakes when the panel talks to it, and sends the leased batch again.
    server.webhookAnswer = (n) => (n % 2 === 0 ? { status: 500 } : { status: 200 });
    panel = await browser.openSidePanel({ locale: 'en' });
    await checkFiles(panel, 20, 'second');

    // Second stop, with entries still queued behind failures.
    server.webhookAnswer = () => ({ status: 503, retryAfter: '2' });
    await checkFiles(panel, 10, 'queued');
    await expect.poll(async () => (await status(panel)).outbox.queued, { timeout: 15_000 }).toBeGreaterThan(0);
    for (const key of server.webhookInFlightKeys) cutOff.add(key);
    await browser.stopServiceWorker();

    // A browser restart with entries queued: the outbox is in IndexedDB, not in the stopped worker.
    for (const key of server.webhookInFlightKeys) cutOff.add(key);
    browser = await browser.restart();
    server.webhookAnswer = (n) => (n % 2 === 0 ? { status: 503, retryAfter: '1' } : { status: 200 });
    panel = await browser.openSidePanel({ locale: 'en' });
    await panel.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(async () => (await status(panel)).outbox.queued, { timeout: 45_000, interval: 500 }).toBe(0);

    const logged = (await panelMessage<ActivityLogEntry[]>(panel, 'panel.listLog', { limit: 1000 })).filter(
      (e) => !before.has(e.id),
    );
    expect(logged).toHaveLength(65);
    // Every entry logged since the webhook was set reached the team's collector, under its own key, once.
    expect([...server.accepted.keys()].sort()).toEqual(logged.map((e) => e.id).sort());
    for (const e of logged) expect(server.accepted.get(e.id)?.entry).toMatchObject({ kind: e.kind, at: e.at });
    const resent = [...server.accepted].filter(([, a]) => a.times > 1).map(([key]) => key);
    // Only entries of a batch cut off by a stop were received twice (and recognised by their keys).
    expect(cutOff.size).toBeGreaterThan(0);
    for (const key of resent) expect(cutOff.has(key), key).toBe(true);
    console.log(
      `webhook: ${logged.length} entries, ${server.webhookDeliveries.length} POSTs, ${resent.length} resent after a stop`,
    );
    const failures = server.webhookDeliveries.filter((d) => d.status >= 500).length;
    expect(failures).toBeGreaterThan(2);

    const outbox = panel.getByTestId('sync-outbox-status');
    await expect.poll(() => visibleText(outbox)).toContain('Delivered: 65 · Waiting: 0');
    await saveScreenshot(panel, 'settings-webhook-delivered-en');
  });
});
