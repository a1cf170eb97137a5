import type { Platform } from '../schemas/common';

/** Who and what the agent is replying to, read from the page around the composer. */
export interface ReplyContext {
  commenterName?: string;
  commentText?: string;
  /** Link to the comment (or post) being answered. */
  permalink?: string;
}

/** A comment on the page, for "Save as testimonial". */
export interface PageComment {
  author: string;
  text: string;
  permalink?: string;
}

/**
 * Where a platform lives and what it is called: its adapter file says it, and the content script's
 * matches, host detection and the labels in the side panel are made from these.
 */
export interface PlatformSite {
  platform: Exclude<Platform, 'generic'>;
  /** The content script's match patterns (also where the picker may be framed). */
  matches: readonly string[];
  /** Its host names, without `www.`, `web.` or `m.`. */
  hosts: readonly string[];
  /** Its name in each interface language. */
  label: { en: string; ar: string };
}

export interface PlatformAdapter {
  platform: Platform;
  /** The editable root of one of this platform's composers that contains `target`, if it is one. */
  composerFor(target: Element): HTMLElement | null;
  readContext(composer: HTMLElement): ReplyContext;
  /** The comment that `target` is part of, if any. */
  commentAt(target: Element): PageComment | null;
}

/** A comment as "Save as testimonial" needs it: only when both its author and its text were found. */
export const pageComment = (c: { author?: string; text?: string; permalink?: string }): PageComment | null =>
  c.author && c.text ? { author: c.author, text: c.text, permalink: c.permalink } : null;

export const textOf = (el: Element | null | undefined): string | undefined => {
  const text = (el as HTMLElement | null)?.innerText ?? el?.textContent ?? undefined;
  const clean = text?.replace(/\s+/g, ' ').trim();
  return clean || undefined;
};

/** Multi-line text of a comment body, lines kept. */
export const bodyOf = (el: Element | null | undefined): string | undefined => {
  const text = (el as HTMLElement | null)?.innerText ?? el?.textContent ?? undefined;
  const clean = text
    ?.split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
  return clean || undefined;
};

export const absoluteUrl = (href: string | null | undefined, base: string): string | undefined => {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/** The last element matching `selector` that comes before `node` in document order. */
export function lastBefore(node: Node, selector: string): Element | null {
  const all = node.ownerDocument?.querySelectorAll(selector) ?? [];
  let found: Element | null = null;
  for (const el of all) {
    if (el.contains(node)) return el; // an ancestor is the closest "before"
    if (el.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) found = el;
    else break;
  }
  return found;
}

/** A mention at the start of a reply ("@Maryam Al-Harbi …"): platforms prefill it when you press Reply. */
export function leadingMention(text: string): string | undefined {
  return /^@([^\n@]+?)(?:\s{2,}|\s*$|\s(?=[^\s]))/.exec(text.trim())?.[1]?.trim();
}
