/**
 * "Save all visible": the cards on screen now, in one request (one transaction in the background).
 * Shown with the first card's controls: before that there is nothing to save.
 */
import { type ContentScriptContext, on } from '@/utils/content-scripts/lifecycle';
import { pageText } from '@/utils/i18n/page-text';
import type { AdState } from './ad-state';
import type { ShadowHosts } from './shadow-hosts';

export interface SaveAllDeps {
  state: AdState;
  hosts: ShadowHosts;
  /** Gives the cards still queued their controls and reads the unread ones (ones that just scrolled in). */
  flush(): void;
}

/** Returns `show()`, which puts the button on the page (once). */
export function init(ctx: ContentScriptContext, { state, hosts, flush }: SaveAllDeps) {
  let shown = false;
  return function show() {
    if (shown) return;
    shown = true;
    const allHost = document.createElement('div');
    const allRoot = hosts.shadowFor(allHost);
    const saveAll = document.createElement('button');
    saveAll.type = 'button';
    saveAll.className = 'all';
    saveAll.textContent = pageText('adSaveAll');
    on<MouseEvent>(ctx, saveAll, 'click', (e) => {
      if (!e.isTrusted) return;
      flush();
      const visible = [...state.cardOf].filter(([id, { card }]) => {
        if (state.saved.has(id) || !card.isConnected) return false;
        const rect = card.getBoundingClientRect();
        return rect.bottom > 0 && rect.top < innerHeight;
      });
      const ads = visible.map(([id]) => state.reread(id)).filter((ad) => ad !== undefined);
      if (ads.length > 0) void state.save(ads, true);
    });
    allRoot.append(saveAll);
    document.documentElement.append(allHost);
  };
}
