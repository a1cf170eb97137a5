/**
 * Faults the fault suite puts the extension through, from outside the extension's code: a step of the
 * background held open by an IndexedDB transaction that another page of the extension keeps running,
 * a full disk (a small filesystem under the profile's IndexedDB folder), and the table of outcomes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Keeps a readwrite transaction on `stores` running in an extension page (it asks for a count again
 * each time one answers, so it never commits): every transaction of the background whose scope meets
 * these stores waits for it. Resolves with a function that lets it commit.
 */
export async function holdStores(page: Page, stores: string[]): Promise<() => Promise<void>> {
  const id = await page.evaluate(async (names) => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const open = indexedDB.open('dalil');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const scope = globalThis as unknown as { dalilHolds?: Record<string, boolean> };
    scope.dalilHolds ??= {};
    const holds = scope.dalilHolds;
    const key = String(Object.keys(holds).length + 1);
    holds[key] = true;
    const tx = db.transaction(names, 'readwrite');
    const store = tx.objectStore(names[0]);
    const spin = () => {
      if (holds[key]) store.count().onsuccess = spin;
    };
    spin();
    tx.oncomplete = () => db.close();
    return key;
  }, stores);
  return async () => {
    await page.evaluate((key) => {
      (globalThis as unknown as { dalilHolds: Record<string, boolean> }).dalilHolds[key] = false;
    }, id);
  };
}

/**
 * Waits until a readwrite transaction of the background that includes `probeStore` is queued (behind
 * a hold). IndexedDB starts a read-only transaction only once every earlier readwrite transaction
 * overlapping it has finished, so a read of `probeStore` (outside the held stores) that gets no answer
 * means the background's transaction was created and waits. Its read is left queued; it ends with the hold.
 */
export async function waitUntilQueued(page: Page, probeStore: string, { timeoutMs = 15_000 } = {}): Promise<void> {
  for (const start = Date.now(); Date.now() - start < timeoutMs; ) {
    const answered = await page.evaluate(async (name) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const open = indexedDB.open('dalil');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const read = new Promise<boolean>((resolve) => {
        const request = db.transaction(name).objectStore(name).count();
        request.onsuccess = () => resolve(true);
        request.onerror = () => resolve(true);
      });
      // An unqueued read answers in a few milliseconds; this wait only tells "queued" from "not yet".
      const answer = await Promise.race([read, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 400))]);
      db.close();
      return answer;
    }, probeStore);
    if (!answered) return;
  }
  throw new Error(`the background never queued a transaction on ${probeStore}`);
}

export interface SmallDisk {
  /** The browser profile to launch with: the whole profile is a small filesystem of its own. */
  profile: string;
  /** Fills the disk, leaving `bytes` free (as other programs filling a disk do). */
  fill(bytes: number): void;
  /** Frees what fill() took. */
  free(): void;
  /** Unmounts and deletes the profile (after the browser closed). */
  remove(): void;
}

/**
 * A fresh profile on a tmpfs of `size` bytes: a real full disk, as when a person's disk fills. The
 * whole profile, not only its IndexedDB folder, so the browser's storage estimate sees the disk as
 * Dalil's room check reads it (DevTools' quota override does not apply to an extension's origin).
 * Needs the right to mount (root in a container): see canFillDisk.
 */
export function smallDiskProfile(size: number): SmallDisk {
  const parent = mkdtempSync(join(tmpdir(), 'dalil-small-disk-'));
  const profile = join(parent, 'profile');
  mkdirSync(profile);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', profile]);
  const filler = join(profile, 'filler');
  const free = () => rmSync(filler, { force: true });
  return {
    profile,
    fill(bytes) {
      free();
      const { bavail, bsize } = statfsSync(profile);
      try {
        writeFileSync(filler, Buffer.alloc(Math.max(0, Number(bavail) * Number(bsize) - bytes)));
      } catch (error) {
        // The browser wrote to the disk meanwhile: full sooner than measured, which is what fill(0) asks for.
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC' || bytes > 0) throw error;
      }
    },
    free,
    remove() {
      free();
      try {
        execFileSync('umount', [profile]);
      } finally {
        rmSync(parent, { recursive: true, force: true });
      }
    },
  };
}

let mountable: boolean | undefined;
/** Whether this process may mount a small filesystem (root with CAP_SYS_ADMIN, on Linux). */
export function canFillDisk(): boolean {
  if (mountable !== undefined) return mountable;
  const probe = mkdtempSync(join(tmpdir(), 'dalil-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    mountable = true;
  } catch {
    mountable = false;
    console.log('fault suite: cannot mount a small filesystem here, so the full-disk cases are skipped');
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
  return mountable;
}

/**
 * The names of the page's buttons in document order, from the browser's accessibility tree, which
 * includes closed shadow roots (where Dalil's in-page controls live) as a screen reader reads them.
 */
export async function buttonNames(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{ role?: { value?: string }; name?: { value?: string }; ignored?: boolean }>;
    };
    return nodes.filter((n) => !n.ignored && n.role?.value === 'button').map((n) => String(n.name?.value ?? ''));
  } finally {
    await cdp.detach();
  }
}

export interface FaultRow {
  operation: string;
  fault: string;
  step: string;
  halfApplied: boolean;
  lost: boolean;
  message: string;
  nextOk: boolean;
}

/** The fault × outcome table as Markdown, also written to .output/test-results/fault-table.md. */
export function writeFaultTable(rows: FaultRow[]): string {
  const yesNo = (value: boolean) => (value ? 'YES' : 'no');
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const lines = [
    '| operation | fault | step | half-applied? | lost? | message | next action ok |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.operation)} | ${cell(r.fault)} | ${cell(r.step)} | ${yesNo(r.halfApplied)} | ${yesNo(r.lost)} | ${cell(r.message.length > 170 ? `${r.message.slice(0, 170)}…` : r.message)} | ${r.nextOk ? 'yes' : 'NO'} |`,
    ),
  ];
  const table = `${lines.join('\n')}\n`;
  const dir = resolve(import.meta.dirname, '../../.output/test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'fault-table.md'), `# Fault table\n\n${table}`);
  return table;
}
