/** On each read ad's card: Save, the days-running badge, the "new" mark and Follow (the advertiser). */
import { type ContentScriptContext, on } from '@/utils/content-scripts/lifecycle';
import { pageDir, pageText } from '@/utils/i18n/page-text';
import type { AdCapture } from '@/utils/schemas/ad-capture';
import { advertiserKey, daysRunning } from '@/utils/swipe-file/days-running';
import type { AdState } from './ad-state';
import type { ShadowHosts } from './shadow-hosts';

export interface CardControlsDeps {
  state: AdState;
  hosts: ShadowHosts;
  /** Called before each card gets its controls (the first one shows "Save all visible"). */
  beforeAttach(): void;
}

/** Returns `attach(ad, card)`, which puts an ad's controls on its card. */
export function init(ctx: ContentScriptContext, { state, hosts, beforeAttach }: CardControlsDeps) {
  const { saved, followed, controls, send } = state;
  return function attach(ad: AdCapture, card: Element) {
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
      if (e.isTrusted && !saved.has(ad.id)) void state.save([state.reread(ad.id)], false);
    });
    const follow = document.createElement('button');
    follow.type = 'button';
    follow.className = 'quiet';
    on<MouseEvent>(ctx, follow, 'click', (e) => {
      const key = advertiserKey(ad);
      if (!e.isTrusted || !key) return;
      const next = !followed.has(key);
      void send('panel.followAdvertiser', { key, library: ad.library, name: ad.advertiserName ?? key, follow: next }).then(() => {
        if (next) followed.add(key);
        else followed.delete(key);
        for (const id of controls.keys()) state.refresh(id);
      });
    });
    const days = daysRunning(ad);
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = days === undefined ? '' : pageText('adDays', { count: days });
    badge.hidden = days === undefined;
    const freshMark = document.createElement('span');
    freshMark.className = 'badge new';
    freshMark.textContent = pageText('adNew');
    bar.append(saveButton, badge, freshMark, follow);
    root.append(bar);
    // An absolutely positioned host takes no room and no part in the card's flex or grid layout.
    card.prepend(host);
    controls.set(ad.id, { save: saveButton, follow, fresh: freshMark });
    state.refresh(ad.id);
  };
}
