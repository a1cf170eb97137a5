/** Commands the background sends this tab (the keyboard command, the context menu), for as long as the script lives. */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from '@/utils/content-scripts/lifecycle';
import type { TabCommand } from '@/utils/messaging/channels';

export function onTabCommand(ctx: ContentScriptContext, handle: (command: TabCommand) => void): void {
  const listener = (raw: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only the background (same extension, not a tab) sends these.
    if (!ctx.isValid || sender.id !== browser.runtime.id || sender.tab) return undefined;
    handle(raw as TabCommand);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => {
    try {
      browser.runtime.onMessage.removeListener(listener);
    } catch {
      // An orphaned script's extension APIs may be gone already: nothing reaches it then.
    }
  });
}
