/**
 * Runs on the six platforms: expands approved templates' shortcuts as they are typed, shows the
 * picker (button beside the focused composer, or the keyboard command), saves comments as
 * testimonials, and reports what its platform adapter could not find. Small and framework-free:
 * it loads on every platform page; the picker's UI lives in an extension page loaded on demand.
 */
import { browser } from 'wxt/browser';
import {
  type InsertResult,
  insertIntoComposer,
  type SavedSelection,
  saveSelection,
  selectBeforeCaret,
} from '@/utils/editors/insert';
import { textBeforeCaret } from '@/utils/editors/read-text';
import { loadPageLocale, pageText } from '@/utils/i18n/page-text';
import type { TabCommand } from '@/utils/messaging/channels';
import { sendFromContent } from '@/utils/messaging/client';
import type { ContentGuidance } from '@/utils/messaging/protocol';
import type { PlatformAdapter, ReplyContext } from '@/utils/platforms/adapter';
import { platformOfHost } from '@/utils/platforms/detect';
import { genericAdapter } from '@/utils/platforms/generic';
import { ADAPTERS } from '@/utils/platforms/index';
import { PLATFORM_MATCHES } from '@/utils/platforms/matches';
import type { Template } from '@/utils/schemas/template';
import { renderTemplate } from '@/utils/templates/render';
import { createShortcutMatcher, type ShortcutMatch } from '@/utils/templates/shortcut-matcher';
import { startBrandChecks } from './brand-checks';
import { overlayRoot, showToast } from './overlay';
import { closePicker, openPicker, pickerIsOpen } from './picker-frame';

const send = sendFromContent;

