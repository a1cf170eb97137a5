import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { parsePlaybookBody } from '../../../components/playbooks/playbook-body';
import { filterPlaybooks, PlaybooksView } from '../../../components/playbooks/playbooks-view';
import { parseGuidancePack } from '../../../utils/guidance/parse-pack';
import type { GuidancePack } from '../../../utils/schemas/guidance-pack';
import type { Playbook } from '../../../utils/schemas/playbook';
import { guidance, settings } from '../../../utils/state/panel-store';
import { splitTags } from '../../../utils/tags';
import { DEFAULT_PACK_TEXT } from '../pack-fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;
let sent: Array<{ type: string; payload: unknown }>;

function defaultPack(): GuidancePack {
  const parsed = parseGuidancePack(DEFAULT_PACK_TEXT);
  if (!parsed.ok) throw new Error('default pack invalid');
  return parsed.pack;
}

const source = { kind: 'default' as const, appliedAt: '2026-11-20T09:00:00Z' };

beforeEach(() => {
  sent = [];
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('en');
  settings.value = { locale: 'en', agentName: '', role: 'manager' };
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string; payload: unknown }) => {
    sent.push(message);
    return { ok: true, data: { ok: true } };
  }) as never);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
  guidance.value = null;
});

async function render(playbooks: Playbook[], readOnly = false) {
  guidance.value = {
    pack: { ...defaultPack(), playbooks },
    source,
    storedProblems: [],
    ...(readOnly ? { readOnly } : {}),
  };
  await act(async () => root.render(<PlaybooksView />));
}

const all = (selector: string) => [...container.querySelectorAll<HTMLElement>(selector)];
const byTestId = (id: string) => {
  const element = container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!element) throw new Error(`no ${id}`);
  return element;
};
const click = (element: HTMLElement) => act(async () => element.click());

