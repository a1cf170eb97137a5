/** Putting a template's text into a composer, typed as a shortcut or chosen in the picker, and logging it. */
import type { ContentScriptContext } from '@/utils/content-scripts/lifecycle';
import type { CursorMark } from '@/utils/editors/caret';
import {
  type InsertResult,
  insertIntoComposer,
  restoreSelection,
  type SavedSelection,
  saveSelection,
} from '@/utils/editors/insert';
import { pageText } from '@/utils/i18n/page-text';
import { showToast } from './overlay';
import type { Page } from './page';
import { discardPicker, openPicker } from './picker-frame';

export interface Insertion {
  insert(
    composer: HTMLElement,
    templateId: string,
    text: string,
    via: 'shortcut' | 'picker',
    options: {
      replaceBefore?: number;
      restore?: SavedSelection;
      /** The typed template's pair was inserted instead, for the comment's language (logged). */
      swap?: { swappedFrom: string; commentLanguage: 'ar' | 'en' };
      /** Where the template's {{cursor}} puts the caret, as part of the insert. */
      cursor?: CursorMark;
      /** With `replaceBefore`: the editor has handled the keystroke that completed the shortcut (same task). */
      keystrokeHandled?: Promise<void>;
    },
  ): Promise<InsertResult>;
  /** Opens the picker by the composer (on a template whose fields it should ask for) and inserts the choice. */
  showPicker(composer: HTMLElement, preselect?: string): Promise<void>;
}

export function createInsertion(ctx: ContentScriptContext, page: Page): Insertion {
  const { platform, send } = page;
  ctx.onInvalidated(discardPicker);

  async function insert(...[composer, templateId, text, via, options]: Parameters<Insertion['insert']>) {
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
      ...options.swap,
    });
    return result;
  }

  async function showPicker(composer: HTMLElement, preselect?: string) {
    const restore = saveSelection(composer);
    const choice = await openPicker(composer, platform, page.contextFor(composer), preselect);
    // The script stopped while the picker was open (it was closed with it): nothing to insert.
    if (ctx.isInvalid) return;
    composer.focus({ preventScroll: true });
    if (choice) await insert(composer, choice.templateId, choice.text, 'picker', { restore, cursor: choice.cursor });
    // Closed without a choice: the caret goes back where it was, so typing goes on there.
    else if (restore) restoreSelection(composer, restore);
  }

  return { insert, showPicker };
}
