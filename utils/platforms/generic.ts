/**
 * Any text box on a site without its own adapter (or a platform composer its adapter no longer
 * recognises after a redesign): textareas, text inputs and contenteditable roots. No context.
 */
import { editableRoot } from '../editors/kind';
import type { PlatformAdapter } from './adapter';

export const genericAdapter: PlatformAdapter = {
  platform: 'generic',
  composerFor: (target) => {
    const root = editableRoot(target);
    if (!root || root.closest('[aria-hidden="true"], [inert]')) return null;
    if (root instanceof HTMLInputElement && root.type === 'password') return null;
    return root;
  },
  readContext: () => ({}),
  commentAt: () => null,
};
