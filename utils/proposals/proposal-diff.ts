/**
 * What a proposal changes in a template, field by field, for the manager's review. Generic over the
 * template's shape: every field the two hold (body, variants, fill-in fields, whatever the format
 * grows) is compared by its JSON path, so a new template field shows up without changing this file.
 */

/** Fields that change on every save or that the review decides itself: not part of what is proposed. */
const IGNORED = new Set(['createdAt', 'updatedAt', 'status']);

export type LineOp = { op: 'same' | 'add' | 'del'; text: string };

export interface FieldChange {
  /** JSON path inside the template: `body`, `tags`, `variants.x.body`, `fields[0].label`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
  /** For text over several lines: the lines kept, added and removed. */
  lines?: LineOp[];
}

export type TemplateDiff = { kind: 'new' } | { kind: 'edit'; changes: FieldChange[] };

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const isPlainObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalarList = (value: unknown): value is Json[] =>
  Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null);

/** Leaves of a JSON value by path; lists of plain values stay one leaf (tags read as one list). */
function flatten(value: unknown, path: string, out: Map<string, Json>): void {
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (path === '' && IGNORED.has(key)) continue;
      if (inner === undefined) continue;
      flatten(inner, path === '' ? key : `${path}.${key}`, out);
    }
  } else if (Array.isArray(value) && !isScalarList(value)) {
    for (const [index, item] of value.entries()) flatten(item, `${path}[${index}]`, out);
  } else if (value !== undefined) {
    out.set(path, value as Json);
  }
}

const shown = (value: Json): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Lines beyond this product fall back to "all removed, all added" (bodies are at most a few hundred lines). */
const MAX_LCS_CELLS = 250_000;

/** A line diff by longest common subsequence. */
export function diffLines(before: string, after: string): LineOp[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > MAX_LCS_CELLS)
    return [...a.map((text) => ({ op: 'del' as const, text })), ...b.map((text) => ({ op: 'add' as const, text }))];
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * width + j] =
        a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ op: 'same', text: a[i] });
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) ops.push({ op: 'del', text: a[i++] });
    else ops.push({ op: 'add', text: b[j++] });
  }
  while (i < a.length) ops.push({ op: 'del', text: a[i++] });
  while (j < b.length) ops.push({ op: 'add', text: b[j++] });
  return ops;
}

/** The proposal against the pack's template it changes; `new` when there is none. */
export function diffTemplates(base: object | undefined, proposed: object): TemplateDiff {
  if (!base) return { kind: 'new' };
  const before = new Map<string, Json>();
  const after = new Map<string, Json>();
  flatten(base, '', before);
  flatten(proposed, '', after);
  const changes: FieldChange[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(path);
    const now = after.get(path);
    if (was !== undefined && now !== undefined && JSON.stringify(was) === JSON.stringify(now)) continue;
    if (was === undefined && now !== undefined) changes.push({ path, kind: 'added', after: shown(now) });
    else if (now === undefined && was !== undefined) changes.push({ path, kind: 'removed', before: shown(was) });
    else if (was !== undefined && now !== undefined) {
      const change: FieldChange = { path, kind: 'changed', before: shown(was), after: shown(now) };
      if (typeof was === 'string' && typeof now === 'string' && (was.includes('\n') || now.includes('\n')))
        change.lines = diffLines(was, now);
      changes.push(change);
    }
  }
  return { kind: 'edit', changes };
}
