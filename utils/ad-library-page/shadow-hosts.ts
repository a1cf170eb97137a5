/**
 * Dalil's controls on ad library pages: each in a closed shadow root on a plain host element, all
 * sharing one parsed stylesheet, all taken off the page when the script stops.
 */
import { type ContentScriptContext, on } from '@/utils/content-scripts/lifecycle';

const STYLE = `:host{all:initial!important;position:absolute!important;z-index:3!important;display:block!important;
font:12px/1.3 system-ui,"Segoe UI","Noto Sans Arabic","DejaVu Sans",sans-serif!important}
.bar{display:flex;gap:4px;align-items:center;margin:4px;padding:2px;border-radius:14px;background:#ffffffe6;box-shadow:0 1px 3px #0003}
button{font:inherit;border:0;border-radius:12px;padding:3px 9px;cursor:pointer;background:#0f7a5c;color:#fff}
button.quiet{background:#eef2f1;color:#0b5f48}
button[aria-pressed=true]{background:#0b5f48;color:#fff}
.badge{padding:2px 6px;border-radius:10px;background:#eef2f1;color:#334}
.new{background:#f2c14e;color:#3b2a00;font-weight:600}
.all{position:fixed;inset-block-end:16px;inset-inline-end:16px;padding:8px 14px;border-radius:18px;box-shadow:0 4px 12px #0004}`;

/** What a press on a control is made of: none of it reaches the page. */
const PRESS_EVENTS = ['click', 'pointerdown', 'mousedown', 'mouseup'] as const;

export interface ShadowHosts {
  /**
   * A closed shadow root on `host`, styled; clicks on it stay out of the page's handlers. `onClick` gets the clicks
   * on what the root holds (one listener for all its controls).
   */
  shadowFor(host: HTMLElement, onClick?: (event: MouseEvent) => void): ShadowRoot;
  /** Whether a node is one of our hosts (the page observer ignores what we add). */
  isOurs(node: Node): boolean;
}

export function createShadowHosts(ctx: ContentScriptContext): ShadowHosts {
  const ours = new WeakSet<Node>();
  // Weakly held: a card the page dropped (infinite scroll recycles them) is not kept alive by its controls.
  const hosts = new Set<WeakRef<HTMLElement>>();
  let sharedSheet: CSSStyleSheet | undefined;
  ctx.onInvalidated(() => {
    for (const host of hosts) host.deref()?.remove();
    hosts.clear();
  });

  const shadowFor = (host: HTMLElement, onClick?: (event: MouseEvent) => void) => {
    ours.add(host);
    hosts.add(new WeakRef(host));
    const root = host.attachShadow({ mode: 'closed' });
    // One parsed stylesheet shared by every card's root, instead of a <style> to parse per card.
    try {
      sharedSheet ??= new CSSStyleSheet();
      if (sharedSheet.cssRules.length === 0) sharedSheet.replaceSync(STYLE);
      root.adoptedStyleSheets = [sharedSheet];
    } catch {
      const style = document.createElement('style');
      style.textContent = STYLE;
      root.append(style);
    }
    // The page's own click handlers on the card must not see presses on our controls: they stop at our root, before
    // the host (and the page) in the event's path. One listener for the four (a card's controls go on in a slice
    // of a frame's idle time).
    on<MouseEvent>(ctx, root, PRESS_EVENTS, (e) => {
      e.stopPropagation();
      if (e.type === 'click') onClick?.(e);
    });
    return root;
  };

  return { shadowFor, isOurs: (node) => ours.has(node) };
}
