/**
 * When to try again after a failed pack fetch or webhook delivery: exponential backoff with full
 * jitter (so a team's browsers that failed together do not retry together), and the server's
 * Retry-After respected.
 */

export interface BackoffOptions {
  /** The first retry's ceiling. */
  baseMs?: number;
  /** No backoff delay grows past this. */
  capMs?: number;
  /** In [0, 1); tests pass a seeded one. */
  random?: () => number;
}

export const DEFAULT_BASE_MS = 10_000;
export const DEFAULT_CAP_MS = 60 * 60_000;
/**
 * A server's Retry-After is followed up to a day: a longer wait is more likely a misconfigured
 * header than a plan, and a day is also the longest pack refresh interval (1440 minutes). The
 * person can always press "Retry now".
 */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

/**
 * Delay before the next try after `failures` failures in a row (1 = the first failure): a random
 * time between 0 and min(cap, base·2^(failures−1)) ("full jitter"), but at least base/2, so a
 * unlucky draw never retries at once into a server that just failed.
 */
export function retryDelayMs(failures: number, options: BackoffOptions = {}): number {
  const { baseMs = DEFAULT_BASE_MS, capMs = DEFAULT_CAP_MS, random = Math.random } = options;
  const exponent = Math.max(1, Math.floor(failures)) - 1;
  // 2^exponent becomes Infinity for absurd failure counts; min() with the cap keeps it finite.
  const ceiling = Math.min(capMs, baseMs * 2 ** exponent);
  return Math.floor(Math.max(Math.min(baseMs / 2, capMs), random() * ceiling));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// RFC 9110 §5.6.7: IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", the obsolete RFC 850 form
// "Sunday, 06-Nov-94 08:49:37 GMT", and asctime "Sun Nov  6 08:49:37 1994"; all three are UTC.
const IMF_OR_RFC850 = /^[a-z]{3,9}, (\d{1,2})[ -]([a-z]{3})[ -](\d{2}|\d{4}) (\d{2}):(\d{2}):(\d{2}) gmt$/i;
const ASCTIME = /^[a-z]{3} ([a-z]{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i;

function httpDateMs(text: string, now: Date): number | undefined {
  const imf = IMF_OR_RFC850.exec(text);
  const asc = imf ? null : ASCTIME.exec(text);
  // Normalised to day, month name, year, hour, minute, second.
  const fields = imf ? imf.slice(1, 7) : asc ? [asc[2], asc[1], asc[6], asc[3], asc[4], asc[5]] : undefined;
  if (!fields) return undefined;
  const [dayText, monthName, yearText, hourText, minuteText, secondText] = fields;
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month < 0) return undefined;
  const [day, hour, minute, second] = [dayText, hourText, minuteText, secondText].map(Number);
  let year = Number(yearText);
  if (yearText.length === 2) {
    // RFC 850's two-digit year: the century that puts it no more than 50 years in the future.
    year += Math.floor(now.getUTCFullYear() / 100) * 100;
    if (year > now.getUTCFullYear() + 50) year -= 100;
  }
  const ms = Date.UTC(year, month, day, hour, minute, second);
  const check = new Date(ms);
  // Date.UTC rolls "31 Feb" over into March: a date that does not exist is garbage, not a wait.
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month || hour > 23 || minute > 59 || second > 59) return undefined;
  return ms;
}

/** Milliseconds from `now` that a Retry-After header asks for; past dates are 0, garbage is undefined. */
export function parseRetryAfter(header: string | null, now: Date): number | undefined {
  const text = header?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = httpDateMs(text, now);
  return at === undefined ? undefined : Math.max(0, at - now.getTime());
}

/** The delay before the next try: the backoff, or longer when the server asked (within MAX_RETRY_AFTER_MS). */
export function nextAttemptDelay(failures: number, retryAfterMs?: number, options: BackoffOptions = {}): number {
  const backoff = retryDelayMs(failures, options);
  if (retryAfterMs === undefined) return backoff;
  return Math.max(backoff, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}
