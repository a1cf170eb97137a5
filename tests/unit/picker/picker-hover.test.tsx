/**
 * The picker opened on a typed shortcut whose template has required fields keeps that template and its form
 * while rows come under a pointer that rests over the picker (the frame opening over it, the form growing and
 * pushing the list): browsers send mouseover then, Firefox also a mousemove at the same place on each reflow.
 * Moving the pointer over a row still makes it the active one.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { PickerApp } from '../../../components/picker/picker-app';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import type { PickerInit } from '../../../utils/messaging/channels';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
  if (!parsed.ok) throw new Error('default pack invalid');
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('en');
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => {
    if (message.type === 'panel.getGuidance') return { ok: true, data: { pack: parsed.pack } };
    if (message.type === 'panel.templateUsage') return { ok: true, data: {} };
    return { ok: false, error: { code: 'internal', message: message.type } };
  }) as never);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

async function openOn(preselect: string) {
  const init: PickerInit = {
    type: 'dalil-picker-init',
    nonce: 'n',
    platform: 'x',
    context: {},
    preselect,
    origin: 'https://x.com',
  };
  await act(async () => root.render(<PickerApp init={init} port={new MessageChannel().port1} />));
  await vi.waitFor(() => expect(container.querySelector('[data-testid="picker-fields"]')).not.toBeNull());
}

const row = (id: string) => container.querySelector(`[data-template-id="${id}"]`) as HTMLElement;
const activeId = () => (container.querySelector('[aria-selected="true"]') as HTMLElement | null)?.dataset.templateId;
const pointer = (target: Element, type: string, at: { x: number; y: number }) =>
  act(() => {
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, screenX: at.x, screenY: at.y, relatedTarget: document.body }));
  });

describe('the picker under a resting pointer', () => {
  it('keeps the typed template and its form when rows come under the pointer without it moving', async () => {
    await openOn('care.refund-issued.ar');
    expect(activeId()).toBe('care.refund-issued.ar');
    const other = row('care.refund-issued.en');
    // The list moved under the pointer: boundary events, and Firefox's mousemove at the same place.
    await pointer(other, 'mouseover', { x: 300, y: 320 });
    await pointer(other, 'mousemove', { x: 300, y: 320 });
    await pointer(other, 'mousemove', { x: 300, y: 320 });
    expect(activeId()).toBe('care.refund-issued.ar');
    expect(container.querySelector('[data-testid="picker-fields"]')).not.toBeNull();
    // Written in Arabic, with the Hijri date beside the Gregorian one: the Arabic template's form.
    expect(container.querySelector('[data-testid="picker-date-as-written"]')?.textContent).toMatch(/\(.*هـ\)$/);
  });

  it('makes the row the pointer moves over the active one', async () => {
    await openOn('care.refund-issued.ar');
    const other = row('care.thanks.en');
    await pointer(other, 'mousemove', { x: 300, y: 320 });
    await pointer(other, 'mousemove', { x: 304, y: 322 });
    expect(activeId()).toBe('care.thanks.en');
  });
});
