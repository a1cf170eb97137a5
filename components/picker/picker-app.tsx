/**
 * The template picker shown inside a platform page (in an extension-origin frame): search as you
 * type, suggestions for the comment being answered, most-used first, a live preview with the
 * variables filled, and fill-in fields. Only approved templates are offered.
 */
import { type KeyboardEvent, type MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { TemplateBody } from '@/components/templates/template-body';
import { Bidi } from '@/components/ui/bidi';
import { directionOf, type Locale, resolveLocale } from '@/utils/i18n/locale';
import type { MessageKey } from '@/utils/i18n/messages';
import { translate } from '@/utils/i18n/panel-text';
import type { PickerOpening, PickerToContent } from '@/utils/messaging/channels';
import { sendToBackground } from '@/utils/messaging/client';
import type { Template } from '@/utils/schemas/template';
import { searchTemplates } from '@/utils/search';
import { readSettings } from '@/utils/settings';
import { formFields, renderTemplate } from '@/utils/templates/render';
import { baseLanguage } from '@/utils/templates/reply-language';
import { suggestTemplates } from '@/utils/templates/suggest';
import { cleanName } from '@/utils/text/clean-text';
import { detectCommentLanguage } from '@/utils/text/comment-language';
import { FieldForm } from './field-form';

/** An option's height and the space below it: one line each, so the rows not drawn are counted, not measured. */
const ROW_PITCH = 30;
/** Rows drawn beyond the list's view, either way. */
const ROWS_BEYOND_VIEW = 25;

interface Loaded {
  templates: Template[];
  /** Every template of the pack by id, for `{{> id}}`. */
  byId: Map<string, Template>;
  usage: Record<string, number>;
  brandName: string;
  agentName: string;
  locale: Locale;
  /** Settings: "Reply in the commenter's language": the comment's language ranks first. */
  replyInCommentLanguage: boolean;
}

/** The pack's part of what the picker shows: the same arrays (and so the same search index) until the pack changes. */
type PackPart = Pick<Loaded, 'templates' | 'byId' | 'brandName'>;
/**
 * Kept by the frame, which the content script keeps between openings on a page: the pack is asked for again
 * only when the background says it changed (guidanceRevision), and the search index built over
 * `templates` (utils/search keeps one per array) lasts as long.
 */
let packHeld: { revision: unknown; part: Promise<PackPart> } | undefined;

function packPart(revision: unknown): Promise<PackPart> {
  if (packHeld && packHeld.revision === revision && revision !== undefined) return packHeld.part;
  const part = sendToBackground('panel.getGuidance', {}).then((snapshot) => ({
    templates: snapshot.pack.templates.filter((t) => t.status === 'approved'),
    byId: new Map(snapshot.pack.templates.map((t) => [t.id, t])),
    brandName: snapshot.pack.brandKit.name,
  }));
  packHeld = { revision, part };
  part.catch(() => {
    if (packHeld?.part === part) packHeld = undefined;
  });
  return part;
}

async function load(): Promise<Loaded> {
  const { guidanceRevision } = await browser.storage.local.get('guidanceRevision');
  const [pack, usage, { settings }] = await Promise.all([
    packPart(guidanceRevision),
    sendToBackground('panel.templateUsage', {}),
    readSettings(),
  ]);
  return {
    ...pack,
    usage,
    agentName: settings.agentName,
    locale: resolveLocale(settings.locale, browser.i18n.getUILanguage()),
    replyInCommentLanguage: settings.replyInCommentLanguage !== false,
  };
}

export function PickerApp({ init, port }: { init: PickerOpening; port: MessagePort }) {
  const [data, setData] = useState<Loaded>();
  const [query, setQuery] = useState('');
  const [lang, setLang] = useState('all');
  const [category, setCategory] = useState('all');
  const [active, setActive] = useState(0);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [editingFields, setEditingFields] = useState(false);
  const [siteEnabled, setSiteEnabled] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const firstField = useRef<HTMLElement>(null);
  const listBox = useRef<HTMLDivElement>(null);
  const resultsGroup = useRef<HTMLDivElement>(null);
  // The results drawn: only the rows near the list's view (5,000 rows took ~0.7 s a keystroke to draw).
  const [drawn, setDrawn] = useState({ start: 0, end: ROWS_BEYOND_VIEW * 2 });
  /** Where the pointer was last seen over the list, to tell a hover from a row moving under a resting pointer. */
  const pointerAt = useRef<{ x: number; y: number }>(undefined);

  useEffect(() => {
    void load().then((loaded) => {
      setData(loaded);
      document.documentElement.lang = loaded.locale;
      document.documentElement.dir = directionOf(loaded.locale);
    });
  }, []);
  // The search box takes the keyboard as soon as there is something to search.
  useEffect(() => {
    if (data && !init.preselect) search.current?.focus();
  }, [data, init.preselect]);

  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(data?.locale ?? 'en', key, params);
  const send = (message: PickerToContent) => port.postMessage(message);

  const categories = useMemo(
    () => [...new Set((data?.templates ?? []).map((x) => x.category).filter(Boolean))] as string[],
    [data],
  );
  const filtered = useMemo(
    () =>
      (data?.templates ?? []).filter(
        (x) => (lang === 'all' || baseLanguage(x.lang) === lang) && (category === 'all' || x.category === category),
      ),
    [data, lang, category],
  );
  // The comment's language ranks first (a boost, never a filter), with the setting on.
  const commentLanguage = useMemo(() => detectCommentLanguage(init.context.commentText), [init.context.commentText]);
  const preferLang = data?.replyInCommentLanguage && commentLanguage !== 'unknown' ? commentLanguage : undefined;
  const suggestions = useMemo(
    () => (query || !init.context.commentText ? [] : suggestTemplates(init.context.commentText, filtered, data?.usage)),
    [query, init.context.commentText, filtered, data],
  );
  const results = useMemo(() => {
    // Searched over every approved template (one index for the pack, built once), then filtered: an index
    // per filtered array was built again on each opening and each filter change (~300 ms at 5,000).
    if (query.trim()) {
      const found = searchTemplates(data?.templates ?? [], query, { preferLang });
      if (lang === 'all' && category === 'all') return found;
      const shown = new Set(filtered);
      return found.filter((x) => shown.has(x));
    }
    const usage = data?.usage ?? {};
    const shown = new Set(suggestions.map((s) => s.id));
    const other = (x: Template) => (preferLang && baseLanguage(x.lang) !== preferLang ? 1 : 0);
    // The comment's language first; then most used first; never-used keep the pack's order.
    return filtered
      .map((x, index) => ({ x, index }))
      .filter(({ x }) => !shown.has(x.id))
      .sort((a, b) => other(a.x) - other(b.x) || (usage[b.x.id] ?? 0) - (usage[a.x.id] ?? 0) || a.index - b.index)
      .map(({ x }) => x);
  }, [filtered, query, suggestions, data, preferLang, lang, category]);
  const list = useMemo(() => [...suggestions, ...results], [suggestions, results]);

  /** Where the results group is in the list's view: the rows to draw, with some beyond it either way. */
  const readDrawn = () => {
    const box = listBox.current;
    const group = resultsGroup.current;
    if (!box || !group) return;
    const above = box.getBoundingClientRect().top - group.getBoundingClientRect().top;
    const first = Math.max(0, Math.floor(above / ROW_PITCH));
    const start = Math.max(0, first - ROWS_BEYOND_VIEW);
    const end = first + Math.ceil(box.clientHeight / ROW_PITCH) + ROWS_BEYOND_VIEW;
    setDrawn((d) => (d.start === start && d.end === end ? d : { start, end }));
  };
  // The active option stays in view (and so drawn) as the arrow keys move it, wrapping to the end.
  // biome-ignore lint/correctness/useExhaustiveDependencies: list moves the rows under the same index
  useEffect(() => {
    const box = listBox.current;
    const group = resultsGroup.current;
    if (!box) return;
    if (active < suggestions.length || !group) {
      box.querySelector(`#option-${active}`)?.scrollIntoView({ block: 'nearest' });
    } else {
      const top = group.offsetTop - box.offsetTop + (active - suggestions.length) * ROW_PITCH;
      if (top < box.scrollTop) box.scrollTop = top;
      else if (top + ROW_PITCH > box.scrollTop + box.clientHeight) box.scrollTop = top + ROW_PITCH - box.clientHeight;
    }
    readDrawn();
  }, [active, list]);

  // A typed shortcut that needs fill-in fields arrives preselected.
  useEffect(() => {
    if (!init.preselect || !data) return;
    const index = list.findIndex((x) => x.id === init.preselect);
    if (index >= 0) {
      setActive(index);
      setEditingFields(true);
    }
  }, [init.preselect, data, list]);
  useEffect(() => {
    if (editingFields) firstField.current?.focus();
  }, [editingFields]);

  // The composer's platform picks the template's variant; includes come from the pack.
  const renderContext = {
    commenter: { name: init.context.commenterName },
    agent: { name: data?.agentName },
    brand: { name: data?.brandName },
    fields,
    platform: init.platform,
    include: (id: string) => data?.byId.get(id),
  };
  const render = (template: Template) => renderTemplate(template, renderContext);
  const current = list[Math.min(active, list.length - 1)];
  const needed = current ? formFields(current, renderContext) : [];
  const rendered = current ? render(current) : undefined;
  const preview = current ? renderTemplate(current, { ...renderContext, keepMissing: true }) : undefined;

  /** Inserts a template, unless it still needs fill-in fields: then those are asked for first. */
  const chooseTemplate = (template: Template, index: number) => {
    const result = render(template);
    if (result.missing.length > 0) {
      setActive(index);
      setEditingFields(true);
      firstField.current?.focus();
      return;
    }
    send({ type: 'insert', templateId: template.id, text: result.text, cursor: result.cursor });
  };
  const choose = () => {
    if (current) chooseTemplate(current, Math.min(active, list.length - 1));
  };

  /**
   * A row becomes the active one when the pointer moves over it, not when it comes under a pointer that rests
   * there: the picker opening over the pointer, or its form growing and pushing the list, makes browsers send
   * mouseover/mouseenter (Firefox on every reflow) and would swap the typed shortcut's template and its form
   * for whatever row lies under the pointer.
   */
  const hoverRow = (event: MouseEvent, index: number) => {
    const last = pointerAt.current;
    pointerAt.current = { x: event.screenX, y: event.screenY };
    if (last && (last.x !== event.screenX || last.y !== event.screenY)) setActive(index);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      send({ type: 'close' });
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !(event.target as Element).closest('fieldset')) {
      // The arrows move through the list, except in the form, where they move within a menu.
      event.preventDefault();
      setEditingFields(false);
      setFields({});
      setActive((i) => (list.length === 0 ? 0 : (i + (event.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length));
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      choose();
    }
  };

  if (!data) return <p className="p-3 text-slate-500">…</p>;

  const item = (template: Template, index: number) => (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard drives the list from the search box (aria-activedescendant)
    <div
      key={template.id}
      role="option"
      tabIndex={-1}
      id={`option-${index}`}
      aria-selected={index === active}
      data-template-id={template.id}
      onMouseMove={(event) => hoverRow(event, index)}
      onClick={() => chooseTemplate(template, index)}
      aria-posinset={index + 1}
      aria-setsize={list.length}
      style={{ height: ROW_PITCH - 2 }}
      className={`mb-0.5 cursor-pointer overflow-hidden rounded px-2 py-1 ${index === active ? 'bg-brand-50 ring-1 ring-brand-600' : 'hover:bg-slate-50'}`}
    >
      <div className="flex items-center gap-1.5">
        <Bidi className="truncate font-medium">{template.title}</Bidi>
        {template.shortcut && (
          <code dir="auto" className="rounded bg-slate-100 px-1 text-xs">
            {template.shortcut}
          </code>
        )}
        <span className="ms-auto text-xs text-slate-600">{template.lang}</span>
      </div>
    </div>
  );

  return (
    <main className="flex h-screen flex-col text-sm" onKeyDown={onKeyDown}>
      <h1 className="sr-only">{t('picker.all')}</h1>
      <div className="flex gap-1 border-b border-slate-200 p-2">
        <input
          ref={search}
          type="search"
          dir="auto"
          role="combobox"
          aria-expanded="true"
          aria-controls="picker-list"
          aria-activedescendant={`option-${active}`}
          aria-label={t('picker.search')}
          placeholder={t('picker.search')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setEditingFields(false);
          }}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1"
        />
        <button
          type="button"
          aria-label={t('picker.close')}
          onClick={() => send({ type: 'close' })}
          className="rounded px-2 hover:bg-slate-100"
        >
          ✕
        </button>
      </div>
      <div className="flex gap-2 px-2 pt-1 text-xs">
        <select
          aria-label={t('editor.lang')}
          value={lang}
          onChange={(e) => setLang(e.target.value)}
          className="rounded border border-slate-300"
        >
          <option value="all">{t('common.all')}</option>
          <option value="ar">{t('lang.ar')}</option>
          <option value="en">{t('lang.en')}</option>
        </select>
        <select
          aria-label={t('common.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          className="min-w-0 rounded border border-slate-300"
        >
          <option value="all">{t('common.all')}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        {init.platform === 'generic' && /^https?:/.test(init.origin) && (
          <button
            type="button"
            className="ms-auto text-brand-700 underline disabled:no-underline"
            disabled={siteEnabled}
            onClick={async () => {
              // Asked on the person's click, for this one site only.
              const granted = await browser.permissions.request({ origins: [`${init.origin}/*`] });
              if (granted)
                setSiteEnabled((await sendToBackground('panel.setSiteEnabled', { origin: init.origin, enabled: true })).ok);
            }}
          >
            {t(siteEnabled ? 'picker.alwaysOnDone' : 'picker.alwaysOn', { site: new URL(init.origin).host })}
          </button>
        )}
        {cleanName(init.context.commenterName) && (
          <span className="ms-auto truncate text-slate-500">
            {t('picker.replyingTo', { name: cleanName(init.context.commenterName) })}
          </span>
        )}
      </div>
      {preferLang && (
        <p className="m-0 px-2 pt-1 text-xs text-slate-600" data-testid="picker-comment-language" data-lang={preferLang}>
          {t(preferLang === 'ar' ? 'picker.commentLanguage.ar' : 'picker.commentLanguage.en')}
        </p>
      )}
      {/* A listbox holds only options and groups: the suggestions are a group named by their heading. */}
      <div
        ref={listBox}
        onScroll={readDrawn}
        className="flex-1 overflow-auto p-2"
        id="picker-list"
        role="listbox"
        aria-label={t('picker.all')}
      >
        {suggestions.length > 0 && (
          // biome-ignore lint/a11y/useSemanticElements: an option group inside a listbox (a fieldset is for form controls)
          <div role="group" aria-labelledby="picker-suggested" className="mb-2" data-testid="picker-suggestions">
            <div id="picker-suggested" role="presentation" className="mb-1 text-xs font-semibold text-slate-600">
              {t('picker.suggested')}
            </div>
            {suggestions.map((s, i) => item(s, i))}
          </div>
        )}
        {list.length > 0 && (
          // biome-ignore lint/a11y/useSemanticElements: an option group inside a listbox (a fieldset is for form controls)
          <div
            ref={resultsGroup}
            role="group"
            aria-label={t('picker.all')}
            data-testid="picker-results"
            style={{
              paddingTop: Math.min(drawn.start, results.length) * ROW_PITCH,
              paddingBottom: Math.max(0, results.length - drawn.end) * ROW_PITCH,
            }}
          >
            {results.slice(drawn.start, drawn.end).map((r, i) => item(r, drawn.start + i + suggestions.length))}
          </div>
        )}
      </div>
      {list.length === 0 && <p className="m-0 px-2 pb-2 text-slate-600">{t('picker.empty')}</p>}
      {current && rendered && (
        <div className="max-h-48 overflow-auto border-t border-slate-200 p-2" data-testid="picker-preview">
          <TemplateBody body={preview?.text ?? rendered.text} className="m-0 text-slate-800" />
          {(editingFields || rendered.missing.length > 0 || (current.fields?.length ?? 0) > 0) && needed.length > 0 && (
            <FieldForm
              fields={needed}
              values={fields}
              lang={current.lang}
              onChange={(name, value) => setFields((before) => ({ ...before, [name]: value }))}
              firstField={firstField}
              t={t}
            />
          )}
          <div className="mt-1 flex items-center gap-2">
            <span className="text-xs text-slate-600">{t('picker.hint')}</span>
            <button
              type="button"
              onClick={choose}
              className="ms-auto rounded-md bg-brand-600 px-2.5 py-1 text-white disabled:opacity-50"
              disabled={rendered.missing.length > 0}
            >
              {t('picker.insert')}
            </button>
          </div>
        </div>
      )}
    </main>
  );
}
