/**
 * The bucket policy that makes the storage enforce a team's roles: whoever holds an agent's key can
 * write their own log and proposals and read packs, but cannot publish a pack, whatever the panel
 * says. One statement per person and prefix, no policy variables: the same JSON works on AWS S3 and on
 * Ceph and MinIO, which accept the S3 bucket-policy form (users named `arn:aws:iam:::user/<uid>` on
 * Ceph, `arn:aws:iam::<account>:user/<name>` on AWS). The manager owns the bucket and needs no grant.
 */
import { MEDIA_PREFIX } from './boards-layout';
import { BOARDS_PREFIX, CHECKS_PREFIX, DECISIONS_PREFIX, LOGS_PREFIX, PACKS_PREFIX, PROPOSALS_PREFIX, segment } from './layout';

export interface TeamRoster {
  managers: string[];
  agents: string[];
  marketers: string[];
}

interface Statement {
  Sid: string;
  Effect: 'Allow';
  Principal: { AWS: string[] };
  Action: string[];
  Resource: string[];
}

/** `principal(user)`: the user's ARN on the engine (Ceph: `arn:aws:iam:::user/<uid>`). */
export function teamBucketPolicy(
  bucket: string,
  roster: TeamRoster,
  principal: (user: string) => string = (user) => `arn:aws:iam:::user/${user}`,
): { Version: '2012-10-17'; Statement: Statement[] } {
  const object = (prefix: string) => `arn:aws:s3:::${bucket}/${prefix}*`;
  const everyone = [...roster.managers, ...roster.agents, ...roster.marketers];
  const statements: Statement[] = [];
  const allow = (sid: string, users: string[], action: string[], resource: string[]) => {
    if (users.length > 0)
      statements.push({
        Sid: sid,
        Effect: 'Allow',
        Principal: { AWS: users.map(principal) },
        Action: action,
        Resource: resource,
      });
  };
  allow('ListTeamBucket', everyone, ['s3:ListBucket'], [`arn:aws:s3:::${bucket}`]);
  allow('ReadPacks', everyone, ['s3:GetObject'], [object(PACKS_PREFIX)]);
  allow(
    'ManagersWriteEverything',
    roster.managers,
    ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    [`arn:aws:s3:::${bucket}/*`],
  );
  // Each person writes only under their own name; logs are read back by managers (and the person).
  // Statement ids are letters and digits only (AWS): numbered, not named after the person.
  everyone.forEach((user, i) => {
    const own = segment(user);
    allow(
      `OwnLogAndChecks${i}`,
      [user],
      ['s3:PutObject', 's3:GetObject'],
      [object(`${LOGS_PREFIX}${own}/`), object(`${CHECKS_PREFIX}${own}/`)],
    );
    allow(`DeleteOwnChecks${i}`, [user], ['s3:DeleteObject'], [object(`${CHECKS_PREFIX}${own}/`)]);
  });
  roster.agents.forEach((agent, i) => {
    allow(`AgentProposals${i}`, [agent], ['s3:PutObject', 's3:GetObject'], [object(`${PROPOSALS_PREFIX}${segment(agent)}/`)]);
    // The manager's answers to this agent's proposals: read only (managers write them).
    allow(`AgentReadsDecisions${i}`, [agent], ['s3:GetObject'], [object(`${DECISIONS_PREFIX}${segment(agent)}/`)]);
  });
  // Boards' ads, comments and change feed, and their media (by hash, shared by every board).
  allow(
    'MarketersShareBoards',
    roster.marketers,
    ['s3:GetObject', 's3:PutObject'],
    [object(BOARDS_PREFIX), object(MEDIA_PREFIX)],
  );
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * The bucket's CORS rule for Dalil: lets the extension's background reach the bucket where the browser
 * has not granted it the address. SigV4 sends Authorization and x-amz-* headers, so every request is
 * preflighted; ETag and Date must be exposed (Date: Dalil follows a server clock that is off).
 */
export function corsRuleXml(origins: string[] = ['chrome-extension://*', 'moz-extension://*']): string {
  const allowed = origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('');
  const methods = ['GET', 'PUT', 'DELETE', 'HEAD'].map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join('');
  return `<CORSConfiguration><CORSRule>${allowed}${methods}<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><ExposeHeader>Date</ExposeHeader><MaxAgeSeconds>3600</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}
