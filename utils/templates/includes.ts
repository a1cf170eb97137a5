/** The templates a template includes (`{{> id}}`), at any depth, fetched through `get` (on use, in composers). */
import type { Platform } from '../schemas/common';
import { parseBody, walkBody } from '../schemas/template-body';
import { bodyFor, type RenderableTemplate } from './render';

const MAX_INCLUDED = 20;

export async function includedTemplates<T extends RenderableTemplate>(
  template: RenderableTemplate,
  platform: Platform,
  get: (id: string) => Promise<T | undefined>,
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  const pending = [template];
  while (pending.length > 0 && found.size < MAX_INCLUDED) {
    const next = pending.pop() as RenderableTemplate;
    const body = bodyFor(next, platform);
    if (!body.includes('{{>')) continue;
    const parsed = parseBody(body);
    if (!parsed.ok) continue;
    for (const node of walkBody(parsed.nodes)) {
      if (node.kind !== 'include' || found.has(node.id)) continue;
      const inner = await get(node.id);
      if (!inner) continue;
      found.set(node.id, inner);
      pending.push(inner);
    }
  }
  return found;
}
