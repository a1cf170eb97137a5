import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Rows drawn beyond the screen on each side, so a scroll shows cards already there. */
const OVERSCAN_ROWS = 2;

/**
 * A list of `count` items drawn in `columns` columns of rows `rowHeight` px apart, of which only the rows
 * near the screen exist in the DOM: 10,000 saved ads are a few dozen elements. The page scrolls as a whole
 * (the side panel's body), so the window's scroll decides what is drawn. The list keeps its own focus:
 * arrow keys move between items (left and right follow the reading direction), Page Up/Down by a screen,
 * Home/End to the ends; an item not drawn is scrolled to and focused once it is.
 */
export function VirtualGrid({
  count,
  columns,
  rowHeight,
  label,
  rtl,
  onRange,
  renderItem,
  testId,
}: {
  count: number;
  columns: number;
  rowHeight: number;
  label: string;
  rtl: boolean;
  /** The items on screen (first and last index, overscan included). */
  onRange: (first: number, last: number) => void;
  renderItem: (index: number) => ReactNode;
  testId?: string;
}) {
  const list = useRef<HTMLUListElement>(null);
  const [rows, setRows] = useState({ first: 0, last: 3 });
  const focusAfterDraw = useRef<number | undefined>(undefined);
  const totalRows = Math.ceil(count / columns);

  useLayoutEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      const top = list.current?.getBoundingClientRect().top ?? 0;
      const first = Math.max(0, Math.floor(-top / rowHeight) - OVERSCAN_ROWS);
      const last = Math.min(Math.max(0, totalRows - 1), Math.ceil((window.innerHeight - top) / rowHeight) + OVERSCAN_ROWS);
      setRows((old) => (old.first === first && old.last === last ? old : { first, last }));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [rowHeight, totalRows]);

  const first = Math.min(rows.first, Math.max(0, totalRows - 1)) * columns;
  const last = Math.min(count - 1, (rows.last + 1) * columns - 1);
  useEffect(() => onRange(first, last), [first, last, onRange]);

  useEffect(() => {
    const index = focusAfterDraw.current;
    if (index === undefined || index < first || index > last) return;
    const item = list.current?.querySelector<HTMLElement>(`[data-index="${index}"] [data-grid-focus]`);
    if (item) {
      focusAfterDraw.current = undefined;
      item.focus();
    }
  });

  function moveTo(index: number) {
    const target = Math.max(0, Math.min(count - 1, index));
    const item = list.current?.querySelector<HTMLElement>(`[data-index="${target}"] [data-grid-focus]`);
    const row = Math.floor(target / columns);
    const top = (list.current?.getBoundingClientRect().top ?? 0) + window.scrollY + row * rowHeight;
    if (top < window.scrollY || top + rowHeight > window.scrollY + window.innerHeight)
      window.scrollTo({ top: top - (window.innerHeight - rowHeight) / 2 });
    if (item) item.focus();
    else focusAfterDraw.current = target;
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLUListElement>) {
    const from = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!from || !(event.target as HTMLElement).hasAttribute('data-grid-focus')) return;
    const index = Number(from.dataset.index);
    const screen = Math.max(1, Math.floor(window.innerHeight / rowHeight)) * columns;
    const step: Record<string, number> = {
      ArrowRight: rtl ? -1 : 1,
      ArrowLeft: rtl ? 1 : -1,
      ArrowDown: columns,
      ArrowUp: -columns,
      PageDown: screen,
      PageUp: -screen,
    };
    let next: number | undefined;
    if (event.key in step) next = index + step[event.key];
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = count - 1;
    if (next === undefined) return;
    event.preventDefault();
    moveTo(next);
  }

  const items: ReactNode[] = [];
  for (let index = first; index <= last; index++)
    items.push(
      <li key={index} data-index={index} aria-setsize={count} aria-posinset={index + 1} style={{ height: rowHeight - 8 }}>
        {renderItem(index)}
      </li>,
    );
  return (
    <ul
      ref={list}
      aria-label={label}
      className="m-0 grid list-none content-start gap-2 p-0"
      style={{
        gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        gridAutoRows: rowHeight - 8,
        paddingTop: Math.floor(first / columns) * rowHeight,
        height: totalRows * rowHeight,
        boxSizing: 'border-box',
      }}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      {items}
    </ul>
  );
}