export default defineContentScript({
  matches: PLATFORM_MATCHES,
  // The Ad Library is facebook.com too, but it has no composers: only the ad-library script runs there.
  excludeMatches: ['https://www.facebook.com/ads/library*'],
  runAt: 'document_idle',
  // WXT's window.postMessage announcing the script took ~3 ms at every load (measured) and told every page
  // that Dalil runs there; its custom-event replacement is kept.
  noScriptStartedPostMessage: true,
  main() {
    // Injected again on a tab that already runs it (the command on an enabled site): keep one copy.
    const flag = globalThis as { __dalilContentScript?: boolean };
    if (flag.__dalilContentScript) return;
    flag.__dalilContentScript = true;
    const platform = platformOfHost(location.hostname);
    const adapter: PlatformAdapter = ADAPTERS[platform];
    void send('content.hello', { platform, url: location.href });

    // Approved templates, fetched when a composer is first focused and again when the pack changes.
    let guidance: Promise<ContentGuidance | undefined> | undefined;
    let matcher: ((text: string) => ShortcutMatch<Template> | undefined) | undefined;
    // Pack changes matter once templates are held: the listener is added then, not at every page load
    // (the storage API's first use costs up to ~1.5 ms there).
    let watching = false;
    const loadGuidance = () => {
      if (!watching) {
        watching = true;
        // Toasts, the composer button and the checklist in Dalil's language (Settings), read with the first templates.
        void loadPageLocale();
        browser.storage.onChanged.addListener((changes, area) => {
          if (area === 'local' && ('guidanceRevision' in changes || 'settings' in changes)) {
            guidance = undefined;
            matcher = undefined;
            void loadGuidance();
          }
        });
      }
      guidance ??= send('content.getGuidance', {}).then((g) => {
        matcher = g ? createShortcutMatcher(g.templates) : undefined;
        if (!g) guidance = undefined;
        return g;
      });
      return guidance;
    };

    const reported = new Set<string>();
    const reportOnce = (problem: string) => {
      if (reported.has(problem) || platform === 'generic') return;
      reported.add(problem);
      void send('content.reportHealth', { platform, problem, url: location.href });
    };

    /** The composer an event happened in: the platform's own, else any text box (reported, still served). */
    const composerOf = (target: EventTarget | null): HTMLElement | null => {
      if (!(target instanceof Element)) return null;
      const own = adapter.composerFor(target);
      if (own) return own;
      const generic = genericAdapter.composerFor(target);
      if (generic && platform !== 'generic') reportOnce('composer-unrecognised');
      return generic;
    };

    // The brand checks (badges, copy-rules checklist, their observers and styles) start with the first
    // composer the person uses, not on every page load: most page loads never write anything.
    const startChecks = (event?: Event) => {
      if (event && !composerOf(event.target)) return;
      document.removeEventListener('focusin', startChecks, true);
      document.removeEventListener('input', startChecks, true);
      startBrandChecks({ platform, send, composerOf });
    };
    // A composer focused before the script ran (autofocus) starts them now; otherwise the first focus or input.
    const active = document.activeElement;
    if (active && active !== document.body && composerOf(active)) startChecks();
    else {
      document.addEventListener('focusin', startChecks, true);
      document.addEventListener('input', startChecks, true);
    }

    const contextFor = (composer: HTMLElement): ReplyContext => {
      // A composer only the generic adapter took has no context to read.
      if (!adapter.composerFor(composer)) return {};
      const context = adapter.readContext(composer);
      if (!context.commenterName) reportOnce('commenter-not-found');
      return context;
    };

    async function insert(
      composer: HTMLElement,
      templateId: string,
      text: string,
      via: 'shortcut' | 'picker',
      options: { replaceBefore?: number; restore?: SavedSelection },
    ) {
      const result: InsertResult = await insertIntoComposer(composer, text, options);
      if (!result.ok) showToast(composer, pageText(result.copied ? 'toastCopied' : 'toastNotLanded'), 6000);
      void send('content.logInsertion', {
        templateId,
        platform,
        pageUrl: location.href,
        technique: result.technique,
        editor: result.editor,
        landed: result.ok,
        via,
      });
      return result;
    }

    async function showPicker(composer: HTMLElement, preselect?: string) {
      const restore = saveSelection(composer);
      const choice = await openPicker(composer, platform, contextFor(composer), preselect);
      composer.focus({ preventScroll: true });
      if (choice) await insert(composer, choice.templateId, choice.text, 'picker', { restore });
    }

    // Shortcut expansion: only on input the person really typed (a page could "type" every shortcut to read the pack).
    document.addEventListener(
      'input',
      (event) => {
        if (!event.isTrusted) return;
        const inputType = (event as InputEvent).inputType;
        if (inputType && !inputType.startsWith('insert')) return;
        const composer = composerOf(event.target);
        if (!composer) return;
        if (!matcher) {
          void loadGuidance();
          return;
        }
        const before = textBeforeCaret(composer);
        const found = before ? matcher(before) : undefined;
        if (!found) return;
        void loadGuidance().then(async (g) => {
          const context = contextFor(composer);
          const { text, missing } = renderTemplate(found.template, {
            commenter: { name: context.commenterName },
            agent: { name: g?.agentName },
            brand: { name: g?.brandName },
          });
          if (missing.length > 0) {
            // Fill-in fields: select the shortcut (the insertion replaces it) and let the picker ask for them.
            selectBeforeCaret(composer, found.length);
            return showPicker(composer, found.template.id);
          }
          await insert(composer, found.template.id, text, 'shortcut', { replaceBefore: found.length });
        });
      },
      true,
    );

    // The small button beside the focused composer.
    let button: HTMLButtonElement | undefined;
    let focused: HTMLElement | null = null;
    const placeButton = () => {
      if (!button || !focused) return;
      const rect = focused.getBoundingClientRect();
      const rtl = getComputedStyle(focused).direction === 'rtl';
      button.style.top = `${Math.round(rect.bottom - 28)}px`;
      button.style.left = `${Math.round(rtl ? rect.left + 4 : rect.right - 28)}px`;
    };
    document.addEventListener('focusin', (event) => {
      const composer = composerOf(event.target);
      if (!composer) return;
      focused = composer;
      void loadGuidance();
      if (!button) {
        button = document.createElement('button');
        button.className = 'button';
        button.type = 'button';
        button.title = pageText('composerButton');
        button.setAttribute('aria-label', pageText('composerButton'));
        // Keep the composer's focus and caret: the button never takes focus on press.
        button.addEventListener('pointerdown', (e) => e.preventDefault());
        button.addEventListener('click', (e) => {
          if (e.isTrusted && focused) void showPicker(focused);
        });
        overlayRoot().append(button);
      }
      button.hidden = false;
      placeButton();
    });
    document.addEventListener('focusout', () => {
      setTimeout(() => {
        if (button && focused && !focused.contains(document.activeElement) && !pickerIsOpen()) button.hidden = true;
      }, 150);
    });
    addEventListener('scroll', placeButton, { passive: true, capture: true });
    addEventListener('resize', placeButton, { passive: true });

    let lastContextTarget: Element | null = null;
    document.addEventListener(
      'contextmenu',
      (event) => {
        if (event.isTrusted && event.target instanceof Element) lastContextTarget = event.target;
      },
      true,
    );

    browser.runtime.onMessage.addListener((raw, sender) => {
      // Only the background (same extension, not a tab) sends these.
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      const command = raw as TabCommand;
      if (command.type === 'dalil.open-picker') {
        const composer = composerOf(document.activeElement);
        if (composer) void showPicker(composer);
        else if (pickerIsOpen()) closePicker();
      } else if (command.type === 'dalil.save-testimonial' && lastContextTarget) {
        const target = lastContextTarget;
        const comment = adapter.commentAt(target);
        if (!comment) {
          showToast(target, pageText('toastNoComment'));
          return undefined;
        }
        void send('content.saveTestimonial', { ...comment, platform, pageUrl: location.href }).then((saved) => {
          showToast(target, pageText(saved ? 'toastTestimonialSaved' : 'toastNoComment'));
        });
      }
      return undefined;
    });
  },
});
