/** "Save comment as testimonial" (the context menu): the comment right-clicked last, saved to the swipe file. */
import { type ContentScriptContext, on } from '@/utils/content-scripts/lifecycle';
import { pageText } from '@/utils/i18n/page-text';
import { showToast } from './overlay';
import type { SocialDeps } from './page';
import { onTabCommand } from './tab-commands';

export function init(ctx: ContentScriptContext, { page }: SocialDeps): void {
  const { adapter, platform, send } = page;
  let lastContextTarget: Element | null = null;
  on(
    ctx,
    document,
    'contextmenu',
    (event) => {
      if (event.isTrusted && event.target instanceof Element) lastContextTarget = event.target;
    },
    { capture: true },
  );
  onTabCommand(ctx, (command) => {
    if (command.type !== 'dalil.save-testimonial' || !lastContextTarget) return;
    const target = lastContextTarget;
    const comment = adapter.commentAt(target);
    if (!comment) {
      showToast(target, pageText('toastNoComment'));
      return;
    }
    void send('content.saveTestimonial', { ...comment, platform, pageUrl: location.href }).then((saved) => {
      showToast(target, pageText(saved ? 'toastTestimonialSaved' : 'toastNoComment'));
    });
  });
}
