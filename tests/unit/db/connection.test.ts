/**
 * The background's database connection when the browser closes it under us (fake-indexeddb's
 * forceCloseDatabase is the spec's forced close: cleared site data, a disk error): the next use opens
 * a new connection, and work cut short by the close runs once more, without a worker restart.
 */
import { forceCloseDatabase } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { createBackground } from '../../../entrypoints/background/handlers';
import { retryingHandlers } from '../../../entrypoints/background/retrying-handlers';
import { databaseConnection } from '../../../utils/db/connection';
import { type DalilDatabase, openDalilDatabase } from '../../../utils/db/open';
import { backgroundTestDeps } from '../background/test-deps';

const panel = { id: 'x', url: 'chrome-extension://x/sidepanel.html' };

function connectionTo(name = `connection-${Math.random()}`) {
  const opened: DalilDatabase[] = [];
  const connection = databaseConnection(async (onClosed) => {
    const db = await openDalilDatabase(name, undefined, { onClosed });
    opened.push(db);
    return db;
  });
  return { connection, opened };
}
const forceClose = (db: DalilDatabase) => forceCloseDatabase(unwrap(db) as never);

describe('the database connection', () => {
  it('is opened once and shared', async () => {
    const { connection, opened } = connectionTo();
    const [a, b] = await Promise.all([connection.db(), connection.db()]);
    expect(a).toBe(b);
    expect(opened).toHaveLength(1);
  });

  it('opens a new connection after the browser closed the last one, with the data kept', async () => {
    const { connection, opened } = connectionTo();
    const first = await connection.db();
    await first.put('syncState', 'kept', 'subscription');
    forceClose(first);
    expect(() => first.transaction('syncState')).toThrow(/InvalidStateError|closing|closed/i);
    const second = await connection.db();
    expect(second).not.toBe(first);
    expect(opened).toHaveLength(2);
    expect(await second.get('syncState', 'subscription')).toBe('kept');
  });

  it('runs work once more on a new connection when it failed because the connection closed before any event said so', async () => {
    const { connection, opened } = connectionTo();
    await connection.db();
    let attempts = 0;
    const result = await connection.retrying(async () => {
      attempts++;
      const db = await connection.db();
      // A normal close fires no 'close' event: the transaction below is the first to find out.
      if (attempts === 1) (unwrap(db) as IDBDatabase).close();
      return db.count('templates');
    });
    expect(result).toBe(0);
    expect(attempts).toBe(2);
    expect(opened).toHaveLength(2);
  });

  it('does not run work again for its own failures, nor reopen a connection that is fine', async () => {
    const { connection, opened } = connectionTo();
    let attempts = 0;
    await expect(
      connection.retrying(async () => {
        attempts++;
        const tx = (await connection.db()).transaction('templates', 'readwrite');
        tx.abort(); // an AbortError that is the work's own
        await tx.done;
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(attempts).toBe(1);
    expect(opened).toHaveLength(1);
  });

  it('tries to open again after an open failed', async () => {
    let calls = 0;
    const connection = databaseConnection(async (onClosed) => {
      if (++calls === 1) throw new DOMException('disk full', 'QuotaExceededError');
      return openDalilDatabase(`retry-open-${Math.random()}`, undefined, { onClosed });
    });
    await expect(connection.db()).rejects.toThrow('disk full');
    await expect(connection.db()).resolves.toBeDefined();
  });
});

describe('the background after the database closed under it', () => {
  it('answers the next messages without a worker restart', async () => {
    const { connection, opened } = connectionTo();
    const background = createBackground(backgroundTestDeps(Promise.resolve(undefined as never), { db: connection.db }));
    const handlers = retryingHandlers(background.handlers, connection);
    const before = await handlers['panel.getGuidance']({}, panel);

    forceClose(opened[0]);
    expect((await handlers['panel.getGuidance']({}, panel)).pack.id).toBe(before.pack.id);

    // Closed again without an event, in the middle of the worker's life: a save still lands.
    (unwrap(opened[1]) as IDBDatabase).close();
    const template = { ...before.pack.templates[0], id: 'after-close', title: 'After the close', shortcut: ';afterclose' };
    expect(await handlers['panel.savePersonalTemplate']({ template }, panel)).toMatchObject({ ok: true });
    expect((await handlers['panel.listPersonalTemplates']({}, panel)).map((t) => t.id)).toContain('after-close');
    expect(opened).toHaveLength(3);
  });
});
