/**
 * The WAI-ARIA tabs pattern's keys: the arrow keys move along the row of tabs as it is drawn (in
 * Arabic the row runs from the right, so ArrowLeft goes to the next tab), wrapping at the ends; Home and
 * End go to the first and last. Undefined for any other key.
 */
export function tabAfterKey(key: string, current: number, count: number, rtl: boolean): number | undefined {
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const back = rtl ? 'ArrowRight' : 'ArrowLeft';
  if (key === forward) return (current + 1) % count;
  if (key === back) return (current - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}
