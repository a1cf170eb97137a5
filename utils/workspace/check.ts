/**
 * "Check the connection": each thing a workspace needs, tried for real against the bucket, with what
 * to fix when it fails. Run by the background, which holds the secret. Codes, not sentences: the panel
 * says them in the person's language (utils/i18n/messages/workspace.ts).
 */
import { checkKey } from './layout';
import type { S3Client, S3Failure } from './s3-client';

export type CheckStep = 'reach' | 'credentials' | 'clock' | 'list' | 'write' | 'read' | 'cors';
export type CheckOutcome = 'ok' | 'failed' | 'warning' | 'skipped';

export interface CheckResult {
  step: CheckStep;
  outcome: CheckOutcome;
  /** What went wrong, as a code the panel explains with what to fix. */
  problem?:
    | 'network'
    /** The browser has not let Dalil reach this address (the host permission was declined). */
    | 'no-permission'
    | 'bad-key'
    | 'bad-secret'
    | 'no-bucket'
    | 'denied'
    | 'clock-skew'
    | 'not-stored'
    | 'cors-missing'
    | 'cors-unknown'
    | 'http';
  /** The server's words, shown as they are (untranslated, for whoever fixes the bucket). */
  detail?: string;
  /** Clock: how far this computer's clock is from the server's (ms, server minus ours). */
  skewMs?: number;
}

const CLOCK_TOLERANCE_MS = 5 * 60_000;

function problemOf(failure: S3Failure): CheckResult['problem'] {
  switch (failure.kind) {
    case 'network':
      return 'network';
    case 'clock-skew':
      return 'clock-skew';
    case 'not-found':
      return 'no-bucket';
    case 'denied':
      if (failure.code === 'InvalidAccessKeyId') return 'bad-key';
      if (failure.code === 'SignatureDoesNotMatch') return 'bad-secret';
      return 'denied';
    case 'http':
      if (failure.code === 'NoSuchBucket') return 'no-bucket';
      if (failure.code === 'InvalidAccessKeyId') return 'bad-key';
      return 'http';
    default:
      return 'http';
  }
}
const detailOf = (failure: S3Failure) =>
  'detail' in failure ? failure.detail : 'status' in failure ? String(failure.status) : undefined;

/**
 * `person`: this profile's name in the workspace (its own prefix). `origin`: the extension's origin, for
 * the CORS rule a browser needs when the host permission is not granted.
 */
export async function checkWorkspace(
  client: S3Client,
  { person, origin, now = () => new Date() }: { person: string; origin: string; now?: () => Date },
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const listed = await client.list(checkKey(person, ''), { max: 1 });
  if (!listed.ok) {
    const problem = problemOf(listed);
    const detail = detailOf(listed);
    // What the first request says decides where the chain stops.
    if (problem === 'network') return [{ step: 'reach', outcome: 'failed', problem, detail }];
    results.push({ step: 'reach', outcome: 'ok' });
    if (problem === 'bad-key' || problem === 'bad-secret')
      return [...results, { step: 'credentials', outcome: 'failed', problem, detail }];
    if (problem === 'clock-skew')
      return [...results, { step: 'credentials', outcome: 'ok' }, { step: 'clock', outcome: 'failed', problem, detail }];
    results.push({ step: 'credentials', outcome: problem === 'denied' ? 'ok' : 'skipped' });
    results.push({ step: 'list', outcome: 'failed', problem, detail });
  } else {
    results.push({ step: 'reach', outcome: 'ok' }, { step: 'credentials', outcome: 'ok' });
    results.push({ step: 'list', outcome: 'ok' });
  }
  const skewMs = client.skewMs() ?? 0;
  results.splice(2, 0, {
    step: 'clock',
    outcome: Math.abs(skewMs) > CLOCK_TOLERANCE_MS ? 'warning' : 'ok',
    problem: Math.abs(skewMs) > CLOCK_TOLERANCE_MS ? 'clock-skew' : undefined,
    skewMs,
  });

  const key = checkKey(person, now().toISOString());
  const body = JSON.stringify({ checkedAt: now().toISOString(), by: person });
  const written = await client.put(key, body, { contentType: 'application/json', createOnly: true });
  if (!written.ok) {
    results.push({ step: 'write', outcome: 'failed', problem: problemOf(written), detail: detailOf(written) });
    results.push({ step: 'read', outcome: 'skipped' });
  } else {
    results.push({ step: 'write', outcome: 'ok' });
    const read = await client.get(key);
    const same = read.ok && (await read.body?.text()) === body;
    results.push(
      read.ok
        ? { step: 'read', outcome: same ? 'ok' : 'failed', problem: same ? undefined : 'not-stored' }
        : { step: 'read', outcome: 'failed', problem: problemOf(read), detail: detailOf(read) },
    );
    await client.delete(key); // best effort: a check leaves nothing behind where it may delete
  }

  const cors = await client.cors();
  if (!cors.ok) {
    results.push({ step: 'cors', outcome: 'warning', problem: 'cors-unknown', detail: detailOf(cors) });
  } else {
    const allowed = cors.origins.some((o) => o === '*' || o === origin || (o.endsWith('*') && origin.startsWith(o.slice(0, -1))));
    results.push(
      allowed ? { step: 'cors', outcome: 'ok' } : { step: 'cors', outcome: 'warning', problem: 'cors-missing', detail: origin },
    );
  }
  return results;
}
