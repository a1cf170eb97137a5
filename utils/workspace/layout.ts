/**
 * Where a team workspace keeps things in its bucket. One object per thing, so no write needs a lock:
 * logs and media are create-only, a board's metadata is replaced by compare-and-swap. Roles are
 * enforced by the bucket's policy on these prefixes (bucket-policy.ts), not only by the panel.
 */

/** Published, signed guidance packs: written by managers, read by everyone. */
export const PACKS_PREFIX = 'packs/';
/** Each person's activity log, as dated immutable batches any SQL-on-S3 engine reads. */
export const LOGS_PREFIX = 'logs/';
/** Connection checks write and delete a small object here (each person under their own name). */
export const CHECKS_PREFIX = 'checks/';
/** Shared boards: an object per ad and per comment, media by hash (marketers). */
export const BOARDS_PREFIX = 'boards/';
/** Agents' proposals: each agent writes only under their own name, so the path is the verified author. */
export const PROPOSALS_PREFIX = 'proposals/';
/** Managers' answers to proposals, under the agent's name: only managers write them, the agent reads theirs. */
export const DECISIONS_PREFIX = 'decisions/';

/** A name as one path segment: no slash, nothing a listing would confuse; kept readable (Arabic too). */
export function segment(name: string): string {
  // Control characters and slashes become '-'; a name of dots alone would read as a folder step.
  const cleaned = [...name.normalize('NFC')]
    .map((char) => (char.charCodeAt(0) < 0x20 || char === '\u007f' || char === '/' || char === '\\' ? '-' : char))
    .join('')
    .replace(/^\.+$/, '-')
    .trim();
  return cleaned.slice(0, 100) || '-';
}

export const packKey = (packId: string) => `${PACKS_PREFIX}${segment(packId)}/pack.json`;

/**
 * `logs/<person>/<yyyy>/<mm>/<dd>/<batch>.jsonl`, dated by the batch's first entry (UTC). The batch
 * name is its first entry's time and id: the same batch written twice (a worker stopped after the
 * upload, before it noted it) has the same key, so the second create-only write is refused, not doubled.
 */
export function logBatchKey(person: string, firstAt: string, firstId: string): string {
  const [date] = firstAt.split('T');
  const [yyyy, mm, dd] = date.split('-');
  const stamp = firstAt.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return `${LOGS_PREFIX}${segment(person)}/${yyyy}/${mm}/${dd}/${stamp}-${segment(firstId)}.jsonl`;
}

export const checkKey = (person: string, at: string) => `${CHECKS_PREFIX}${segment(person)}/${at.replace(/[-:.]/g, '')}.json`;

/** `proposals/<agent>/<proposal id>.json`: create-only, so a proposal sent twice (a retry) is one object. */
export const proposalKey = (agent: string, proposalId: string) =>
  `${PROPOSALS_PREFIX}${segment(agent)}/${segment(proposalId)}.json`;

/** `decisions/<agent>/<proposal id>.json`: the manager's latest answer (replaced when they decide again). */
export const decisionKey = (agent: string, proposalId: string) =>
  `${DECISIONS_PREFIX}${segment(agent)}/${segment(proposalId)}.json`;

/** The agent a proposal key was written under: the bucket policy lets only that agent's key write there. */
export function proposalKeyAuthor(key: string): string | undefined {
  const match = /^proposals\/([^/]+)\/[^/]+\.json$/.exec(key);
  return match?.[1];
}
