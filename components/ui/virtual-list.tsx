/**
 * A list that renders only the items near the screen (the page scrolls, not the list): the others are
 * space, measured once they have been shown and estimated before. Screen readers hear each item's place in
 * the whole list (aria-posinset / aria-setsize); focus moving to the next item scrolls it into view,
 * which renders the items after it.
 */
import { type HTMLAttributes, type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Items rendered beyond the screen's: before it, and after it (where the keyboard and scrolling go first). */
const OVERSCAN_BEFORE = 10;
const OVERSCAN_AFTER = 30;
/** The space between items (the `mb-2` each item has), counted in its height. */
const GAP = 8;

export interface VirtualListProps {
  count: number;
  /** An item's content, or undefined while it loads (a placeholder of its estimated height is shown). */
  renderItem: (index: number) => ReactNode | undefined;
  itemKey: (index: number) => string;
  /** Attributes of an item's `<li>` (test ids, data attributes). */
  itemAttributes?: (index: number) => HTMLAttributes<HTMLLIElement> & Record<`data-${string}`, string>;
  /** Height of an item not yet measured, in pixels. */
  estimate: number;
  /** The items rendered changed: [start, end). */
  onRange?: (start: number, end: number) => void;
  label: string;
  itemClassName?: string;
}

export function VirtualList({
  count,
  renderItem,
  itemKey,
  itemAttributes,
  estimate,
  onRange,
  label,
  itemClassName = '',
}: VirtualListProps) {
  const list = useRef<HTMLUListElement>(null);
  const heights = useRef(new Map<string, number>());
  const [, remeasured] = useState(0);
  const [view, setView] = useState({ top: 0, bottom: typeof innerHeight === 'number' ? innerHeight : 800 });

  // Where the screen is, relative to the list's top.
  const readView = useCallback(() => {
    const top = list.current?.getBoundingClientRect().top ?? 0;
    setView((v) => {
      const next = { top: Math.max(0, -top), bottom: Math.max(0, innerHeight - top) };
      return next.top === v.top && next.bottom === v.bottom ? v : next;
    });
  }, []);
  useLayoutEffect(readView, [readView]);
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          readView();
        });
    };
    addEventListener('scroll', onScroll, { passive: true, capture: true });
    addEventListener('resize', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      removeEventListener('scroll', onScroll, { capture: true });
      removeEventListener('resize', onScroll);
    };
  }, [readView]);

  // Offsets of every item: measured heights where known, the estimate elsewhere.
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i] + (heights.current.get(itemKey(i)) ?? estimate);
  let first = 0;
  while (first < count && offsets[first + 1] <= view.top) first++;
  let last = first;
  while (last < count && offsets[last] < view.bottom) last++;
  const start = Math.max(0, first - OVERSCAN_BEFORE);
  const end = Math.min(count, last + OVERSCAN_AFTER);

  useEffect(() => onRange?.(start, end), [onRange, start, end]);

  // Each rendered item's height, as it is drawn (and again when it changes).
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const observe = useCallback(() => {
    if (!observer.current && typeof ResizeObserver === 'function') {
      observer.current = new ResizeObserver((entries) => {
        let changed = false;
        for (const entry of entries) {
          const element = entry.target as HTMLElement;
          const key = element.dataset.virtualKey;
          const height = element.offsetHeight + GAP;
          if (key && height > GAP && heights.current.get(key) !== height) {
            heights.current.set(key, height);
            changed = true;
          }
        }
        if (changed) remeasured((n) => n + 1);
      });
    }
    return observer.current;
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  const measure = useCallback(
    (element: HTMLLIElement | null) => {
      if (!element) return;
      const watching = observe();
      watching?.observe(element);
      return () => watching?.unobserve(element);
    },
    [observe],
  );

  const items: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const content = renderItem(i);
    const key = itemKey(i);
    items.push(
      <li
        key={key}
        ref={measure}
        data-virtual-key={content === undefined ? undefined : key}
        aria-posinset={i + 1}
        aria-setsize={count}
        aria-busy={content === undefined || undefined}
        className={`mb-2 ${itemClassName}`}
        style={content === undefined ? { height: estimate - GAP } : undefined}
        {...(content === undefined ? {} : itemAttributes?.(i))}
      >
        {content}
      </li>,
    );
  }
  return (
    <ul
      ref={list}
      className="m-0 list-none p-0"
      aria-label={label}
      style={{ paddingTop: offsets[start], paddingBottom: offsets[count] - offsets[end] }}
    >
      {items}
    </ul>
  );
}
