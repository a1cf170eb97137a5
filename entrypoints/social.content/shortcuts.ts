/**
 * Shortcut expansion: a template's shortcut typed in a composer becomes the template's text. Only on
 * input the person really typed (a page could "type" every shortcut to read the pack). A shortcut typed
 * before the shortcut table has arrived (right after clicking into the reply box) expands when it does. The text
 * goes in within the task of the key that completes the shortcut, its expansion prepared ahead (expansion.ts).
 */
import { type ContentScriptContext, on } from '@/utils/content-scripts/lifecycle';
import { selectBeforeCaret } from '@/utils/editors/insert';
import { textBeforeCaret } from '@/utils/editors/read-text';
import { afterDispatch } from '@/utils/editors/tasks';
import { createExpansions } from './expansion';
import type { SocialDeps } from './page';

export function init(ctx: ContentScriptContext, { page, guidance, insertion }: SocialDeps): void {
  const expansions = createExpansions(page, guidance);
  /** The shortcut before the caret, if the table is held and one was just typed. */
  const typedShortcut = (composer: HTMLElement) => {
    const before = textBeforeCaret(composer);
    return before ? guidance.matcher()?.(before) : undefined;
  };

  /** `keystroke`: the input event of the key just typed, while it is being dispatched. */
  const expand = async (composer: HTMLElement, keystroke?: Event) => {
    const before = textBeforeCaret(composer);
    const found = before ? guidance.matcher()?.(before) : undefined;
    if (!found) {
      if (before) expansions.prepare(composer, guidance.prefetch(before));
      return;
    }
    // Still in the keystroke's dispatch (nothing awaited yet): its end is where the text goes in.
    const keystrokeHandled = keystroke && afterDispatch(keystroke);
    const expansion = await expansions.of(composer, found.template);
    // Gone from the pack, or the person typed on while its text was fetched: leave their text as it is.
    if (!expansion || ctx.isInvalid || typedShortcut(composer)?.template !== found.template) return;
    const { template, text, missing, cursor, swap } = expansion;
    if (missing.length > 0) {
      // Required fields: select the shortcut (the insertion replaces it) and let the picker's form ask for them.
      selectBeforeCaret(composer, found.length);
      return insertion.showPicker(composer, template.id);
    }
    await insertion.insert(composer, template.id, text, 'shortcut', {
      replaceBefore: found.length,
      swap,
      cursor,
      keystrokeHandled,
    });
  };

  // Typed before the table arrived: the last composer typed in is looked at again once it has.
  let waiting: HTMLElement | undefined;
  const expandWhenLoaded = (composer: HTMLElement) => {
    const first = waiting === undefined;
    waiting = composer;
    if (!first) return;
    void guidance.load().then(() => {
      const typedIn = waiting;
      waiting = undefined;
      // Still where the person is typing: a box they left keeps what they typed.
      if (typedIn?.isConnected && typedIn.contains(document.activeElement)) return expand(typedIn);
    });
  };

  on<InputEvent>(
    ctx,
    document,
    'input',
    (event) => {
      if (!event.isTrusted) return;
      const inputType = event.inputType;
      if (inputType && !inputType.startsWith('insert')) return;
      const composer = page.composerOf(event.target);
      if (!composer) return;
      if (!guidance.matcher()) return expandWhenLoaded(composer);
      // The text goes in within the keystroke's task, as soon as the editor has handled it: waiting for a task
      // would wait for the next frame (Chromium runs it first after input), up to 16 ms more.
      void expand(composer, event);
    },
    { capture: true },
  );
}
