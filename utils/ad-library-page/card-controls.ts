/**
 * On each card near the screen: Save, the days-running badge, the "new" mark and Follow (the advertiser). The
 * controls go on before the card is read (cheap: no reading of the card's text); the badge and Follow show once
 * it has been read (ad-state.ts `refresh`).
 */
import { type ContentScriptContext, on } from '@/utils/content-scripts/lifecycle';
import { pageDir, pageText } from '@/utils/i18n/page-text';
import type { AdCapture } from '@/utils/schemas/ad-capture';
import { advertiserKey } from '@/utils/swipe-file/days-running';
import type { AdState } from './ad-state';
import type { ShadowHosts } from './shadow-hosts';

export interface CardControlsDeps {
  state: AdState;
  hosts: ShadowHosts;
  /** Called before each card gets its controls (the first one shows "Save all visible"). */
  beforeAttach(): void;
}

/** Returns `attach(id, card)`, which puts the controls of the ad with capture id `id` on its card. */
export function init(ctx: ContentScriptContext, { state, hosts, beforeAttach }: CardControlsDeps) {
  const { saved, followed, controls, captures, send } = state;
  return function attach(id: string, card: Element) {
    beforeAttach();
    const host = document.createElement('div');
    const root = hosts.shadowFor(host);
    const bar = document.createElement('div');
    bar.className = 'bar';
    // The controls follow Dalil's language (the library page may be in another).
    bar.dir = pageDir();
    const saveButton = document.createElement('button');
    saveButton.type = 'button';
    saveButton.dataset.dalil = 'save';
    on<MouseEvent>(ctx, saveButton, 'click', (e) => {
      if (!e.isTrusted || saved.has(id)) return;
      const ad = state.reread(id);
      if (ad) void state.save([ad], false);
      else {
        // A card that cannot be read cannot be saved: the control says so rather than seeming pressed for nothing.
        state.notSaved.add(id);
        state.refresh(id);
      }
    });
    const follow = document.createElement('button');
    follow.type = 'button';
    follow.className = 'quiet';
    follow.hidden = true;
    on<MouseEvent>(ctx, follow, 'click', (e) => {
      const ad: AdCapture | undefined = captures.get(id);
      const key = ad && advertiserKey(ad);
      if (!e.isTrusted || !ad || !key) return;
      const next = !followed.has(key);
      void send('panel.followAdvertiser', { key, library: ad.library, name: ad.advertiserName ?? key, follow: next }).then(() => {
        if (next) followed.add(key);
        else followed.delete(key);
        for (const shown of controls.keys()) state.refresh(shown);
      });
    });
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.hidden = true;
    const freshMark = document.createElement('span');
    freshMark.className = 'badge new';
    freshMark.textContent = pageText('adNew');
    bar.append(saveButton, badge, freshMark, follow);
    root.append(bar);
    // An absolutely positioned host takes no room and no part in the card's flex or grid layout.
    card.prepend(host);
    controls.set(id, { host, save: saveButton, badge, follow, fresh: freshMark });
    state.refresh(id);
  };
}
