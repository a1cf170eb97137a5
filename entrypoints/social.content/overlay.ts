/**
 * Dalil's in-page surface: one closed shadow root on a plain `div`, so page scripts can neither
 * read what is inside nor restyle it (docs/budgets-and-security.md §2). The `:host` reset is `!important` because a
 * page's CSS on our host would otherwise leak in. Nothing is added to the page until needed.
 */
const HOST_STYLE = `:host{all:initial!important;position:fixed!important;inset-block-start:0!important;inset-inline-start:0!important;
width:0!important;height:0!important;z-index:2147483647!important;display:block!important;visibility:visible!important;
font:13px/1.4 system-ui,"Segoe UI","Noto Sans Arabic","DejaVu Sans",sans-serif!important}
.button{position:fixed;width:24px;height:24px;border-radius:12px;border:0;padding:0;cursor:pointer;
background:#0f7a5c url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Ccircle cx='12' cy='12' r='7' fill='none' stroke='white' stroke-width='2'/%3E%3Cpath d='M12 6l3 6-3 6-3-6z' fill='white'/%3E%3C/svg%3E") center/18px no-repeat;
box-shadow:0 1px 3px #0004;opacity:.85}
.button:hover,.button:focus-visible{opacity:1;outline:2px solid #f2c14e}
.toast{position:fixed;max-width:320px;padding:8px 12px;border-radius:8px;background:#1f2937;color:#fff;box-shadow:0 4px 12px #0005}
.frame{position:fixed;width:380px;height:440px;border:0;border-radius:12px;box-shadow:0 8px 28px #0005;background:#fff;color-scheme:light}`;

let shadow: ShadowRoot | undefined;

export function overlayRoot(): ShadowRoot {
  if (shadow?.host.isConnected) return shadow;
  // A fresh host every time: never render into a shadow root that might already exist.
  const host = document.createElement('div');
  let root: ShadowRoot;
  try {
    root = host.attachShadow({ mode: 'closed' });
  } catch {
    // The page pre-attached a root (hostile customElements tricks): use a new, unnamed host element.
    const fallback = document.createElement('span');
    root = fallback.attachShadow({ mode: 'closed' });
    document.documentElement.append(fallback);
    shadow = root;
    return finish(root);
  }
  document.documentElement.append(host);
  shadow = root;
  return finish(root);
}

/** Takes Dalil's surface off the page (the script stopped): a newer copy of the script draws its own. */
export function removeOverlay(): void {
  clearTimeout(toastTimer);
  shadow?.host.remove();
  shadow = undefined;
}

function finish(root: ShadowRoot): ShadowRoot {
  const style = document.createElement('style');
  style.textContent = HOST_STYLE;
  root.append(style);
  return root;
}

/** Places a fixed box next to an element: below it if there is room, else above; end-aligned. */
export function placeNear(box: HTMLElement, anchor: Element, size: { width: number; height: number }): void {
  const rect = anchor.getBoundingClientRect();
  const rtl = getComputedStyle(anchor).direction === 'rtl';
  const below = rect.bottom + 6 + size.height <= innerHeight;
  const top = below ? rect.bottom + 6 : Math.max(6, rect.top - 6 - size.height);
  const left = rtl ? rect.left : Math.max(6, Math.min(innerWidth - size.width - 6, rect.right - size.width));
  box.style.top = `${Math.round(top)}px`;
  box.style.left = `${Math.round(Math.max(6, left))}px`;
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;

/** A short message near the composer; text only (never HTML), in the browser's language. */
export function showToast(anchor: Element, text: string, ms = 4000): void {
  const root = overlayRoot();
  root.querySelector('.toast')?.remove();
  const toast = document.createElement('div');
  toast.className = 'toast';
  toast.setAttribute('role', 'status');
  toast.dir = 'auto';
  toast.textContent = text;
  root.append(toast);
  placeNear(toast, anchor, { width: 320, height: 40 });
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => toast.remove(), ms);
}
