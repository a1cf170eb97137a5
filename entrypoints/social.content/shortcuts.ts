/**
 * Shortcut expansion: a template's shortcut typed in a composer becomes the template's text. Only on
 * input the person really typed (a page could "type" every shortcut to read the pack).
 */
import { type ContentScriptContext, on } from '@/utils/content-scripts/lifecycle';
import { selectBeforeCaret } from '@/utils/editors/insert';
import { textBeforeCaret } from '@/utils/editors/read-text';
import { renderTemplate } from '@/utils/templates/render';
import { replyTemplate } from '@/utils/templates/reply-language';
import { detectCommentLanguage } from '@/utils/text/comment-language';
import type { SocialDeps } from './page';

export function init(ctx: ContentScriptContext, { page, guidance, insertion }: SocialDeps): void {
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
      const matcher = guidance.matcher();
      if (!matcher) {
        void guidance.load();
        return;
      }
      const before = textBeforeCaret(composer);
      const found = before ? matcher(before) : undefined;
      if (!found) return;
      void guidance.load().then(async (g) => {
        const context = page.contextFor(composer);
        // The comment is in the other language and the template has a pair in it: the pair is the reply.
        const commentLanguage = detectCommentLanguage(context.commentText);
        const template = g ? replyTemplate(found.template, commentLanguage, g.pairs, g.replyInCommentLanguage) : found.template;
        const swap =
          template !== found.template && commentLanguage !== 'unknown'
            ? { swappedFrom: found.template.id, commentLanguage }
            : undefined;
        const { text, missing } = renderTemplate(template, {
          commenter: { name: context.commenterName },
          agent: { name: g?.agentName },
          brand: { name: g?.brandName },
        });
        if (missing.length > 0) {
          // Fill-in fields: select the shortcut (the insertion replaces it) and let the picker ask for them.
          selectBeforeCaret(composer, found.length);
          return insertion.showPicker(composer, template.id);
        }
        await insertion.insert(composer, template.id, text, 'shortcut', { replaceBefore: found.length, swap });
      });
    },
    { capture: true },
  );
}
