/**
 * The team workspace in the background: the connection (its secret stays here), the connection
 * check, the log archive's runs (after log writes and from an alarm that outlives the worker) and a
 * manager's pack published to the bucket. The bucket work itself is in utils/workspace/.
 */
import { logEntriesAfter } from '@/utils/db/log-after';
import type { DalilDatabase } from '@/utils/db/open';
import type { WorkspaceStore } from '@/utils/db/workspace-db';
import type { Handlers } from '@/utils/messaging/router';
import type { Role } from '@/utils/schemas/settings';
import { type CheckResult, checkWorkspace } from '@/utils/workspace/check';
import { packKey } from '@/utils/workspace/layout';
import { archiveLog } from '@/utils/workspace/log-archive';
import { type S3Client, s3Client } from '@/utils/workspace/s3-client';
import type { WorkspaceConnection, WorkspaceStatus } from '@/utils/workspace/types';
import { coalescedRuns } from './coalesced-runs';
import { managerOnlyRefusal, Refusal } from './refusals';
import { checkPackText } from './subscription';

type WorkspaceMessages =
  | 'panel.workspaceStatus'
  | 'panel.connectWorkspace'
  | 'panel.checkWorkspace'
  | 'panel.disconnectWorkspace'
  | 'panel.archiveLogNow'
  | 'panel.publishPackToWorkspace';

export interface WorkspaceDeps {
  db: () => Promise<DalilDatabase>;
  store: WorkspaceStore;
  role: () => Promise<Role>;
  now?: () => Date;
  /** The extension's own origin (the CORS rule a bucket needs for it). */
  origin: string;
  /** Whether the browser lets Dalil reach this address (its host permission). */
  hasAccess: (url: string) => Promise<boolean>;
  changed: () => void;
  /** Sets or clears the archive's alarm. */
  scheduleArchive?: (connected: boolean) => Promise<void>;
  fetch?: typeof fetch;
}

export function createWorkspace(deps: WorkspaceDeps) {
  const now = deps.now ?? (() => new Date());
  const clientFor = (connection: WorkspaceConnection): S3Client => s3Client(connection, deps.fetch);

  async function status(): Promise<WorkspaceStatus> {
    const connection = await deps.store.connection();
    if (!connection) return { connected: false };
    const { afterAt: _a, afterId: _b, ...archive } = await deps.store.archiveMark();
    const { secretAccessKey: _secret, ...shown } = connection;
    return { connected: true, ...shown, archive };
  }

  async function check(connection: Omit<WorkspaceConnection, 'connectedAt'>): Promise<CheckResult[]> {
    const results = await checkWorkspace(clientFor({ ...connection, connectedAt: '' }), {
      person: connection.person,
      origin: deps.origin,
      now,
    });
    // Unreachable without the host permission is most often the bucket's CORS rules refusing the extension.
    const [first] = results;
    const granted = await deps.hasAccess(connection.endpoint);
    if (first?.problem === 'network' && !granted) return [{ ...first, problem: 'no-permission' }];
    // Reached without the host permission: the bucket's CORS rules let the extension in, whatever reading
    // them said (only the owner may read them, and Ceph answers that read without CORS headers).
    if (!granted && first?.outcome === 'ok') {
      return results.map((r): CheckResult => (r.step === 'cors' ? { step: 'cors', outcome: 'ok' } : r));
    }
    return results;
  }

  /** One archive run at a time; a call during a run makes one more run after it (entries logged meanwhile). */
  const archive = coalescedRuns(async () => {
    const connection = await deps.store.connection();
    if (!connection) return;
    const db = await deps.db();
    const run = await archiveLog({
      client: clientFor(connection),
      person: connection.person,
      readAfter: (mark, options) => logEntriesAfter(db, mark, options),
      mark: deps.store.archiveMark,
      saveMark: deps.store.setArchiveMark,
      now,
    });
    if (run.objects > 0 || run.failure) deps.changed();
  });

  const handlers: Pick<Handlers, WorkspaceMessages> = {
    'panel.workspaceStatus': status,
    async 'panel.connectWorkspace'(details) {
      const connection = { ...details, endpoint: details.endpoint.replace(/\/+$/, ''), person: details.person.trim() };
      const results = await check(connection);
      // Kept only when this key can use the bucket: reach it, sign, list and write its own objects.
      const usable = results.every((r) => r.outcome !== 'failed');
      if (usable) {
        const previous = await deps.store.connection();
        const same =
          previous?.endpoint === connection.endpoint &&
          previous.bucket === connection.bucket &&
          previous.person === connection.person;
        if (!same) await deps.store.setConnection(undefined); // another bucket or person: its archive starts over
        await deps.store.setConnection({ ...connection, connectedAt: now().toISOString() });
        await deps.scheduleArchive?.(true);
        deps.changed();
        void archive();
      }
      return { status: await status(), results };
    },
    async 'panel.checkWorkspace'() {
      const connection = await deps.store.connection();
      if (!connection) throw new Refusal('workspace-not-connected', 'No team workspace is connected.');
      return { results: await check(connection) };
    },
    async 'panel.disconnectWorkspace'() {
      await deps.store.setConnection(undefined);
      await deps.scheduleArchive?.(false);
      deps.changed();
      return status();
    },
    async 'panel.archiveLogNow'() {
      await archive();
      return status();
    },
    async 'panel.publishPackToWorkspace'({ json }) {
      if ((await deps.role()) !== 'manager') throw managerOnlyRefusal('publish a pack');
      const connection = await deps.store.connection();
      if (!connection) throw new Refusal('workspace-not-connected', 'No team workspace is connected.');
      // What agents will follow is checked as they will check it: a pack, signed or not.
      const checked = await checkPackText(json, undefined, { now: now() });
      if (!checked.ok) throw new Refusal(checked.code, checked.message);
      const key = packKey(checked.pack.id);
      const put = await clientFor(connection).put(key, json, { contentType: 'application/json' });
      if (!put.ok) {
        const detail = 'detail' in put ? put.detail : put.kind;
        throw new Refusal(`workspace-${put.kind}`, `The workspace did not take the pack (${put.kind}): ${detail}`);
      }
      const url = `${connection.endpoint}/${encodeURIComponent(connection.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
      return { url, key, version: checked.pack.version };
    },
  };

  return { handlers, archive, status };
}
