// @vitest-environment node
/**
 * The log archive against a real Ceph RADOS Gateway: dated JSON Lines objects, one UTC day per object,
 * every entry exactly once — also when the worker stopped between an upload and noting it, and when
 * the bucket refused a run and the next one picks up.
 */
import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityLogEntry } from '../../../utils/schemas/activity-log';
import { archiveLog } from '../../../utils/workspace/log-archive';
import { s3Client } from '../../../utils/workspace/s3-client';
import type { LogArchiveMark } from '../../../utils/workspace/types';
import { ensureRgw, type Rgw, startRgw } from '../../harness/rgw';

const available = ensureRgw();

function entry(at: string, n: number): ActivityLogEntry {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    at,
    kind: 'template.inserted',
    actor: 'سارة',
    details: { templateId: `t${n}` },
  };
}

/** The log as the background reads it (utils/db/log-after.ts), over an array. */
function memoryLog(entries: ActivityLogEntry[]) {
  const sorted = [...entries].sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at.localeCompare(b.at)));
  return (mark: LogArchiveMark, { before, limit }: { before: string; limit: number }) =>
    Promise.resolve(
      sorted
        .filter((e) => e.at < before)
        .filter(
          (e) => mark.afterAt === undefined || e.at > mark.afterAt || (e.at === mark.afterAt && e.id > (mark.afterId ?? '')),
        )
        .slice(0, limit),
    );
}

describe.runIf(available)('archiving the activity log to the workspace', () => {
  let rgw: Rgw;
  let client: ReturnType<typeof s3Client>;
  beforeAll(async () => {
    rgw = await startRgw();
    const user = rgw.createUser('sara');
    client = s3Client({ endpoint: rgw.endpoint, bucket: 'acme', region: 'us-east-1', ...user });
    const admin = new AwsClient({ ...user, service: 's3', region: 'us-east-1', retries: 0 });
    expect((await admin.fetch(`${rgw.endpoint}/acme`, { method: 'PUT' })).status).toBe(200);
  }, 60_000);
  afterAll(() => rgw?.stop());

  const readAll = async (prefix: string) => {
    const listed = await client.list(prefix);
    if (!listed.ok) throw new Error(listed.kind);
    const lines: ActivityLogEntry[] = [];
    for (const object of listed.objects) {
      const got = await client.get(object.key);
      if (got.ok)
        lines.push(
          ...((await got.body?.text()) ?? '')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l)),
        );
    }
    return { keys: listed.objects.map((o) => o.key), lines };
  };

  it('writes one object per UTC day, every entry once, and nothing newer than the settle time', async () => {
    const log = [
      ...Array.from({ length: 700 }, (_, i) =>
        entry(`2026-12-05T23:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`, i),
      ),
      entry('2026-12-06T08:00:00.000Z', 1000),
      entry('2026-12-06T08:00:00.000Z', 1001),
      entry('2026-12-06T09:59:50.000Z', 1002), // within the settle time of "now"
    ];
    let mark: LogArchiveMark = { objects: 0, entries: 0 };
    const run = await archiveLog({
      client,
      person: 'sara',
      readAfter: memoryLog(log),
      mark: async () => mark,
      saveMark: async (m) => {
        mark = m;
      },
      now: () => new Date('2026-12-06T10:00:00.000Z'),
    });
    expect(run).toEqual({ objects: 3, entries: 702 });
    const { keys, lines } = await readAll('logs/sara/');
    expect(keys).toEqual([
      'logs/sara/2026/12/05/20261205T230000Z-00000000-0000-4000-8000-000000000000.jsonl',
      'logs/sara/2026/12/05/20261205T230820Z-00000000-0000-4000-8000-000000000500.jsonl',
      'logs/sara/2026/12/06/20261206T080000Z-00000000-0000-4000-8000-000000001000.jsonl',
    ]);
    expect(new Set(lines.map((l) => l.id)).size).toBe(702);
    expect(lines[0]).toEqual(log[0]);
    expect(mark).toMatchObject({ objects: 3, entries: 702, afterId: log[701].id });
  });

  it('after a worker stopped between an upload and its mark, the next run neither doubles nor skips an entry', async () => {
    const log = Array.from({ length: 30 }, (_, i) => entry(`2026-11-01T10:00:${String(i).padStart(2, '0')}.000Z`, i));
    let mark: LogArchiveMark = { objects: 0, entries: 0 };
    const person = 'stopped';
    // The first run's mark is never saved: as if the worker stopped right after the upload.
    await expect(
      archiveLog({
        client,
        person,
        readAfter: memoryLog(log.slice(0, 20)),
        mark: async () => mark,
        saveMark: async () => {
          throw new Error('worker stopped');
        },
      }),
    ).rejects.toThrow('worker stopped');
    // Ten more entries arrived since; the next run starts from the old mark.
    const run = await archiveLog({
      client,
      person,
      readAfter: memoryLog(log),
      mark: async () => mark,
      saveMark: async (m) => {
        mark = m;
      },
    });
    expect(run.failure).toBeUndefined();
    const { lines } = await readAll(`logs/${person}/`);
    expect(lines.map((l) => l.id).sort()).toEqual(log.map((l) => l.id).sort());
    expect(mark.afterId).toBe(log[29].id);
  });

  it('keeps the mark where it was when the bucket refuses, and the next run catches up', async () => {
    const log = Array.from({ length: 5 }, (_, i) => entry(`2026-10-01T10:00:0${i}.000Z`, i));
    let mark: LogArchiveMark = { objects: 0, entries: 0 };
    const denied = s3Client({
      endpoint: rgw.endpoint,
      bucket: 'acme',
      region: 'us-east-1',
      accessKeyId: 'NOPE',
      secretAccessKey: 'nope',
    });
    const failed = await archiveLog({
      client: denied,
      person: 'late',
      readAfter: memoryLog(log),
      mark: async () => mark,
      saveMark: async (m) => {
        mark = m;
      },
    });
    expect(failed).toMatchObject({ objects: 0, entries: 0, failure: { kind: 'denied' } });
    expect(mark.afterId).toBeUndefined();
    expect(mark.lastError).toMatchObject({ kind: 'denied' });
    const caughtUp = await archiveLog({
      client,
      person: 'late',
      readAfter: memoryLog(log),
      mark: async () => mark,
      saveMark: async (m) => {
        mark = m;
      },
    });
    expect(caughtUp).toEqual({ objects: 1, entries: 5 });
    expect(mark.lastError).toBeUndefined();
  });
});
