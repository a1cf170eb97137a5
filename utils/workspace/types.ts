/** The workspace's records, as the background stores them (utils/db/workspace-db.ts) and its code reads them. */

export interface WorkspaceConnection {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  /** Never leaves the background: not in messages to pages, backups or logs. */
  secretAccessKey: string;
  /** This person's name in the workspace: their own prefix, and the user the bucket policy names. */
  person: string;
  connectedAt: string;
}

/** How far the activity log has been archived: entries after (at, id) are still to go. */
export interface LogArchiveMark {
  afterAt?: string;
  afterId?: string;
  objects: number;
  entries: number;
  lastRunAt?: string;
  lastArchivedAt?: string;
  lastError?: { kind: string; detail?: string; at: string };
}

/**
 * Where the proposals exchange stands in this browser: which of this person's proposals the bucket
 * has, which proposal objects a manager has taken into the queue, which decisions went out (by the time
 * decided: a new decision on the same proposal goes out again) and the answers an agent has read.
 */
export interface ProposalExchangeMark {
  uploaded: string[];
  seenKeys: string[];
  decisionsOut: Record<string, string>;
  received: import('../schemas/proposal').ProposalDecision[];
  /** Objects under proposals/ that were not proposals (the last few), for the manager to see. */
  refused?: Array<{ key: string; problems: import('../guidance/problems').Problem[] }>;
  lastRunAt?: string;
  lastError?: { kind: string; detail?: string; at: string };
}

/** What the proposals screen shows of the exchange. */
export type ProposalExchangeView =
  | { connected: false }
  | ({ connected: true } & Pick<ProposalExchangeMark, 'uploaded' | 'received' | 'lastRunAt' | 'lastError'> & {
        refused: NonNullable<ProposalExchangeMark['refused']>;
      });

/** What the panel sees of the workspace: never the secret. */
export type WorkspaceStatus =
  | { connected: false }
  | {
      connected: true;
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      person: string;
      connectedAt: string;
      archive: Omit<LogArchiveMark, 'afterAt' | 'afterId'>;
    };
