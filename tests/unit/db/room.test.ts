/**
 * Writes stop while the disk is nearly full (utils/db/room.ts): Chromium answers a write that fails
 * for want of room by deleting the whole database once there is room again, so Dalil refuses the write
 * first — reads go on, the refusal is the browser's own QuotaExceededError, and writes resume with room.
 */
import { describe, expect, it } from 'vitest';
import { databaseConnection } from '../../../utils/db/connection';
import { openDalilDatabase } from '../../../utils/db/open';
import { RESERVE_BYTES, roomCheck } from '../../../utils/db/room';

const MB = 1024 * 1024;

/** A disk whose free space the test sets, seen through the storage estimate's quota − usage. */
function disk(freeBytes: number) {
  const state = { free: freeBytes, asked: 0 };
  const estimate = async () => {
    state.asked++;
    return { usage: 5 * MB, quota: 5 * MB + state.free };
  };
  return { state, room: roomCheck(estimate) };
}

function connectionOn(room: ReturnType<typeof roomCheck>) {
  const name = `room-${Math.random()}`;
  return databaseConnection((onClosed) => openDalilDatabase(name, undefined, { onClosed }), room);
}

describe('writes while the disk is nearly full', () => {
  it('are refused with QuotaExceededError before they are tried, and reads and earlier data are kept', async () => {
    const { state, room } = disk(100 * MB);
    const connection = connectionOn(room);
    const db = await connection.db();
    await db.put('syncState', 'kept', 'subscription');

    state.free = RESERVE_BYTES - 1;
    const nearlyFull = await connection.db();
    await expect(nearlyFull.put('syncState', 'lost?', 'pending')).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(() => nearlyFull.transaction('syncState', 'readwrite')).toThrow(/no room/i);
    // Reads are not writes: the panel still shows what is stored.
    expect(await nearlyFull.get('syncState', 'subscription')).toBe('kept');
    expect(nearlyFull.transaction('syncState', 'readonly').mode).toBe('readonly');

    state.free = RESERVE_BYTES + MB;
    const roomAgain = await connection.db();
    await roomAgain.put('syncState', 'written', 'pending');
    expect(await roomAgain.get('syncState', 'pending')).toBe('written');
    expect(await roomAgain.get('syncState', 'subscription')).toBe('kept');
  });

  it('asks the browser afresh on every use of the connection, so a disk that filled since is seen at once', async () => {
    const { state, room } = disk(100 * MB);
    const connection = connectionOn(room);
    await connection.db();
    const asked = state.asked;
    state.free = 0;
    const db = await connection.db();
    expect(state.asked).toBe(asked + 1);
    expect(() => db.transaction(['templates', 'activityLog'], 'readwrite')).toThrow(/no room/i);
  });

  it('refuses a large write (media) that would eat into the reserve, while small writes go on', async () => {
    const { room } = disk(RESERVE_BYTES + 3 * MB);
    const connection = connectionOn(room);
    const db = await connection.db();
    await expect(connection.ensureRoom(2 * MB)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    await expect(connection.ensureRoom(MB)).resolves.toBeUndefined();
    await db.put('syncState', 'small', 'pending');
    expect(await db.get('syncState', 'pending')).toBe('small');
  });

  it('go ahead as before when the browser gives no estimate', async () => {
    const room = roomCheck(async () => {
      throw new Error('no storage manager');
    });
    const connection = connectionOn(room);
    const db = await connection.db();
    await db.put('syncState', 'written', 'pending');
    expect(room.low()).toBe(false);
    expect(await db.get('syncState', 'pending')).toBe('written');
  });

  it('share one question to the browser between concurrent uses', async () => {
    const { state, room } = disk(100 * MB);
    await Promise.all([room.refresh(), room.refresh(), room.refresh()]);
    expect(state.asked).toBe(1);
  });
});
