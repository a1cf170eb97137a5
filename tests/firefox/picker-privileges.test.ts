/**
 * The picker frame in real Firefox, where an extension frame inside a web page is described to the
 * background its own way: every privileged message sent from inside it is refused, what it needs still
 * works, and it may turn Dalil on only for the site of the tab it is in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { protocol } from '../../utils/messaging/protocol';
import {
  clickComposerButtonInFirefox,
  type FirefoxWithExtension,
  focusComposerInFirefox,
  launchFirefoxWithExtension,
  openDemoInFirefox,
  panelMessageIn,
  pickerFrameIn,
  pollFor,
  serveDemoPagesInFirefox,
} from '../harness/firefox';

let firefox: FirefoxWithExtension;
beforeAll(async () => {
  firefox = await launchFirefoxWithExtension();
  await serveDemoPagesInFirefox(firefox);
});
afterAll(() => firefox?.close());

type Reply = { ok: boolean; data?: unknown; error?: { code: string } };

describe('the picker frame in Firefox', () => {
  it('is refused every privileged message, and may turn Dalil on only for its own tab’s site', async () => {
    const page = await openDemoInFirefox(firefox, 'x');
    await focusComposerInFirefox(page);
    await clickComposerButtonInFirefox(page);
    const frame = await pollFor(
      () => pickerFrameIn(page),
      (f) => f !== undefined,
    );
    if (!frame) throw new Error('the picker did not open');
    await frame.waitForSelector('[role="combobox"]');
    const send = (messages: Array<{ type: string; payload: unknown }>) =>
      frame.evaluate(
        (list) =>
          Promise.all(
            list.map((m) =>
              (
                globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
              ).browser.runtime.sendMessage(m),
            ),
          ),
        messages,
      ) as Promise<Reply[]>;

    const allowed = ['panel.getGuidance', 'panel.templateUsage', 'panel.setSiteEnabled'];
    const privileged = Object.keys(protocol).filter((type) => !allowed.includes(type));
    const replies = await send(privileged.map((type) => ({ type, payload: {} })));
    expect(Object.fromEntries(replies.map((r, i) => [privileged[i], r.error?.code]))).toEqual(
      Object.fromEntries(privileged.map((type) => [type, 'forbidden-sender'])),
    );

    const [guidance, usage, elsewhere, own] = await send([
      { type: 'panel.getGuidance', payload: {} },
      { type: 'panel.templateUsage', payload: {} },
      { type: 'panel.setSiteEnabled', payload: { origin: 'https://evil.example', enabled: true } },
      { type: 'panel.setSiteEnabled', payload: { origin: 'https://x.com', enabled: true } },
    ]);
    expect(guidance.ok && usage.ok).toBe(true);
    expect(elsewhere).toEqual({ ok: true, data: { ok: false, error: 'not-this-site' } });
    // Firefox tells the background the tab's address too: its own site passes the check.
    expect(own.ok).toBe(true);
    expect(own.data).not.toEqual({ ok: false, error: 'not-this-site' });

    const panel = await firefox.openExtensionPage('sidepanel.html');
    await panelMessageIn(panel, 'panel.setSiteEnabled', { origin: 'https://x.com', enabled: false });
    await panel.close();
    await page.close();
  });
});
