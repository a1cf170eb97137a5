/** The small button beside the focused composer that opens the picker. */
import { type ContentScriptContext, on } from '@/utils/content-scripts/lifecycle';
import { pageText } from '@/utils/i18n/page-text';
import { overlayRoot } from './overlay';
import type { SocialDeps } from './page';
import { pickerIsOpen } from './picker-frame';

export function init(ctx: ContentScriptContext, { page, guidance, insertion }: SocialDeps): void {
  let button: HTMLButtonElement | undefined;
  let focused: HTMLElement | null = null;
  const placeButton = () => {
    if (!button || !focused) return;
    const rect = focused.getBoundingClientRect();
    const rtl = getComputedStyle(focused).direction === 'rtl';
    button.style.top = `${Math.round(rect.bottom - 28)}px`;
    button.style.left = `${Math.round(rtl ? rect.left + 4 : rect.right - 28)}px`;
  };
  const showFor = (composer: HTMLElement) => {
    focused = composer;
    void guidance.load();
    if (!button) {
      button = document.createElement('button');
      button.className = 'button';
      button.type = 'button';
      button.title = pageText('composerButton');
      button.setAttribute('aria-label', pageText('composerButton'));
      // Keep the composer's focus and caret: the button never takes focus on press.
      on(ctx, button, 'pointerdown', (e) => e.preventDefault());
      on<MouseEvent>(ctx, button, 'click', (e) => {
        if (e.isTrusted && focused) void insertion.showPicker(focused);
      });
      overlayRoot().append(button);
    }
    button.hidden = false;
    placeButton();
  };
  on(ctx, document, 'focusin', (event) => {
    // A page's dispatched focusin neither fetches the templates nor shows the button.
    const composer = event.isTrusted && page.composerOf(event.target);
    if (composer) showFor(composer);
  });
  // A composer focused before this script ran (autofocus, or Dalil installed or updated while the
  // reply box was open) gets no focusin until it loses focus: show the button for it now.
  const alreadyFocused = page.composerOf(document.activeElement);
  if (alreadyFocused) showFor(alreadyFocused);
  on(ctx, document, 'focusout', () => {
    ctx.setTimeout(() => {
      if (button && focused && !focused.contains(document.activeElement) && !pickerIsOpen()) button.hidden = true;
    }, 150);
  });
  on(ctx, window, 'scroll', placeButton, { passive: true, capture: true });
  on(ctx, window, 'resize', placeButton, { passive: true });
}
