import { type DetailKind, humaniseKey, isLogDetailKey, LOG_DETAIL_KINDS } from '@/utils/activity/log-details';
import { formatDateTime, formatNumber, type Locale } from '@/utils/i18n/locale';
import type { MessageKey } from '@/utils/i18n/messages';

/** One detail as the Log tab shows it: `ltr` for machine text (ids, URLs, codes), `auto` for a person's or a page's. */
export interface ShownDetail {
  key: string;
  label: string;
  text: string;
  dir: 'ltr' | 'auto';
}

type Translate = (key: MessageKey) => string;

const VERDICTS = new Set(['pass', 'warn', 'fail', 'error']);

/** A kind guessed from the value, for keys this version does not know (an entry from a newer one). */
function kindOfValue(value: string | number | boolean): DetailKind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return /^https?:\/\//.test(value) ? 'url' : 'text';
}

function valueText(locale: Locale, t: Translate, key: string, kind: DetailKind, value: string | number | boolean) {
  if (typeof value === 'boolean') return t(value ? 'logtab.detail.yes' : 'logtab.detail.no');
  if (typeof value === 'number') {
    if (kind === 'percent') return formatNumber(locale, value, { style: 'percent', maximumFractionDigits: 1 });
    return formatNumber(locale, value);
  }
  if (key === 'verdict' && VERDICTS.has(value)) return t(`logtab.verdict.${value}` as MessageKey);
  if (kind === 'date') return formatDateTime(locale, value);
  if (kind === 'counts') {
    try {
      const counts: unknown = JSON.parse(value);
      if (counts && typeof counts === 'object' && !Array.isArray(counts)) {
        const sep = locale === 'ar' ? '، ' : ', ';
        return Object.entries(counts)
          .map(
            ([name, n]) =>
              `${name || t('logtab.chart.unknownAdvertiser')}: ${typeof n === 'number' ? formatNumber(locale, n) : String(n)}`,
          )
          .join(sep);
      }
    } catch {
      // Not the JSON this version writes: shown as it is.
    }
  }
  return value;
}

/**
 * The details of an entry, labelled in the interface's language and written as its readers expect:
 * numbers and percentages in the locale's digits, yes/no as words, dates in the locale, ids and URLs
 * left-to-right. Empty values are left out; keys in `skip` are shown elsewhere.
 */
export function shownDetails(
  locale: Locale,
  t: Translate,
  details: Record<string, string | number | boolean | null>,
  skip: ReadonlySet<string> = new Set(),
): ShownDetail[] {
  const out: ShownDetail[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (skip.has(key) || value === null || value === '' || value === undefined) continue;
    const known = isLogDetailKey(key);
    const kind: DetailKind = known ? LOG_DETAIL_KINDS[key] : kindOfValue(value);
    const label = known ? t(`logtab.detail.${key}` as MessageKey) : humaniseKey(key);
    const text = valueText(locale, t, key, kind, value);
    const ltr = kind === 'id' || kind === 'url' || (kind === 'code' && !(key === 'verdict' && VERDICTS.has(String(value))));
    out.push({ key, label, text, dir: ltr ? 'ltr' : 'auto' });
  }
  return out;
}
