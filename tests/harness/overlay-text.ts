/**
 * The text inside Dalil's closed shadow roots on a Chromium page, read the way DevTools does (CDP pierces
 * closed roots; the page's own scripts cannot). One string per root element (badge, checklist item…), in order.
 */
import type { Page } from 'playwright-core';

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  children?: DomNode[];
  shadowRoots?: Array<DomNode & { shadowRootType?: string }>;
}

export async function closedOverlayText(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const texts: string[] = [];
    const textOf = (node: DomNode): string =>
      node.nodeType === 3 ? (node.nodeValue ?? '') : (node.children ?? []).map(textOf).join('');
    const walk = (node: DomNode, inClosed: boolean) => {
      // Text only: the composer's own button (an icon, named by aria-label) has none.
      const text = inClosed && node.nodeType === 1 && ['BUTTON', 'LI', 'DIV'].includes(node.nodeName) ? textOf(node) : '';
      if (text) texts.push(text);
      for (const shadow of node.shadowRoots ?? []) walk(shadow, inClosed || shadow.shadowRootType === 'closed');
      for (const child of node.children ?? []) walk(child, inClosed);
    };
    walk(root, false);
    return texts;
  } finally {
    await cdp.detach();
  }
}
