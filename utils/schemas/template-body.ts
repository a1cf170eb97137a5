/**
 * The template body language (pack format 2), parsed into a small tree. Part of the public format, so
 * it lives with the schemas: the pack's checks and the renderer read the same tree.
 *
 *   {{name}} {{name|fallback}}           a value (Dalil's own, or a fill-in field)
 *   {{#if name}}…{{else}}…{{/if}}        text when a toggle is on or a field has a value
 *   {{#if name = value}}…{{/if}}         … when a menu's choice is `value` (`!=` for "is not")
 *   {{> template.id}}                    the body of another template of the pack, included
 *   {{cursor}} {{cursor|placeholder}}    where the caret goes after insert (the placeholder selected)
 */

export type BodyNode =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string; fallback?: string }
  | { kind: 'if'; name: string; op?: '=' | '!='; value?: string; whenTrue: BodyNode[]; whenFalse: BodyNode[] }
  | { kind: 'include'; id: string }
  | { kind: 'cursor'; placeholder: string };

export interface BodySyntaxError {
  message: string;
  /** Dalil's code for the problem, with the values its message names. */
  params: Record<string, string>;
}

export type ParsedBody = { ok: true; nodes: BodyNode[] } | { ok: false; error: BodySyntaxError };

const TAG = /\{\{\s*([^{}]*?)\s*\}\}/g;
const IF = /^#if\s+([^\s=!]+)(?:\s*(!=|=)\s*(.+))?$/;
const INCLUDE = /^>\s*(\S+)$/;
const CURSOR = /^cursor(?:\s*\|([^{}]*))?$/;

/** Whether a tag is one of the directives format 2 added (format 1 read them as fill-in fields). */
export const isDirectiveTag = (inner: string): boolean => /^(#|\/|>|else$|cursor\s*(\||$))/.test(inner.trim());

export function parseBody(body: string): ParsedBody {
  const root: BodyNode[] = [];
  // Open blocks, innermost last; `inElse` says which branch now collects nodes.
  const stack: Array<{ node: Extract<BodyNode, { kind: 'if' }>; inElse: boolean }> = [];
  let cursors = 0;
  const fail = (code: string, message: string, params: Record<string, string> = {}): ParsedBody => ({
    ok: false,
    error: { message, params: { dalil: code, ...params } },
  });
  const out = () => {
    const open = stack.at(-1);
    if (!open) return root;
    return open.inElse ? open.node.whenFalse : open.node.whenTrue;
  };
  let last = 0;
  for (const match of body.matchAll(TAG)) {
    const index = match.index ?? 0;
    if (index > last) out().push({ kind: 'text', text: body.slice(last, index) });
    last = index + match[0].length;
    const inner = match[1];
    if (inner.startsWith('#')) {
      const m = IF.exec(inner);
      if (!m)
        return fail('body-bad-tag', `"{{${inner}}}" is not a condition: write {{#if field}} or {{#if field = value}}`, {
          tag: inner,
        });
      const node: Extract<BodyNode, { kind: 'if' }> = { kind: 'if', name: m[1], whenTrue: [], whenFalse: [] };
      if (m[2]) {
        node.op = m[2] as '=' | '!=';
        node.value = m[3].trim();
      }
      out().push(node);
      stack.push({ node, inElse: false });
    } else if (inner === 'else') {
      const open = stack.at(-1);
      if (!open || open.inElse) return fail('body-unbalanced', '{{else}} outside a {{#if}}…{{/if}}', { tag: 'else' });
      open.inElse = true;
    } else if (inner.startsWith('/')) {
      if (inner !== '/if')
        return fail('body-bad-tag', `"{{${inner}}}" closes nothing: conditions end with {{/if}}`, { tag: inner });
      if (!stack.pop()) return fail('body-unbalanced', '{{/if}} without its {{#if}}', { tag: '/if' });
    } else if (inner.startsWith('>')) {
      const m = INCLUDE.exec(inner);
      if (!m) return fail('body-bad-tag', `"{{${inner}}}": include another template as {{> template.id}}`, { tag: inner });
      out().push({ kind: 'include', id: m[1] });
    } else if (CURSOR.test(inner)) {
      cursors++;
      if (cursors > 1) return fail('body-two-cursors', 'A body has one {{cursor}} at most');
      out().push({ kind: 'cursor', placeholder: CURSOR.exec(inner)?.[1] ?? '' });
    } else {
      const bar = inner.indexOf('|');
      const name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
      // "{{}}" named nothing in format 1 either: it stays text.
      if (!name) out().push({ kind: 'text', text: match[0] });
      else out().push(bar === -1 ? { kind: 'value', name } : { kind: 'value', name, fallback: inner.slice(bar + 1) });
    }
  }
  if (last < body.length) out().push({ kind: 'text', text: body.slice(last) });
  const open = stack.at(-1);
  if (open)
    return fail('body-unbalanced', `{{#if ${open.node.name}}} is not closed with {{/if}}`, { tag: `#if ${open.node.name}` });
  return { ok: true, nodes: root };
}

/** Every node of a tree, depth first. */
export function* walkBody(nodes: BodyNode[]): Generator<BodyNode> {
  for (const node of nodes) {
    yield node;
    if (node.kind === 'if') {
      yield* walkBody(node.whenTrue);
      yield* walkBody(node.whenFalse);
    }
  }
}
