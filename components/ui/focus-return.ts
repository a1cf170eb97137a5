import { type RefObject, useEffect, useRef } from 'react';

/**
 * Focus for views that take a list's place (the template and playbook editors, a saved ad): the control
 * that opened one is unmounted while it is open, so it is remembered by its `data-focus-return` key and
 * focused again when the list comes back — a keyboard or screen-reader user lands where they were, not at
 * the top of the page. Returns the handler to call from the opener's click.
 */
export function useFocusReturn(open: boolean): (event: { currentTarget: HTMLElement }) => void {
  const key = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (open || !key.current) return;
    const opener = document.querySelector<HTMLElement>(`[data-focus-return="${CSS.escape(key.current)}"]`);
    key.current = undefined;
    opener?.focus();
  }, [open]);
  return (event) => {
    key.current = event.currentTarget.dataset.focusReturn;
  };
}

/** Moves focus to an opening view's heading (give it tabIndex -1), so a screen reader says where the person is. */
export function useFocusOnOpen<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
