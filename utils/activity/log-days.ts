/** Local calendar days for the Log tab's ranges and charts (pure: no database). */

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day `YYYY-MM-DD` of an instant, in the runtime's time zone. */
export function localDay(at: string | Date): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Every local day from the one holding `from` to the one holding the last instant before `to`. */
export function daysBetween(from: string, to: string, max = 400): string[] {
  const start = new Date(from);
  const last = new Date(Date.parse(to) - 1);
  if (Number.isNaN(start.getTime()) || Number.isNaN(last.getTime()) || last < start) return [];
  const days: string[] = [];
  // Calendar arithmetic on local dates, so a DST change (a 23- or 25-hour day) never skips or repeats a day.
  const day = new Date(start.getFullYear(), start.getMonth(), start.getDate());
  const end = localDay(last);
  while (days.length < max) {
    const key = localDay(day);
    days.push(key);
    if (key >= end) break;
    day.setDate(day.getDate() + 1);
  }
  return days;
}
