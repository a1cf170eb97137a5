/**
 * The detail keys the background writes into activity-log entries, and how the Log tab shows each
 * value. Every key here has a label in English and Arabic (`logtab.detail.<key>`); `newActivityEntry`
 * takes only these keys, so a new one fails to compile until it is listed (and then the catalogue
 * test fails until it is labelled). Entries from a newer version may still carry keys not listed:
 * the Log tab shows those with a humanised name.
 */
export const LOG_DETAIL_KINDS = {
  // template.inserted / template.saved
  templateId: 'id',
  technique: 'code',
  editor: 'code',
  landed: 'boolean',
  via: 'code',
  status: 'code',
  copyOf: 'id',
  swappedFrom: 'id',
  commentLanguage: 'code',
  // testimonial.saved
  testimonialId: 'id',
  author: 'text',
  // palette.checked / the brand kit
  origin: 'code',
  image: 'text',
  verdict: 'code',
  onPaletteShare: 'percent',
  swatches: 'number',
  error: 'text',
  part: 'code',
  kit: 'text',
  colors: 'number',
  deltaETolerance: 'number',
  minOnPaletteShare: 'percent',
  // ad.saved
  count: 'number',
  bulk: 'boolean',
  imported: 'boolean',
  library: 'code',
  advertiser: 'text',
  adId: 'id',
  advertiserCounts: 'counts',
  // packs, playbooks and sync
  packId: 'id',
  version: 'number',
  previousPackId: 'id',
  previousVersion: 'number',
  templates: 'number',
  fileName: 'text',
  source: 'url',
  playbookId: 'id',
  action: 'code',
  published: 'boolean',
  templatesAdded: 'number',
  templatesChanged: 'number',
  templatesRetired: 'number',
  templatesRemoved: 'number',
  templatesApproved: 'number',
  playbooksAdded: 'number',
  playbooksChanged: 'number',
  playbooksRemoved: 'number',
  colorsAdded: 'number',
  colorsRemoved: 'number',
  colorsChanged: 'number',
  colorsReordered: 'number',
  kitSettingsChanged: 'number',
  copyRulesChanged: 'number',
  url: 'url',
  code: 'code',
  message: 'text',
  fingerprint: 'id',
  // backup.restored
  backupCreatedAt: 'date',
  records: 'number',
  signingKey: 'boolean',
  pinnedKey: 'code',
  teamUrlRefused: 'boolean',
  webhookUrlRefused: 'boolean',
  // proposal.sent / proposal.decided
  proposalId: 'id',
  change: 'code',
  decision: 'code',
  comment: 'text',
} as const satisfies Record<string, DetailKind>;

/**
 * How a value reads: `id`, `code` and `url` are left-to-right machine text; `text` is a person's or a
 * page's text (direction from its content); `counts` is JSON `{name: count}`.
 */
export type DetailKind = 'id' | 'code' | 'url' | 'text' | 'number' | 'percent' | 'boolean' | 'date' | 'counts';

export type LogDetailKey = keyof typeof LOG_DETAIL_KINDS;
export type DetailValue = string | number | boolean | null;
/** What `newActivityEntry` accepts: only listed keys. */
export type LogDetails = { [K in LogDetailKey]?: DetailValue };

export const LOG_DETAIL_KEYS = Object.keys(LOG_DETAIL_KINDS) as LogDetailKey[];

export const isLogDetailKey = (key: string): key is LogDetailKey => Object.hasOwn(LOG_DETAIL_KINDS, key);

/** `onPaletteShare` → `On palette share`: the name of a key this version does not know. */
export function humaniseKey(key: string): string {
  const words = key
    .replace(/[_.-]+/g, ' ')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}
