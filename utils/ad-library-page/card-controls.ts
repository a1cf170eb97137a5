/**
 * On each card near the screen: Save, the days-running badge, the "new" mark and Follow (the advertiser). The
 * controls go on before the card is read (cheap: no reading of the card's text); the badge and Follow show once
 * it has been read (ad-state.ts `refresh`).
 */
import type { ContentScriptContext } from '@/utils/content-scripts/lifecycle';
import { pageDir, pageLocale, pageText } from '@/utils/i18n/page-text';
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

/**
 * The controls' markup, built once per language and cloned for each card (one call, not a dozen), as a card no one
 * has saved or read shows them (what `refresh` would write): most cards need nothing more on attach.
 */
let template: { locale: string; bar: HTMLElement } | undefined;
function controlsTemplate(): HTMLElement {
  const locale = pageLocale();
  if (template?.locale !== locale) {
    const bar = document.createElement('div');
    bar.className = 'bar';
    // The controls follow Dalil's language (the library page may be in another).
    bar.dir = pageDir();
    const save = document.createElement('button');
    save.type = 'button';
    save.dataset.dalil = 'save';
    save.textContent = pageText('adSave');
    save.setAttribute('aria-pressed', 'false');
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.hidden = true;
    const fresh = document.createElement('span');
    fresh.className = 'badge new';
    fresh.textContent = pageText('adNew');
    fresh.hidden = true;
    const follow = document.createElement('button');
    follow.type = 'button';
    follow.className = 'quiet';
    follow.textContent = '☆';
    follow.setAttribute('aria-pressed', 'false');
    follow.hidden = true;
    bar.append(save, badge, fresh, follow);
    template = { locale, bar };
  }
  return template.bar;
}

/** Returns `attach(id, card)`, which puts the controls of the ad with capture id `id` on its card. */
export function init(_ctx: ContentScriptContext, { state, hosts, beforeAttach }: CardControlsDeps) {
  const { saved, followed, controls, captures, send } = state;

  function pressSave(id: string) {
    if (saved.has(id)) return;
    const ad = state.reread(id);
    if (ad) void state.save([ad], false);
    else {
      // A card that cannot be read cannot be saved: the control says so rather than seeming pressed for nothing.
      state.notSaved.add(id);
      state.refresh(id);
    }
  }

  function pressFollow(id: string) {
    const ad: AdCapture | undefined = captures.get(id);
    const key = ad && advertiserKey(ad);
    if (!ad || !key) return;
    const next = !followed.has(key);
    void send('content.followAdvertiser', { key, library: ad.library, name: ad.advertiserName ?? key, follow: next }).then(
      (done) => {
        // Refused or unanswered: the star stays as it was.
        if (!done) return;
        if (next) followed.add(key);
        else followed.delete(key);
        for (const shown of controls.keys()) state.refresh(shown);
      },
    );
  }

  return function attach(id: string, card: Element) {
    beforeAttach();
    const host = document.createElement('div');
    const bar = controlsTemplate().cloneNode(true) as HTMLElement;
    const [save, badge, fresh, follow] = bar.children as unknown as [
      HTMLButtonElement,
      HTMLSpanElement,
      HTMLSpanElement,
      HTMLButtonElement,
    ];
    const root = hosts.shadowFor(host, (e) => {
      if (!e.isTrusted) return;
      const pressed = (e.target as Element).closest('button');
      if (pressed === save) pressSave(id);
      else if (pressed === follow) pressFollow(id);
    });
    root.append(bar);
    // An absolutely positioned host takes no room and no part in the card's flex or grid layout.
    card.prepend(host);
    controls.set(id, { host, save, badge, follow, fresh });
    // A card read, saved or marked before (shown again, or a second copy of the ad) shows what is known of it.
    if (state.known(id)) state.refresh(id);
  };
}