async function type(element: HTMLElement, value: string) {
  const prototype = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const sample: Playbook = {
  id: 'playbook.sample',
  title: 'الشكاوى',
  lang: 'ar',
  tags: ['شكاوى'],
  body: 'الفقرة الأولى\nسطرها الثاني\n\n- البند الأول\n- البند الثاني\n\nالفقرة الأخيرة',
};

describe('parsePlaybookBody', () => {
  it('splits paragraphs on blank lines and gathers "- " lines into lists', () => {
    expect(parsePlaybookBody('One\ntwo\n\n\n- a\n-  b\n\r\nThree:\n- c\nafter')).toEqual([
      { kind: 'paragraph', text: 'One\ntwo' },
      { kind: 'list', items: ['a', 'b'] },
      { kind: 'paragraph', text: 'Three:' },
      { kind: 'list', items: ['c'] },
      { kind: 'paragraph', text: 'after' },
    ]);
  });
});

describe('PlaybooksView', () => {
  it('shows the first paragraph, then every paragraph and list on "Show all", each with dir="auto"', async () => {
    await render([sample]);
    const item = byTestId('playbook-item');
    expect(item.querySelector('bdi')?.textContent).toBe('الشكاوى');
    expect(item.textContent).toContain('شكاوى');
    const body = byTestId('playbook-body');
    expect(body.getAttribute('lang')).toBe('ar');
    expect([...body.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['الفقرة الأولى\nسطرها الثاني']);
    expect(body.querySelector('ul')).toBeNull();

    await click(byTestId('playbook-toggle'));
    expect(byTestId('playbook-toggle').getAttribute('aria-expanded')).toBe('true');
    expect([...body.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['الفقرة الأولى\nسطرها الثاني', 'الفقرة الأخيرة']);
    expect([...body.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['البند الأول', 'البند الثاني']);
    for (const element of body.querySelectorAll('p, li')) expect(element.getAttribute('dir')).toBe('auto');
  });

  it('shows markup in a body as text, never as elements', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await render([{ ...sample, title: `<b>${hostile}</b>`, body: `${hostile}\n\n- ${hostile}`, tags: [hostile] }]);
    await click(byTestId('playbook-toggle'));
    const item = byTestId('playbook-item');
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(byTestId('playbook-body').querySelector('p')?.textContent).toBe(hostile);
    expect(byTestId('playbook-body').querySelector('li')?.textContent).toBe(hostile);
    expect(item.textContent).toContain(`<b>${hostile}</b>`);
  });

  it('renders every playbook of the default pack, Arabic and English', async () => {
    const playbooks = defaultPack().playbooks;
    expect(playbooks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(playbooks.map((p) => p.lang.split('-')[0]))).toEqual(new Set(['ar', 'en']));
    await render(playbooks);
    const items = all('[data-testid="playbook-item"]');
    expect(items.map((x) => x.dataset.playbookId)).toEqual(playbooks.map((p) => p.id));
    for (const toggle of all('[data-testid="playbook-toggle"]')) await click(toggle);
    for (const [index, item] of items.entries()) {
      const blocks = parsePlaybookBody(playbooks[index].body);
      const body = item.querySelector('[data-testid="playbook-body"]') as HTMLElement;
      expect(body.querySelectorAll(':scope > p').length).toBe(blocks.filter((b) => b.kind === 'paragraph').length);
      expect(body.querySelectorAll(':scope > ul').length).toBe(blocks.filter((b) => b.kind === 'list').length);
      expect(body.textContent?.length).toBeGreaterThan(100);
    }
    // The built-in playbooks use lists: at least one renders as one.
    expect(container.querySelectorAll('[data-testid="playbook-body"] li').length).toBeGreaterThan(0);
  });

  it('finds Arabic with or without hamza and filters by language', async () => {
    const playbooks = defaultPack().playbooks;
    expect(filterPlaybooks(playbooks, 'الراضين', 'all').map((p) => p.id)).toContain('playbook.unhappy-customers.ar');
    expect(filterPlaybooks(playbooks, 'اعتذر', 'all').map((p) => p.id)).toContain('playbook.unhappy-customers.ar');
    expect(filterPlaybooks(playbooks, '', 'en').every((p) => p.lang.startsWith('en'))).toBe(true);
    await render(playbooks);
    await type(container.querySelector('input[type="search"]') as HTMLElement, 'UNHAPPY customers');
    expect(all('[data-testid="playbook-item"]').map((x) => x.dataset.playbookId)).toEqual(['playbook.unhappy-customers.en']);
  });

  it('edits: validates before sending, splits tags on Latin and Arabic commas, deletes after confirming', async () => {
    await render([sample]);
    await click(byTestId('playbook-edit'));
    expect(byTestId('playbook-editor')).toBeTruthy();
    await type(byTestId('playbook-title'), '   ');
    await click(byTestId('playbook-save'));
    expect(sent).toEqual([]);
    expect(byTestId('problem-list').textContent).toContain('title');

    await type(byTestId('playbook-title'), 'الشكاوى العامة');
    await type(byTestId('playbook-tags'), 'شكاوى، تصعيد, dm');
    await click(byTestId('playbook-save'));
    expect(sent).toEqual([
      {
        type: 'panel.savePlaybook',
        payload: { playbook: { ...sample, title: 'الشكاوى العامة', tags: ['شكاوى', 'تصعيد', 'dm'] } },
      },
    ]);
    expect(container.querySelector('[data-testid="playbook-editor"]')).toBeNull();

    sent = [];
    // happy-dom has no window.confirm: the person's answers, no then yes.
    const confirm = vi
      .fn((_message?: string) => false)
      .mockReturnValueOnce(false)
      .mockReturnValueOnce(true);
    Object.defineProperty(window, 'confirm', { value: confirm, configurable: true, writable: true });
    await click(byTestId('playbook-delete'));
    expect(sent).toEqual([]);
    await click(byTestId('playbook-delete'));
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(confirm.mock.calls[0][0]).toContain(sample.title);
    expect(sent).toEqual([{ type: 'panel.deletePlaybook', payload: { id: sample.id } }]);
  });

  it('a new playbook gets an id the pack accepts', async () => {
    await render([]);
    await click(byTestId('playbook-new'));
    await type(byTestId('playbook-title'), 'Night shift');
    await type(byTestId('playbook-body'), 'Hand over.\n\n- Write a note.');
    await click(byTestId('playbook-save'));
    const payload = sent[0]?.payload as { playbook: Playbook };
    expect(sent[0]?.type).toBe('panel.savePlaybook');
    expect(payload.playbook).toMatchObject({ title: 'Night shift', lang: 'ar', tags: [] });
    expect(payload.playbook.id).toMatch(/^playbook\.[0-9a-f]{8}$/);
  });

  it('read-only for an agent following the team: a note, no edit controls', async () => {
    await render([sample], true);
    expect(byTestId('playbooks-read-only').textContent).toBeTruthy();
    for (const id of ['playbook-new', 'playbook-edit', 'playbook-delete']) {
      expect(container.querySelector(`[data-testid="${id}"]`), id).toBeNull();
    }
    expect(byTestId('playbook-item')).toBeTruthy();
  });

  it('splitTags drops blanks and repeats', () => {
    expect(splitTags(' a ،b,, a ،')).toEqual(['a', 'b']);
  });
});
