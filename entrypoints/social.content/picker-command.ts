/** The picker's keyboard command (sent by the background): opens the picker at the focused composer, or closes it. */
import type { ContentScriptContext } from '@/utils/content-scripts/lifecycle';
import type { TabCommand } from '@/utils/messaging/channels';
import type { SocialDeps } from './page';
import { closePicker, pickerIsOpen } from './picker-frame';
import { onTabCommand } from './tab-commands';

export function init(ctx: ContentScriptContext, { page, insertion }: SocialDeps): void {
  onTabCommand(ctx, (command: TabCommand) => {
    if (command.type !== 'dalil.open-picker') return;
    const composer = page.composerOf(document.activeElement);
    if (composer) void insertion.showPicker(composer);
    else if (pickerIsOpen()) closePicker();
  });
}
